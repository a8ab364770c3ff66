// Runs script-convert compiled to wasm32 under Node's V8 (a proxy for Chromium).
// Throughput is best-of-N in process CPU time; load+prepare is wall time.
// Usage: node run.mjs WASM DICT_DIR TRAD_TEXT SIMP_TEXT [ROUNDS]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [wasmPath, dictDir, tradPath, simpPath, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg || 5);
const manifest = JSON.parse(readFileSync(join(dictDir, 'manifest.json'), 'utf8'));
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const w = instance.exports;
const enc = new TextEncoder();
const dec = new TextDecoder();
const put = (bytes) => {
  const p = w.alloc(bytes.length);
  new Uint8Array(w.memory.buffer, p, bytes.length).set(bytes);
  return p;
};
const texts = { trad: readFileSync(tradPath), simp: readFileSync(simpPath) };
console.log('| engine | config | input | MB/s | load+prepare ms |');
console.log('|---|---|---|---|---|');
for (const [cfg, input] of [['t2s', 'trad'], ['s2t', 'simp'], ['s2twp', 'simp'], ['tw2sp', 'trad']]) {
  const files = manifest.configs[cfg].map((f) => readFileSync(join(dictDir, f.file)));
  let load = Infinity;
  for (let r = 0; r < 10; r++) {
    const t0 = performance.now();
    for (const f of files) w.add_file(put(f), f.length);
    const name = enc.encode(cfg);
    const np = put(name);
    if (w.build(np, name.length) !== 0) throw new Error('build failed for ' + cfg);
    w.release(np, name.length);
    load = Math.min(load, performance.now() - t0);
  }
  const text = texts[input];
  const tp = put(text);
  if (w.set_input(tp, text.length) !== 0) throw new Error('input is not UTF-8');
  let best = Infinity;
  let outLen = 0;
  for (let r = 0; r < rounds; r++) {
    // Process CPU time (user + system), robust against other processes on the machine.
    const c0 = process.cpuUsage();
    outLen = w.convert_input();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1e3);
  }
  // Touch the output so that it is really produced.
  dec.decode(new Uint8Array(w.memory.buffer, w.out_ptr(), Math.min(outLen, 64)));
  w.release(tp, text.length);
  console.log(`| script-convert (wasm32, V8 ${process.versions.v8}) | ${cfg} | ${input === 'trad' ? 'traditional' : 'simplified'} | ${(text.length / 1e6 / (best / 1e3)).toFixed(0)} | ${load.toFixed(2)} |`);
}
