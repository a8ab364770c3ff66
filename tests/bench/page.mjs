// In-page side of the browser benchmark: this engine (wasm, `crates/bench-wasm`) and opencc-js
// in the same page, on the same corpus. `window.bench.measure(config)` times loading and
// preparing; the driver then times conversions with `setText` and `once`, and takes both
// outputs with `outputs()` to compare them with OpenCC offline.
import init, * as engine from "./pkg/bench_wasm.js";
import OpenCC from "./opencc-js.mjs";

// opencc-js's locale pairs for the OpenCC configs measured (its README's table).
const OPENCC_JS = {
  t2s: { from: "t", to: "cn" },
  s2t: { from: "cn", to: "t" },
  s2twp: { from: "cn", to: "twp" },
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

async function measure(config) {
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

  state.jsConv = jsConv;
  return res;
}

// Throughput: the driver times single calls of `once` (wall time here, and the main thread's CPU
// time through the DevTools protocol), so that it can run warm-ups and repetitions itself.
const state = { jsConv: null, text: "", wasmOut: "", jsOut: "" };

/** Fetches one input for the config loaded by `measure`; returns its size in UTF-8 bytes. */
async function setText(url) {
  state.text = await (await fetchOk(url)).text();
  engine.set_input(state.text);
  return new TextEncoder().encode(state.text).length;
}

/** One conversion of the current text; returns its wall time in ms. */
function once(kind) {
  const t = now();
  if (kind === "core") engine.run();
  else if (kind === "e2e") state.wasmOut = engine.convert(state.text);
  else state.jsOut = state.jsConv(state.text);
  return now() - t;
}

const outputs = () => ({ wasm: state.wasmOut, js: state.jsOut });

window.bench = { ready: false, error: null, measure, first, setText, once, outputs };
init()
  .then(() => {
    window.bench.ready = true;
  })
  .catch((e) => {
    window.bench.error = String(e);
  });
