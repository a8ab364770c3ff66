// In-page side of the browser benchmark: this engine (wasm, `crates/bench-wasm`) and opencc-js
// in the same page, on the same corpus. `window.bench.measure(config, iters)` returns the
// timings and both outputs (the driver compares them with OpenCC offline).
import init, * as engine from "./pkg/bench_wasm.js";
import OpenCC from "./opencc-js.mjs";

// opencc-js's locale pairs for the OpenCC configs measured (its README's table).
const OPENCC_JS = {
  t2s: { from: "t", to: "cn" },
  s2t: { from: "cn", to: "t" },
  s2twp: { from: "cn", to: "twp" },
};
// Inputs per config: the key-dense mixed corpus (case "t2s") and news text (case "t2s.news").
const INPUTS = {
  t2s: [["", "corpus/trad.txt"], [".news", "corpus/news-trad.txt"]],
  s2t: [["", "corpus/simp.txt"], [".news", "corpus/news-simp.txt"]],
  s2twp: [["", "corpus/simp.txt"], [".news", "corpus/news-simp.txt"]],
};

const now = () => performance.now();

function median(xs) {
  const v = [...xs].sort((a, b) => a - b);
  const n = v.length;
  return n === 0 ? 0 : n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

async function fetchOk(url) {
  const r = await fetch(url, { cache: "no-store" });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r;
}

/** Times `f` once (cold), then `reps` batches of `batch` calls; returns ms per call. */
function timeCalls(f, reps) {
  let t = now();
  f();
  const cold = now() - t;
  // performance.now() is coarse (0.1 ms) in a page that is not cross-origin isolated:
  // batch fast calls so each timed span is at least a few milliseconds.
  const batch = cold < 2 ? 20 : cold < 20 ? 5 : 1;
  const per = [];
  for (let r = 0; r < reps; r++) {
    t = now();
    for (let i = 0; i < batch; i++) f();
    per.push((now() - t) / batch);
  }
  return { cold, median: median(per), batch };
}

/** Median MB/s of `iters` runs after two warm-up runs (so that V8 has tiered the wasm up:
 * a long call keeps running in the code it started with); returns the last output too. */
function throughput(bytes, iters, f) {
  f();
  let out = f();
  const rates = [];
  for (let i = 0; i < iters; i++) {
    out = null;
    const t = now();
    out = f();
    rates.push(bytes / 1e6 / ((now() - t) / 1e3));
  }
  return { mbps: median(rates), min: Math.min(...rates), max: Math.max(...rates), out };
}

async function fetchGroups(config) {
  const manifest = await (await fetchOk("dict/manifest.json")).json();
  const entries = manifest.configs[config];
  const names = [];
  const files = [];
  for (const e of entries) {
    names.push(e.file);
    files.push(new Uint8Array(await (await fetchOk(`dict/${e.file}`)).arrayBuffer()));
  }
  return { entries, names, files };
}

/** First load + prepare in this (fresh) page: the engine's, then opencc-js's setup. */
async function first(config) {
  const { names, files } = await fetchGroups(config);
  let t = now();
  engine.load(config, names, files);
  const wasm = now() - t;
  t = now();
  OpenCC.Converter(OPENCC_JS[config]);
  return { wasm, js: now() - t };
}

async function measure(config, iters) {
  const res = { config, metrics: {} };
  const m = res.metrics;

  // Dictionary files of this config, as the widget would fetch them (timed separately).
  const t = now();
  const { entries, names, files } = await fetchGroups(config);
  m.fetch_ms = now() - t;
  m.dict_bytes = files.reduce((s, f) => s + f.length, 0);

  // Load and prepare: copy into wasm memory + Converter::from_files (fetch excluded).
  const load = timeCalls(() => engine.load(config, names, files), 15);
  m.wasm_load_cold_ms = load.cold;
  m.wasm_load_ms = load.median;
  for (let i = 0; i < names.length; i++) {
    const g = timeCalls(() => engine.prepare_group(names[i], files[i]), 11);
    m[`wasm_group_ms:${entries[i].group}`] = g.median;
  }
  engine.load(config, names, files);

  // opencc-js: building its converter (its dictionaries are parsed into tries here).
  let jsConv = null;
  const setup = timeCalls(() => (jsConv = OpenCC.Converter(OPENCC_JS[config])), 7);
  m.js_setup_cold_ms = setup.cold;
  m.js_setup_ms = setup.median;

  // Throughput on the same texts.
  res.cases = [];
  for (const [suffix, url] of INPUTS[config]) {
    const text = await (await fetchOk(url)).text();
    const bytes = new TextEncoder().encode(text).length;
    const c = { key: config + suffix, metrics: {} };
    const cm = c.metrics;
    cm.input_bytes = bytes;
    engine.set_input(text);
    const core = throughput(bytes, iters, () => engine.run());
    cm.wasm_core_mbps = core.mbps;
    cm.wasm_core_range = `${core.min.toFixed(1)}–${core.max.toFixed(1)}`;
    engine.set_input("");
    const e2e = throughput(bytes, iters, () => engine.convert(text));
    cm.wasm_e2e_mbps = e2e.mbps;
    cm.wasm_e2e_range = `${e2e.min.toFixed(1)}–${e2e.max.toFixed(1)}`;
    const js = throughput(bytes, iters, () => jsConv(text));
    cm.js_mbps = js.mbps;
    cm.js_mbps_range = `${js.min.toFixed(1)}–${js.max.toFixed(1)}`;
    c.wasmOutput = e2e.out;
    c.jsOutput = js.out;
    res.cases.push(c);
  }
  return res;
}

window.bench = { ready: false, error: null, measure, first };
init()
  .then(() => {
    window.bench.ready = true;
  })
  .catch((e) => {
    window.bench.error = String(e);
  });
