// Crash handling and lifecycle under load, in real headless Chromium.
// Run through `cargo xtask e2e`, which also builds the crash-test module into target/crash-pkg/
// (served under /__crash/pkg/; never into www/pkg/).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { launchChromium } from "../chromium.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../..");
const BASE = process.env.AW_BASE;
assert.ok(BASE, "AW_BASE must be set (run `cargo xtask e2e`)");
const seed = JSON.parse(readFileSync(join(root, "www/article.json"), "utf8"));

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function newPage() {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  return page;
}

async function lifecyclePage() {
  const page = await newPage();
  await page.goto(`${BASE}/tests/e2e/pages/lifecycle.html`);
  await page.waitForFunction(() => window.ArticleWidget);
  return page;
}

const count = (page) => page.evaluate(() => window.ArticleWidget.mountedCount());

/** Exports of a wasm file on disk (the shipped one, or the crash-test build). */
function wasmExports(path) {
  return WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(path))).map((e) => e.name);
}

test("crash: a trap puts every widget in a crash state with a Reload button; the page keeps working; reload recovers", async () => {
  const page = await newPage();
  await page.goto(`${BASE}/tests/e2e/pages/crash.html`);
  await page.waitForFunction(
    () => ["#a", "#b", "#c"].every((s) => document.querySelector(s).getAttribute("data-state") === "loaded"),
    null,
    { timeout: 30000 }
  );
  await page.evaluate(() => {
    window.events = [];
    document.addEventListener("article-widget:error", (e) => window.events.push({ id: e.target.id, ...e.detail }));
  });
  // The panic, from a timer (as a module callback would): no loader call is on the stack, so
  // the loader learns of it from the page's error event.
  await page.evaluate(async () => {
    const m = await import("/__crash/pkg/article_widget.js");
    setTimeout(() => m.__crash());
  });
  await page.waitForFunction(() => ["#a", "#b", "#c"].every((s) => document.querySelector(s).getAttribute("data-state") === "error"));
  const crashed = await page.evaluate(() =>
    ["#a", "#b", "#c"].map((s) => {
      const root = document.querySelector(s).shadowRoot;
      const box = root.querySelector(".aw-error");
      const button = box?.querySelector("button.aw-retry");
      return {
        title: box?.querySelector(".aw-error-title")?.textContent,
        button: button?.textContent,
        buttonType: button?.type,
        article: !!root.querySelector("article"),
        styled: getComputedStyle(box).borderTopStyle,
        lang: box?.closest("[lang]")?.lang,
      };
    })
  );
  for (const c of crashed) {
    assert.deepEqual(c, {
      title: "The article widget stopped working",
      button: "Reload",
      buttonType: "button",
      article: false,
      styled: "solid", // The widget's stylesheet still applies (.aw-error has a border).
      lang: "en",
    });
  }
  const events = await page.evaluate(() => window.events);
  assert.deepEqual(events.map((e) => [e.id, e.kind]).sort(), [["a", "crashed"], ["b", "crashed"], ["c", "crashed"]]);
  assert.ok(events.every((e) => e.src?.endsWith("/www/article.json") && /crashed/.test(e.message)), JSON.stringify(events));
  // The module is unusable: a new mount rejects and shows the crash state at once.
  const late = await page.evaluate(async () => {
    const el = document.createElement("div");
    el.id = "late";
    document.body.appendChild(el);
    const result = await window.ArticleWidget.mount(el, { src: "/www/article.json" }).then(
      () => "mounted",
      (e) => e.name
    );
    return { result, state: el.getAttribute("data-state"), button: !!el.shadowRoot?.querySelector(".aw-retry") };
  });
  assert.deepEqual(late, { result: "RuntimeError", state: "error", button: true });
  // The host page's own script still runs.
  await page.click("#counter");
  await page.click("#counter");
  assert.equal(await page.textContent("#counter"), "2");
  assert.ok(page.errors.every((e) => /unreachable/.test(e)), `only the trap reaches the page: ${page.errors}`);
  // Reload (a fresh module instance, no page reload): every widget renders again.
  await page.evaluate(() => {
    window.notReloaded = true;
  });
  await page.locator("#b").locator(".aw-retry").click();
  await page.waitForFunction(
    () => ["#a", "#b", "#c", "#late"].every((s) => document.querySelector(s).getAttribute("data-state") === "loaded"),
    null,
    { timeout: 30000 }
  );
  assert.equal(await page.evaluate(() => window.notReloaded), true, "the page itself was not reloaded");
  assert.equal(await count(page), 4);
  assert.equal(await page.evaluate(() => document.querySelector("#a").shadowRoot.querySelector("h1").textContent), seed.headline);
  assert.equal(await page.textContent("#counter"), "2");
  await page.close();
});

test("crash: the crash box speaks the language the module picks for the widget's own words", async () => {
  const page = await newPage();
  await page.goto(`${BASE}/tests/e2e/pages/crash.html`);
  await page.waitForFunction(
    () => ["#a", "#b", "#c"].every((s) => document.querySelector(s).getAttribute("data-state") === "loaded"),
    null,
    { timeout: 30000 }
  );
  // Widgets whose article fails to load: each shows the module's own error box first. The
  // crash box must use the same labels (the loader has no language table of its own).
  const cases = [
    // The script subtag wins over the region.
    { id: "hans-tw", uiLang: "zh-Hans-TW", lang: "zh-Hans", title: "文章小组件已停止运行", button: "重新加载" },
    // Cantonese is Traditional.
    { id: "yue", uiLang: "yue", lang: "zh-Hant", title: "文章小工具已停止運作", button: "重新載入" },
    // Without uiLang: the page's language.
    { id: "page", pageLang: "yue", lang: "zh-Hant", title: "文章小工具已停止運作", button: "重新載入" },
    { id: "en", uiLang: "en-GB", lang: "en", title: "The article widget stopped working", button: "Reload" },
  ];
  const before = await page.evaluate(async (cases) => {
    const out = {};
    for (const c of cases) {
      const el = document.createElement("div");
      el.id = c.id;
      document.body.appendChild(el);
      document.documentElement.lang = c.pageLang || "en";
      await window.ArticleWidget.mount(el, c.uiLang ? { src: `/__faults/status/404?${c.id}`, uiLang: c.uiLang } : { src: `/__faults/status/404?${c.id}` });
      document.documentElement.lang = "en";
    }
    await new Promise((resolve) => {
      const check = () => (cases.every((c) => document.getElementById(c.id).getAttribute("data-state") === "error") ? resolve() : setTimeout(check, 50));
      check();
    });
    for (const c of cases) {
      const box = document.getElementById(c.id).shadowRoot.querySelector(".aw-error");
      out[c.id] = { lang: box.lang, message: !!box.querySelector(".aw-error-message") };
    }
    return out;
  }, cases);
  await page.evaluate(async () => {
    const m = await import("/__crash/pkg/article_widget.js");
    setTimeout(() => m.__crash());
  });
  await page.waitForFunction(() => ["#a", "#b", "#c"].every((s) => document.querySelector(s).getAttribute("data-state") === "error"));
  const after = await page.evaluate(
    (ids) =>
      Object.fromEntries(
        ids.map((id) => {
          const box = document.getElementById(id).shadowRoot.querySelector(".aw-error");
          return [
            id,
            {
              lang: box.closest("[lang]").lang,
              title: box.querySelector(".aw-error-title").textContent,
              button: box.querySelector("button.aw-retry").textContent,
              message: !!box.querySelector(".aw-error-message"),
            },
          ];
        })
      ),
    cases.map((c) => c.id)
  );
  for (const c of cases) {
    assert.deepEqual(before[c.id], { lang: c.lang, message: true }, `${c.id}: the module's error box`);
    assert.deepEqual(after[c.id], { lang: c.lang, title: c.title, button: c.button, message: false }, `${c.id}: the crash box`);
  }
  await page.close();
});

test("crash: the shipped module has no test-only export; the crash-test build has it", () => {
  const shipped = wasmExports(join(root, "www/pkg/article_widget_bg.wasm"));
  assert.ok(shipped.includes("mount"), "the shipped module exports mount");
  assert.ok(!shipped.some((n) => /crash/i.test(n)), `shipped exports: ${shipped}`);
  assert.ok(!/__crash/.test(readFileSync(join(root, "www/pkg/article_widget.js"), "utf8")));
  const target = process.env.CARGO_TARGET_DIR ? join(root, process.env.CARGO_TARGET_DIR) : join(root, "target");
  assert.ok(wasmExports(join(target, "crash-pkg/article_widget_bg.wasm")).includes("__crash"));
});

test("custom element: <article-widget> inside another component's shadow root mounts, and unmounts when removed", async () => {
  const page = await lifecyclePage();
  await page.evaluate(() => {
    customElements.define(
      "x-card",
      class extends HTMLElement {
        constructor() {
          super();
          const widget = document.createElement("article-widget");
          widget.setAttribute("src", "/www/article.json");
          this.attachShadow({ mode: "open" }).appendChild(widget);
        }
      }
    );
    document.getElementById("stage").appendChild(document.createElement("x-card"));
  });
  await page.waitForFunction(() => document.querySelector("x-card").shadowRoot.querySelector("article-widget").getAttribute("data-state") === "loaded");
  const headline = await page.evaluate(
    () => document.querySelector("x-card").shadowRoot.querySelector("article-widget").shadowRoot.querySelector("h1").textContent
  );
  assert.equal(headline, seed.headline);
  assert.equal(await count(page), 1);
  // Moved within the page: still mounted, not remounted.
  await page.evaluate(() => document.body.prepend(document.querySelector("x-card")));
  await page.waitForTimeout(100);
  assert.equal(await count(page), 1);
  // A [data-article-src] div still works.
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.setAttribute("data-article-src", "/www/article.json");
    document.getElementById("stage").appendChild(div);
  });
  // Below the article: it mounts when scrolled near.
  await page.locator("#stage [data-article-src]").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector("#stage [data-article-src]").getAttribute("data-state") === "loaded");
  assert.equal(await count(page), 2);
  await page.evaluate(() => document.querySelector("x-card").remove());
  await page.waitForFunction(() => window.ArticleWidget.mountedCount().then((n) => n === 1));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("script API: a widget unmounts when its element leaves the page, in the document or a shadow root", async () => {
  const page = await lifecyclePage();
  await page.evaluate(async () => {
    const inDoc = document.createElement("div");
    inDoc.id = "in-doc";
    document.getElementById("stage").appendChild(inDoc);
    const host = document.createElement("div");
    host.id = "host";
    document.getElementById("stage").appendChild(host);
    const inShadow = document.createElement("div");
    host.attachShadow({ mode: "open" }).appendChild(inShadow);
    // Mounted before it is on the page, then added: stays mounted.
    const detached = document.createElement("div");
    detached.id = "detached";
    await Promise.all([
      window.ArticleWidget.mount(inDoc, { src: "/www/article.json" }),
      window.ArticleWidget.mount(inShadow, { src: "/www/article.json" }),
      window.ArticleWidget.mount(detached, { src: "/www/article.json" }),
    ]);
    document.body.appendChild(document.createElement("p")); // An unrelated change.
    await new Promise((r) => setTimeout(r, 50));
    document.getElementById("stage").appendChild(detached);
  });
  assert.equal(await count(page), 3);
  await page.evaluate(() => document.getElementById("host").shadowRoot.firstChild.remove());
  await page.waitForFunction(() => window.ArticleWidget.mountedCount().then((n) => n === 2));
  await page.evaluate(() => document.getElementById("in-doc").remove());
  await page.waitForFunction(() => window.ArticleWidget.mountedCount().then((n) => n === 1));
  assert.equal(await page.evaluate(() => document.getElementById("detached").getAttribute("data-state")), "loaded");
  await page.close();
});

test("script API: mount again after a failure, with the same options, loads again", async () => {
  const page = await lifecyclePage();
  const src = "/__faults/flaky?key=remount-after-failure&fails=1&status=404";
  const states = await page.evaluate(async (src) => {
    const el = document.createElement("div");
    document.getElementById("stage").appendChild(el);
    const settled = () =>
      new Promise((resolve) => {
        const check = () => (["loaded", "error"].includes(el.getAttribute("data-state")) ? resolve(el.getAttribute("data-state")) : setTimeout(check, 20));
        check();
      });
    await window.ArticleWidget.mount(el, { src });
    const first = await settled();
    await window.ArticleWidget.mount(el, { src });
    const second = await settled();
    // Loaded: the same options do nothing now.
    await window.ArticleWidget.mount(el, { src });
    return [first, second, await settled()];
  }, src);
  assert.deepEqual(states, ["error", "loaded", "loaded"]);
  const requests = await (await fetch(`${BASE}/__faults/requests?key=remount-after-failure`)).text();
  assert.equal(requests, "2", "one request per mount that needed one");
  await page.close();
});

/**
 * After a forced GC: the JS heap in use, the loader's module instance's linear memory and the
 * bytes its allocator has handed out and the JS values it holds (`memoryUse`).
 */
async function memory(page, cdp) {
  for (let i = 0; i < 3; i++) {
    await cdp.send("HeapProfiler.collectGarbage");
  }
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const wasm = await page.evaluate(async () => {
    // The loader imports the build's content-hashed glue (pkg/assets.json); the same URL is
    // the same module record, so this is the loader's instance, not a fresh one.
    const assets = await (await fetch("/www/pkg/assets.json")).json();
    const m = await import(`/www/${assets.module}`);
    const exports = await m.default();
    const [inUse, refs] = m.memoryUse();
    return {
      linear: exports.memory.buffer.byteLength,
      inUse,
      refs,
      table: exports.__wbindgen_externrefs.length,
      mounted: m.mountedCount(),
    };
  });
  return { heap: usedSize, ...wasm };
}

/**
 * Bytes of JavaScript objects on the heap, from a heap snapshot (after a forced GC): every
 * node but compiled code (V8 keeps and tiers up what it compiled), native (Blink) objects,
 * synthetic roots, and the backing store of WebAssembly tables (a `Table` only grows: the
 * module's externref table keeps the size it reached at the peak, its slots reused).
 */
async function jsObjectBytes(cdp) {
  for (let i = 0; i < 3; i++) {
    await cdp.send("HeapProfiler.collectGarbage");
  }
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
  const { snapshot, nodes, edges, strings } = JSON.parse(chunks.join(""));
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const [type, name, size, edgeCount] = ["type", "name", "self_size", "edge_count"].map((f) => fields.indexOf(f));
  const edgeFields = snapshot.meta.edge_fields.length;
  const to = snapshot.meta.edge_fields.indexOf("to_node");
  const tableStores = new Set();
  for (let i = 0, e = 0; i < nodes.length; i += fields.length) {
    const isTable = types[nodes[i + type]] === "object" && strings[nodes[i + name]] === "Table";
    for (let j = 0; j < nodes[i + edgeCount]; j++, e += edgeFields) {
      const target = edges[e + to];
      if (isTable && types[nodes[target + type]] === "array") {
        tableStores.add(target);
      }
    }
  }
  let bytes = 0;
  for (let i = 0; i < nodes.length; i += fields.length) {
    if (!["code", "native", "synthetic"].includes(types[nodes[i + type]]) && !tableStores.has(i)) {
      bytes += nodes[i + size];
    }
  }
  return bytes;
}

test("200 widgets, a quarter failing: all settle with no task over 200 ms; removed, they unmount and give their memory back", async () => {
  const page = await lifecyclePage();
  const cdp = await page.context().newCDPSession(page);
  // The one-widget baseline.
  await page.evaluate(async () => {
    const el = document.createElement("div");
    el.id = "baseline";
    document.getElementById("stage").appendChild(el);
    await window.ArticleWidget.mount(el, { src: "/www/article.json" });
  });
  await page.waitForFunction(() => document.getElementById("baseline").getAttribute("data-state") === "loaded");
  const baseline = await memory(page, cdp);
  const baselineObjects = await jsObjectBytes(cdp);
  const failing = ["/__faults/status/404", "/__faults/status/410", "/__faults/notjson", "/__faults/invalid", "/__faults/status/500"];
  const cycle = (round) =>
    page.evaluate(
      async ({ failing, round }) => {
        const tasks = [];
        const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
        observer.observe({ type: "longtask" });
        const box = document.createElement("section");
        box.id = "many";
        document.getElementById("stage").appendChild(box);
        const mounts = [];
        for (let i = 0; i < 200; i++) {
          const el = document.createElement("div");
          box.appendChild(el);
          const bad = i % 4 === 3;
          // Each failing URL distinct per widget and round, so nothing is served from a cache.
          const src = bad ? `${failing[(i >> 2) % failing.length]}?w=${i}&r=${round}` : `/www/article.json?w=${i}&r=${round}`;
          mounts.push(window.ArticleWidget.mount(el, { src }));
        }
        await Promise.all(mounts);
        const els = [...box.children];
        const settledAt = await new Promise((resolve) => {
          const check = () => (els.every((el) => ["loaded", "error"].includes(el.getAttribute("data-state"))) ? resolve(performance.now()) : setTimeout(check, 50));
          check();
        });
        await new Promise((r) => setTimeout(r, 200)); // Late long-task entries.
        observer.disconnect();
        const good = els.filter((_, i) => i % 4 !== 3);
        const bad = els.filter((_, i) => i % 4 === 3);
        return {
          settledAt,
          loaded: good.filter((el) => el.getAttribute("data-state") === "loaded" && el.shadowRoot.querySelector("h1")).length,
          errors: bad.filter((el) => el.getAttribute("data-state") === "error" && el.shadowRoot.querySelector(".aw-error")).length,
          count: await window.ArticleWidget.mountedCount(),
          longest: Math.max(0, ...tasks),
        };
      },
      { failing, round }
    );
  const remove = async () => {
    await page.evaluate(() => document.getElementById("many").remove());
    await page.waitForFunction(() => window.ArticleWidget.mountedCount().then((n) => n === 1), null, { timeout: 20000 });
  };
  const rounds = [];
  const after = [];
  for (let round = 1; round <= 3; round++) {
    const r = await cycle(round);
    assert.equal(r.loaded, 150, "every good widget rendered its article");
    assert.equal(r.errors, 50, "every failing widget shows its error");
    assert.equal(r.count, 201);
    await remove();
    rounds.push(r.longest);
    after.push(await memory(page, cdp));
  }
  const [, afterSecond, afterThird] = after;
  const objects = await jsObjectBytes(cdp);
  // The externref table's bookkeeping in the module (wasm-bindgen's slab: one 4-byte word per
  // table slot, grown with the table and, like it, never shrunk).
  const slab = 4 * (afterThird.table - baseline.table);
  console.log(
    `200 widgets: longest task per round ${rounds.map((t) => t.toFixed(0)).join(" / ")} ms; ` +
      `JS objects ${baselineObjects} → ${objects} B; live JS refs ${baseline.refs} → ${after.map((m) => m.refs).join(" → ")}; ` +
      `wasm heap in use ${baseline.inUse} → ${after.map((m) => m.inUse).join(" → ")} B (externref slab +${slab} B); ` +
      `JS heap ${baseline.heap} → ${after.map((m) => m.heap).join(" → ")} B; externref table ${baseline.table} → ${after.map((m) => m.table).join(" → ")} slots; ` +
      `linear memory ${baseline.linear} → ${after.map((m) => m.linear).join(" → ")} B`
  );
  // The loader mounts in small batches, one task each: no task over 200 ms. (The best of the
  // three rounds, so that a machine busy with other work for a moment does not fail the test;
  // the per-round figures are printed above.)
  assert.ok(Math.min(...rounds) < 200, `longest tasks ${rounds.join(", ")} ms`);
  for (const m of after) {
    assert.equal(m.mounted, 1, "measured the loader's own module instance");
  }
  // Given back, after a forced GC, three rounds of 200 mounts and unmounts later: within 10 %
  // of the one-widget page,
  // - the JavaScript objects on the heap (the snapshot's, less compiled code and the table's
  //   backing store: see `jsObjectBytes`);
  // - the JavaScript values the module holds (its DOM nodes, listeners, options);
  // - the module's heap in use, less the externref slab's growth.
  // (Before the widget's listeners left Yew's `onclick=`, each mount left about 0.6 KB of JS
  // heap and its subtree's data in the module: src/listen.rs.)
  assert.ok(objects <= baselineObjects * 1.1, `JS objects ${baselineObjects} → ${objects} B`);
  assert.ok(afterThird.refs <= baseline.refs * 1.1, `live JS refs ${baseline.refs} → ${afterThird.refs}`);
  assert.ok(afterThird.inUse - slab <= baseline.inUse * 1.1, `wasm heap in use ${baseline.inUse} → ${afterThird.inUse} B, slab ${slab} B`);
  // What only grows, grows once: the third round reuses what the second left (the table and
  // linear memory cannot shrink; the JS heap also holds compiled code, tiered up over rounds).
  assert.ok(afterThird.heap <= afterSecond.heap * 1.1, `JS heap ${afterSecond.heap} → ${afterThird.heap} B`);
  assert.ok(afterThird.linear <= afterSecond.linear, `linear memory ${afterSecond.linear} → ${afterThird.linear} B`);
  assert.ok(afterThird.table <= afterSecond.table, `externref table ${afterSecond.table} → ${afterThird.table} slots`);
  await cdp.detach();
  await page.close();
});

test("a 2 MiB article renders in steps: complete when loaded, and the page stays responsive", async () => {
  const page = await lifecyclePage();
  // The seed with its paragraphs repeated up to just under 2 MiB (the default maxBytes).
  const big = structuredClone(seed);
  const paragraphs = seed.body;
  big.body = [];
  let size = Buffer.byteLength(JSON.stringify(big));
  for (let i = 0; ; i++) {
    const p = `${i}: ${paragraphs[i % paragraphs.length]}`;
    const more = Buffer.byteLength(JSON.stringify(p)) + 1;
    if (size + more > 2 * 1024 * 1024 - 1024) {
      break;
    }
    big.body.push(p);
    size += more;
  }
  const text = JSON.stringify(big);
  const bytes = Buffer.byteLength(text);
  assert.ok(bytes > 2 * 1024 * 1024 - 16 * 1024 && bytes <= 2 * 1024 * 1024, `${bytes} bytes`);
  await page.route("**/big-article.json*", (route) => route.fulfill({ status: 200, contentType: "application/json", body: text }));
  // Three rounds (a fresh URL each, the widget removed between them): the first also
  // instantiates the module.
  const rounds = [];
  for (let round = 1; round <= 3; round++) {
    rounds.push(
      await page.evaluate(async (round) => {
        const tasks = [];
        const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
        observer.observe({ type: "longtask" });
        let ticks = 0;
        let last = performance.now();
        let longestGap = 0;
        const timer = setInterval(() => {
          const now = performance.now();
          longestGap = Math.max(longestGap, now - last);
          last = now;
          ticks++;
        }, 20);
        const el = document.createElement("div");
        document.getElementById("stage").appendChild(el);
        const started = performance.now();
        // The paragraphs in the DOM when `article-widget:load` fires.
        const atLoad = new Promise((resolve) =>
          el.addEventListener("article-widget:load", () => resolve(el.shadowRoot.querySelectorAll(".aw-body p").length), { once: true })
        );
        await window.ArticleWidget.mount(el, { src: `/big-article.json?r=${round}` });
        await new Promise((resolve) => {
          const check = () => (["loaded", "error"].includes(el.getAttribute("data-state")) ? resolve() : setTimeout(check, 20));
          check();
        });
        const loadedAfter = performance.now() - started;
        const body = el.shadowRoot.querySelectorAll(".aw-body p");
        const result = {
          state: el.getAttribute("data-state"),
          atLoad: await atLoad,
          paragraphs: body.length,
          last: body[body.length - 1]?.textContent,
          long: el.shadowRoot.querySelector(".aw-body").classList.contains("aw-long"),
          visibility: getComputedStyle(body[body.length - 1]).contentVisibility,
          loadedAfter,
        };
        await new Promise((r) => setTimeout(r, 300)); // Late long-task entries.
        clearInterval(timer);
        observer.disconnect();
        el.remove();
        return { ...result, ticks, longestGap, longestTask: Math.max(0, ...tasks) };
      }, round)
    );
  }
  console.log(
    `2 MiB article (${bytes} B, ${big.body.length} paragraphs), per round: loaded after ${rounds.map((r) => r.loadedAfter.toFixed(0)).join(" / ")} ms; ` +
      `longest task ${rounds.map((r) => r.longestTask.toFixed(0)).join(" / ")} ms; longest gap between 20 ms timer ticks ${rounds.map((r) => r.longestGap.toFixed(0)).join(" / ")} ms`
  );
  for (const r of rounds) {
    assert.equal(r.state, "loaded");
    // Complete when the widget says so: every paragraph is in the DOM when `load` fires.
    assert.equal(r.atLoad, big.body.length);
    assert.equal(r.paragraphs, big.body.length);
    assert.equal(r.last, big.body[big.body.length - 1]);
    // Laid out only near the viewport.
    assert.ok(r.long);
    assert.equal(r.visibility, "auto");
    assert.ok(r.ticks > 5, `${r.ticks} ticks`);
  }
  // Responsive: the document is read in one task, its first paragraphs render in another, the
  // rest in steps, and the browser lays out only what is near the viewport. No task over
  // 200 ms and no gap over 300 ms in the page's own 20 ms timer (the best of three rounds,
  // so that a moment of other load on the machine does not fail the test; all printed
  // above). Before (everything in one task, every paragraph laid out): 0.7–2.7 s.
  const bestTask = Math.min(...rounds.map((r) => r.longestTask));
  const bestGap = Math.min(...rounds.map((r) => r.longestGap));
  assert.ok(bestTask < 200, `longest tasks ${rounds.map((r) => r.longestTask).join(", ")} ms`);
  assert.ok(bestGap < 300, `longest timer gaps ${rounds.map((r) => r.longestGap).join(", ")} ms`);
  await page.close();
});

test("a 2 MiB hostile document (a long key over one short key repeated) fails in its own widget, with a validation error; the page's other widget renders and the module does not crash", async () => {
  const page = await lifecyclePage();
  // The hostile shape: the seed with an unknown field holding one long key over an object
  // that repeats one short key. The reader used to copy the long path for every repeat (1 GB
  // for 166 KB): at 2 MiB the module ran out of its 4 GiB, every widget showed the crash
  // state, and Reload fetched the same document and crashed again.
  const seedText = readFileSync(join(root, "www/article.json"), "utf8");
  const room = 2 * 1024 * 1024 - Buffer.byteLength(seedText) - 1024;
  const keyChars = Math.floor(room / 2);
  const repeats = Math.floor((room - keyChars) / 6);
  const text = seedText.replace("{", `{"extension": {"${"k".repeat(keyChars)}": {${Array(repeats).fill('"a":0').join(",")}}},`);
  const bytes = Buffer.byteLength(text);
  assert.ok(bytes > 2 * 1024 * 1024 - 16 * 1024 && bytes <= 2 * 1024 * 1024, `${bytes} bytes`);
  await page.route("**/hostile-article.json*", (route) => route.fulfill({ status: 200, contentType: "application/json", body: text }));
  const result = await page.evaluate(async () => {
    const events = [];
    document.addEventListener("article-widget:error", (e) => events.push({ id: e.target.id, kind: e.detail.kind, message: e.detail.message }));
    const stage = document.getElementById("stage");
    const mounts = [
      ["hostile", "/hostile-article.json"],
      ["seed", "/www/article.json"],
    ].map(([id, src]) => {
      const el = document.createElement("div");
      el.id = id;
      stage.appendChild(el);
      return window.ArticleWidget.mount(el, { src }).then(
        () => "mounted",
        (e) => `${e.name}: ${e.message}`
      );
    });
    const mounted = await Promise.all(mounts);
    // Until both settled, and a little longer: a crash would turn a loaded widget into an error.
    const settled = () => ["hostile", "seed"].every((id) => ["loaded", "error"].includes(document.getElementById(id).getAttribute("data-state")));
    const started = performance.now();
    while (!settled() && performance.now() - started < 60000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 500));
    const widget = (id) => {
      const el = document.getElementById(id);
      const root = el.shadowRoot;
      return {
        state: el.getAttribute("data-state"),
        title: root?.querySelector(".aw-error-title")?.textContent ?? null,
        detail: root?.querySelector(".aw-error-detail")?.textContent ?? null,
        headline: root?.querySelector("h1")?.textContent ?? null,
      };
    };
    // The loader's instance (the same content-hashed glue), for its linear memory.
    const assets = await (await fetch("/www/pkg/assets.json")).json();
    const m = await import(`/www/${assets.module}`);
    const exports = await m.default();
    return { mounted, events, hostile: widget("hostile"), seed: widget("seed"), linear: exports.memory.buffer.byteLength, inUse: m.memoryUse()[0] };
  });
  console.log(
    `hostile document (${bytes} B): ${JSON.stringify(result.events.map((e) => [e.id, e.kind]))}; linear memory ${result.linear} B, allocator in use ${result.inUse} B`
  );
  assert.deepEqual(result.mounted, ["mounted", "mounted"]);
  assert.ok(!result.events.some((e) => e.kind === "crashed"), `a crash: ${JSON.stringify(result.events)}`);
  assert.deepEqual(
    result.events.map((e) => [e.id, e.kind]),
    [["hostile", "invalid"]]
  );
  assert.equal(result.hostile.state, "error");
  // The load error's title in the page's language (zh-Hant), not the crash box's.
  assert.equal(result.hostile.title, "無法載入文章");
  const message = result.events[0].message;
  assert.ok(message.length < 4096, `a message of ${message.length} characters`);
  assert.match(message, new RegExp(`\\$\\.extension: has a key of ${keyChars} characters \\("k{32}"…\\); a key has at most 256 characters`));
  assert.match(message, /\$\.extension\.k{32}…\.a: is given more than once in the same object; keep one/);
  assert.ok(result.hostile.detail.includes("a key has at most 256 characters"), result.hostile.detail);
  assert.deepEqual(result.seed, { state: "loaded", title: null, detail: null, headline: seed.headline });
  assert.ok(result.linear < 100 * 1024 * 1024, `linear memory ${result.linear} B`);
  assert.deepEqual(page.errors, []);
  await page.close();
});
