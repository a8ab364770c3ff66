// Script-switch latency of the widget in headless Chromium, driven by `cargo xtask bench
// --only widget` (which builds the release assets, writes the pages and serves them on
// AW_BASE). Prints one JSON record per line; xtask renders them into docs/BENCHMARKS.md.
//
// Each sample is a fresh browser context (cold HTTP cache, empty storage). The click is made
// in the page; "painted" is a task queued from the first animation frame after the widget's
// `article-widget:script` event (which fires once the converted text is in the DOM), so it
// runs after that frame's paint. Long tasks are observed with PerformanceObserver during the switch.
import { launchChromium } from "../chromium.mjs";

const BASE = process.env.AW_BASE;
const RUNS = Number(process.env.AW_RUNS || 7);
if (!BASE) {
  throw new Error("AW_BASE must be set (run `cargo xtask bench --only widget`)");
}

const browser = await launchChromium();

const NETWORKS = {
  local: null,
  // The phone network: 9 Mbit/s down, 60 ms round trip.
  "4g": { offline: false, latency: 60, downloadThroughput: (9e6 / 8) | 0, uploadThroughput: (1.5e6 / 8) | 0 },
};

/** One fresh context: loads `page`, then clicks each option of `steps` in turn. */
async function sample(page, steps, network) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const tab = await context.newPage();
  if (NETWORKS[network]) {
    const cdp = await context.newCDPSession(tab);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", NETWORKS[network]);
  }
  await tab.goto(`${BASE}/target/bench/switch/${page}`);
  await tab.waitForFunction(() => document.querySelector("article-widget")?.getAttribute("data-state") === "loaded", null, {
    timeout: 60000,
  });
  await tab.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: false });
  });
  const out = [];
  for (const script of steps) {
    const r = await tab.evaluate(
      (script) =>
        new Promise((resolve, reject) => {
          const host = document.querySelector("article-widget");
          const button = host.shadowRoot.querySelector(`button[data-script="${script}"]`);
          const timer = setTimeout(() => reject(new Error(`no switch to ${script}`)), 60000);
          const t0 = performance.now();
          host.addEventListener(
            "article-widget:script",
            () =>
              // The frame that paints the new text, then a task queued after that paint.
              requestAnimationFrame(() => {
                const after = new MessageChannel();
                after.port1.onmessage = () => {
                  clearTimeout(timer);
                  const t1 = performance.now();
                  const tasks = window.__long.filter((t) => t.start + t.duration >= t0);
                  const bytes = performance
                    .getEntriesByType("resource")
                    .filter((e) => e.startTime >= t0 && (e.name.includes("/dict/") || e.name.includes("engine")))
                    .reduce((n, e) => n + (e.encodedBodySize || e.transferSize || 0), 0);
                  resolve({
                    ms: t1 - t0,
                    longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
                    bytes,
                    headline: host.shadowRoot.querySelector("h1").textContent,
                  });
                };
                after.port2.postMessage(0);
              }),
            { once: true }
          );
          button.click();
        }),
      script
    );
    out.push({ script, ...r });
  }
  const memory = await tab.evaluate(async () => {
    // The modules are already instantiated: their default export resolves to the exports.
    // The module instances the loader imported (content-hashed names after `cargo xtask build`).
    const loaded = (stem) =>
      performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .find((n) => new RegExp(`/pkg/${stem}(\\.[0-9a-f]{8,16})?\\.js$`).test(n));
    const linear = async (path) => {
      try {
        const m = await import(path);
        return (await m.default()).memory.buffer.byteLength;
      } catch (e) {
        return null;
      }
    };
    return {
      heap: performance.memory ? performance.memory.usedJSHeapSize : null,
      widget: await linear(loaded("article_widget")),
      engine: await linear(loaded("article_widget_engine")),
    };
  });
  await context.close();
  return { steps: out, memory };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Scenario: article page, the option clicked first, then the re-switch measured warm.
const SCENARIOS = [
  { page: "hant.html", article: "zh-Hant (the seed)", target: "hans" },
  { page: "hant.html", article: "zh-Hant (the seed)", target: "hant-tw" },
  { page: "hant.html", article: "zh-Hant (the seed)", target: "hant-hk" },
  { page: "hans.html", article: "zh-Hans (the seed in 简体)", target: "hant" },
  { page: "hans.html", article: "zh-Hans (the seed in 简体)", target: "hant-tw" },
  { page: "hans.html", article: "zh-Hans (the seed in 简体)", target: "hant-hk" },
  // Prepared (`article-widget prepare`): the first switch uses the article's dictionary slices.
  { page: "hant-prepared.html", article: "zh-Hant (the seed), prepared", target: "hans" },
  { page: "hans-prepared.html", article: "zh-Hans (the seed in 简体), prepared", target: "hant" },
  { page: "hans-prepared.html", article: "zh-Hans (the seed in 简体), prepared", target: "hant-tw" },
  { page: "hans-prepared.html", article: "zh-Hans (the seed in 简体), prepared", target: "hant-hk" },
];

for (const network of Object.keys(NETWORKS)) {
  for (const s of SCENARIOS) {
    const first = [];
    const warm = [];
    const longest = [];
    let bytes = 0;
    let headline = "";
    let memory = null;
    for (let i = 0; i < RUNS; i++) {
      const r = await sample(s.page, [s.target, "original", s.target], network);
      first.push(r.steps[0].ms);
      warm.push(r.steps[2].ms);
      longest.push(Math.max(...r.steps.map((x) => x.longest)));
      bytes = r.steps[0].bytes;
      headline = r.steps[0].headline;
      memory = r.memory;
    }
    console.log(
      JSON.stringify({
        kind: "switch",
        network,
        article: s.article,
        target: s.target,
        runs: RUNS,
        first_ms: median(first),
        first_max_ms: Math.max(...first),
        warm_ms: median(warm),
        warm_max_ms: Math.max(...warm),
        longest_task_ms: Math.max(...longest),
        bytes,
        js_heap: memory.heap,
        widget_memory: memory.widget,
        engine_memory: memory.engine,
        headline,
      })
    );
  }
}
await browser.close();
