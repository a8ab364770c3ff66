// Browser side of `cargo xtask bench`: opens tests/bench/page.html (copied to target/bench/ and
// served on 127.0.0.1 by the xtask) in headless Chromium, one fresh page per config, and prints
// tab-separated records like the native benchmark. Throughput is per CPU-second of the page's
// main thread (DevTools performance metrics in thread ticks; steadier on a shared machine) and
// by wall clock. Writes both outputs to BENCH_OUT so that they are compared with OpenCC like the
// native ones.
//
// Environment: BENCH_BASE (server URL), BENCH_OUT (output folder), BENCH_ITERS, BENCH_CHROMIUM.
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "../chromium.mjs";

const BASE = process.env.BENCH_BASE;
const OUT = process.env.BENCH_OUT;
const ITERS = Number(process.env.BENCH_ITERS || 5);
if (!BASE || !OUT) {
  console.error("BENCH_BASE and BENCH_OUT must be set (run `cargo xtask bench`)");
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });

const record = (who, config, metric, value) =>
  console.log(`browser\t${who}\t${config}\t${metric}\t${value}`);
const FIRST_PAGES = 5;
// Two warm-up calls: V8 keeps a long call running in the code it started with.
const WARMUPS = 2;
// Inputs per config: the key-dense mixed corpus (case "t2s") and news text (case "t2s.news").
const INPUTS = {
  t2s: [["", "trad.txt"], [".news", "news-trad.txt"]],
  s2t: [["", "simp.txt"], [".news", "news-simp.txt"]],
  s2twp: [["", "simp.txt"], [".news", "news-simp.txt"]],
};
const fmt = (metric, v) =>
  typeof v !== "number" ? v : metric.includes("mbps") || metric.includes("bytes") ? v.toFixed(1) : v.toFixed(2);
const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  const n = v.length;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
};

/** A fresh page with the harness started. */
async function openPage() {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  page.on("console", (m) => console.error(`page console: ${m.text()}`));
  await page.goto(`${BASE}/target/bench/page.html`);
  await page.waitForFunction(() => window.bench && (window.bench.ready || window.bench.error), null, {
    timeout: 60000,
  });
  const error = await page.evaluate(() => window.bench.error);
  if (error) throw new Error(`harness failed to start: ${error}`);
  return page;
}

const browser = await launchChromium();
try {
  record("meta", "-", "chromium", browser.version());
  record("meta", "-", "node", process.version);
  for (const config of ["t2s", "s2t", "s2twp"]) {
    // First load + prepare, in several fresh pages (one sample each).
    const firsts = [];
    for (let i = 0; i < FIRST_PAGES; i++) {
      const p = await openPage();
      firsts.push(await p.evaluate((c) => window.bench.first(c), config));
      await p.close();
    }
    for (const [who, key, metric] of [["wasm", "wasm", "load_first"], ["opencc-js", "js", "setup_first"]]) {
      const xs = firsts.map((f) => f[key]);
      record(who, config, `${metric}_ms`, fmt("ms", median(xs)));
      record(who, config, `${metric}_range`, `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`);
    }

    const page = await openPage();
    const res = await page.evaluate((c) => window.bench.measure(c), config);
    const show = (key, metrics) => {
      for (const [k, v] of Object.entries(metrics)) {
        const [metric, group] = k.split(":");
        const who = metric.startsWith("js_") ? "opencc-js" : metric.startsWith("wasm_") ? "wasm" : "page";
        record(who, group ? `${key}:${group}` : key, metric.replace(/^(js|wasm)_/, ""), fmt(metric, v));
      }
    };
    show(config, res.metrics);

    // Throughput: warm-ups, then timed single calls. CPU time of the page's main thread comes
    // from the DevTools protocol's performance metrics in thread ticks.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
    const cpuSecs = async () =>
      (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
    for (const [suffix, input] of INPUTS[config]) {
      const key = config + suffix;
      const bytes = await page.evaluate((u) => window.bench.setText(u), `corpus/${input}`);
      for (const [kind, who, metric] of [
        ["core", "wasm", "core"],
        ["e2e", "wasm", "e2e"],
        ["js", "opencc-js", "js"],
      ]) {
        for (let i = 0; i < WARMUPS; i++) await page.evaluate((k) => window.bench.once(k), kind);
        const cpu = [];
        const wall = [];
        for (let i = 0; i < ITERS; i++) {
          const c0 = await cpuSecs();
          const ms = await page.evaluate((k) => window.bench.once(k), kind);
          const c1 = await cpuSecs();
          wall.push(bytes / 1e6 / (ms / 1e3));
          cpu.push(bytes / 1e6 / Math.max(c1 - c0, 1e-9));
        }
        const prefix = metric === "js" ? "" : `${metric}_`;
        for (const [name, xs] of [[`${prefix}mbps`, cpu], [`${prefix}wall_mbps`, wall]]) {
          record(who, key, name, fmt("mbps", median(xs)));
          record(who, key, `${name}_range`, `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`);
        }
      }
      const out = await page.evaluate(() => window.bench.outputs());
      writeFileSync(join(OUT, `wasm-${key}.txt`), out.wasm);
      writeFileSync(join(OUT, `opencc-js-${key}.txt`), out.js);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
