// Time to article, layout shift, main-thread cost and memory of the widget against the same
// article as static HTML, in headless Chromium. Driven by `cargo xtask bench --only widget`,
// which builds the release assets, writes the pages under target/bench/widget/ and serves the
// repository on AW_BASE. Prints one JSON record per line.
//
// Pages (same server, same article):
//   static   the `article-widget snippet` output without its script: the floor;
//   widget   the partner embed: <article-widget src> and the loader;
//   snippet  the snippet with its script: static first, upgraded to the live widget;
//   prepared       the embed on the prepared seed (with its slices), published script;
//   prepared-hans  the same with script="hans": the reader's script (issue #20, goal 2);
//   hans           the embed on the unprepared seed with script="hans" (needs dictionaries).
// On a page with `data-bench-headline`, "article" is the first frame showing that headline
// (the reader's script); a frame with another headline before it counts as a flash.
// Conditions: 1× and 4× CPU on loopback, and 1× on an emulated 9 Mbit/s, 60 ms RTT link.
// AW_PAGES (comma-separated) measures only those pages (the floor is always measured).
// Each sample is a fresh browser context (cold cache); pages are interleaved run by run.
// "Article" is the first animation frame at which the headline's text is in the document (or
// in a widget's shadow root), observed from a script injected before the page's own.
import { launchChromium } from "../chromium.mjs";

const BASE = process.env.AW_BASE;
const RUNS = Number(process.env.AW_RUNS || 7);
if (!BASE) {
  throw new Error("AW_BASE must be set (run `cargo xtask bench --only widget`)");
}

const browser = await launchChromium();

const PROBE = () => {
  window.__shifts = 0;
  window.__tasks = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
  }).observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  window.__flash = false;
  const headline = () => {
    const marked = document.querySelector("[data-bench-headline]");
    const want = marked && marked.getAttribute("data-bench-headline");
    const light = document.querySelector("h1");
    if (light && light.textContent) return true;
    for (const host of document.querySelectorAll("article-widget, [data-article-src]")) {
      const h = host.shadowRoot && host.shadowRoot.querySelector("h1");
      if (h && h.textContent) {
        if (!want || h.textContent === want) return true;
        window.__flash = true;
      }
    }
    return false;
  };
  const poll = () => {
    if (headline()) {
      requestAnimationFrame(() => {
        window.__article = performance.now();
      });
    } else {
      requestAnimationFrame(poll);
    }
  };
  requestAnimationFrame(poll);
};

// The phone network: 9 Mbit/s down, 60 ms round trip (as tests/bench/switch.mjs).
const NETWORKS = {
  local: null,
  "4g": { offline: false, latency: 60, downloadThroughput: (9e6 / 8) | 0, uploadThroughput: (1.5e6 / 8) | 0 },
};

async function sample(page, throttle, network) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  if (throttle > 1) {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  }
  if (NETWORKS[network]) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", NETWORKS[network]);
  }
  await tab.addInitScript(PROBE);
  await tab.goto(`${BASE}/target/bench/widget/${page}.html`);
  await tab.waitForFunction(() => window.__article !== undefined, null, { timeout: 60000 });
  // Let a live upgrade (snippet page) and any late shift settle.
  await tab.waitForTimeout(page === "static" ? 300 : 1200);
  const r = await tab.evaluate(async () => {
    const tasks = window.__tasks.filter((t) => t.start <= window.__article);
    let wasm = null;
    const host = document.querySelector("article-widget");
    if (host && host.shadowRoot && window.ArticleWidget) {
      try {
        // The module instance the loader imported (content-hashed name after `cargo xtask build`).
        const url = performance
          .getEntriesByType("resource")
          .map((e) => e.name)
          .find((n) => /\/pkg\/article_widget(\.[0-9a-f]{8,16})?\.js$/.test(n));
        const m = await import(url);
        const exports = await m.default();
        wasm = exports.memory.buffer.byteLength;
      } catch (e) {
        wasm = null;
      }
    }
    return {
      article: window.__article,
      flash: window.__flash,
      cls: window.__shifts,
      longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
      tbt: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
      heap: performance.memory ? performance.memory.usedJSHeapSize : null,
      wasm,
    };
  });
  await context.close();
  return r;
}

function median(xs) {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
}

const ALL = ["static", "widget", "snippet", "prepared", "prepared-hans", "hans"];
const only = process.env.AW_PAGES ? process.env.AW_PAGES.split(",") : ALL;
const PAGES = ALL.filter((p) => p === "static" || only.includes(p));
for (const [throttle, network] of [
  [1, "local"],
  [4, "local"],
  [1, "4g"],
]) {
  const samples = Object.fromEntries(PAGES.map((p) => [p, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const page of PAGES) {
      samples[page].push(await sample(page, throttle, network));
    }
  }
  for (const page of PAGES) {
    const s = samples[page];
    console.log(
      JSON.stringify({
        kind: "article",
        page,
        throttle,
        network,
        runs: RUNS,
        flash_runs: s.filter((x) => x.flash).length,
        article_ms: median(s.map((x) => x.article)),
        article_min_ms: Math.min(...s.map((x) => x.article)),
        article_max_ms: Math.max(...s.map((x) => x.article)),
        cls: Math.max(...s.map((x) => x.cls)),
        longest_task_ms: Math.max(...s.map((x) => x.longest)),
        tbt_ms: median(s.map((x) => x.tbt)),
        js_heap: median(s.map((x) => x.heap)),
        wasm_memory: median(s.map((x) => x.wasm)),
      })
    );
  }
}
await browser.close();
