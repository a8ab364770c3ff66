// Time to article, layout shift, main-thread cost and memory of the widget against the same
// article as static HTML, in headless Chromium. Driven by `cargo xtask bench --only widget`,
// which builds the release assets, writes the pages under target/bench/widget/ and serves the
// repository on AW_BASE. Prints one JSON record per line.
//
// Pages (same server, same article):
//   static   the `article-widget snippet` output without its script: the floor;
//   widget   the partner embed: <article-widget src> and the loader;
//   snippet  the snippet with its script: static first, upgraded to the live widget.
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
  const headline = () => {
    const light = document.querySelector("h1");
    if (light && light.textContent) return true;
    for (const host of document.querySelectorAll("article-widget, [data-article-src]")) {
      const h = host.shadowRoot && host.shadowRoot.querySelector("h1");
      if (h && h.textContent) return true;
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

async function sample(page, throttle) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  if (throttle > 1) {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
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

const PAGES = ["static", "widget", "snippet"];
for (const throttle of [1, 4]) {
  const samples = Object.fromEntries(PAGES.map((p) => [p, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const page of PAGES) {
      samples[page].push(await sample(page, throttle));
    }
  }
  for (const page of PAGES) {
    const s = samples[page];
    console.log(
      JSON.stringify({
        kind: "article",
        page,
        throttle,
        runs: RUNS,
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
