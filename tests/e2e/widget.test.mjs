// End-to-end tests in real headless Chromium, driven by playwright-core.
// Run through `cargo xtask test`, which serves the pages (AW_BASE) and, on a second origin,
// the widget's assets (AW_CDN). Screenshots land in tests/e2e/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, "artifacts");
mkdirSync(artifacts, { recursive: true });
const BASE = process.env.AW_BASE;
const CDN = process.env.AW_CDN;
assert.ok(BASE && CDN, "AW_BASE and AW_CDN must be set (run `cargo xtask test`)");
const seed = JSON.parse(readFileSync(join(here, "../../www/article.json"), "utf8"));

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.AW_CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});
after(async () => {
  await browser?.close();
});

async function newPage(viewport = { width: 1000, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.errors = errors;
  return page;
}

/** Waits until the host element's widget reached `state` (loaded or error). */
async function waitState(page, selector, state = "loaded", timeout = 20000) {
  await page.waitForFunction(
    ([sel, st]) => document.querySelector(sel)?.getAttribute("data-state") === st,
    [selector, state],
    { timeout }
  );
}

/** Text content of the shadow root under `selector`, and a few facts about its structure. */
async function widgetFacts(page, selector) {
  return page.evaluate((sel) => {
    const host = document.querySelector(sel);
    const root = host.shadowRoot;
    const q = (s) => root.querySelector(s);
    const all = (s) => [...root.querySelectorAll(s)].map((e) => e.textContent);
    return {
      shadowMode: root && root.mode,
      widgets: root.querySelectorAll(".article-widget").length,
      sections: all(".aw-sections li"),
      headline: q("h1")?.textContent,
      time: q("time")?.textContent,
      datetime: q("time")?.getAttribute("datetime"),
      source: q(".aw-source")?.textContent,
      sourceHref: q(".aw-source a")?.getAttribute("href"),
      editors: all(".aw-editor"),
      paragraphs: all(".aw-body p"),
      byline: q(".aw-byline")?.textContent,
      credit: q(".aw-credit")?.textContent,
      creditHref: q(".aw-credit a")?.getAttribute("href"),
      creditRel: q(".aw-credit a")?.getAttribute("rel"),
      holder: q(".aw-holder")?.textContent,
      summary: q("summary")?.textContent,
      open: q("details")?.open,
      clauses: all(".aw-clause p"),
      semantic: ["article", "header", "h1", "time", "footer", "details", "summary"].every((t) => q(t)),
    };
  }, selector);
}

function assertSeedRendered(f, { locale = "zh-Hant" } = {}) {
  assert.equal(f.shadowMode, "open");
  assert.equal(f.widgets, 1, "exactly one widget in the shadow root");
  assert.ok(f.semantic, "semantic elements present");
  assert.deepEqual(f.sections, seed.sections.map((s) => s.name));
  assert.equal(f.headline, seed.headline);
  assert.equal(f.datetime, "2025-12-29T18:35:44+08:00");
  if (locale === "zh-Hant") {
    assert.match(f.time, /2025年12月29日/);
  } else {
    assert.match(f.time, /December 29, 2025/);
  }
  assert.match(f.time, /18:35:44/);
  assert.match(f.time, /UTC\+8/);
  assert.equal(f.source, "來源: 中央廣電總臺國際在線");
  assert.equal(f.sourceHref, "https://www.cri.cn/");
  assert.deepEqual(f.editors, ["編輯: 仝瑞勤", "責編: 蔣碩"]);
  assert.deepEqual(f.paragraphs, seed.body);
  assert.equal(f.byline, "(文 王小軍)");
  assert.equal(f.credit, `原載於 中央廣電總臺國際在線, ${locale === "zh-Hant" ? "2025年12月29日" : "December 29, 2025"}`);
  assert.equal(f.creditHref, "https://www.cri.cn/");
  assert.equal(f.creditRel, "noopener");
  assert.equal(f.holder, "版權所有: 國廣國際在線網絡(北京)有限公司");
  assert.equal(f.summary, seed.copyright.title);
  assert.deepEqual(f.clauses, seed.copyright.clauses.flatMap((c) => c.paragraphs));
  // The quirks of the real page survive.
  assert.ok(f.paragraphs.join("").includes("揭榜挂帥”“賽馬制”"));
  assert.ok(f.clauses.join("").includes("不限于"));
}

async function clauseVisible(page, selector) {
  return page.evaluate((sel) => {
    const p = document.querySelector(sel).shadowRoot.querySelector(".aw-clause p");
    return p.checkVisibility();
  }, selector);
}

test("demo page: the seed renders completely, notice collapsed, keyboard opens it", async () => {
  const page = await newPage();
  await page.goto(`${BASE}/`);
  await waitState(page, "#first article-widget");
  const facts = await widgetFacts(page, "#first article-widget");
  assertSeedRendered(facts);
  assert.equal(facts.open, false, "the copyright notice starts collapsed");
  assert.equal(await clauseVisible(page, "#first article-widget"), false);
  await page.screenshot({ path: join(artifacts, "demo-collapsed.png"), fullPage: false });

  // Keyboard: Tab from the top of the page reaches the summary; Enter opens, Space closes.
  await page.evaluate(() => document.activeElement?.blur());
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => {
      const host = document.querySelector("#first article-widget");
      return document.activeElement === host && host.shadowRoot.activeElement?.tagName === "SUMMARY";
    });
  }
  assert.ok(reached, "Tab reaches the copyright notice's summary");
  await page.keyboard.press("Enter");
  assert.equal((await widgetFacts(page, "#first article-widget")).open, true);
  assert.equal(await clauseVisible(page, "#first article-widget"), true);
  await page.locator("#first article-widget details").screenshot({ path: join(artifacts, "demo-notice-open.png") });
  await page.keyboard.press("Space");
  assert.equal((await widgetFacts(page, "#first article-widget")).open, false);
  // Mouse.
  await page.locator("#first article-widget summary").click();
  assert.equal((await widgetFacts(page, "#first article-widget")).open, true);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("demo page: second instance mounts lazily near the viewport, with its locale", async () => {
  const page = await newPage();
  const loads = [];
  await page.exposeFunction("recordLoad", (h) => loads.push(h));
  await page.addInitScript(() =>
    document.addEventListener("article-widget:load", (e) => window.recordLoad(e.detail.headline))
  );
  await page.goto(`${BASE}/`);
  await waitState(page, "#first article-widget");
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => document.querySelector("#second [data-article-src]").getAttribute("data-state"));
  assert.equal(before, null, "far below the fold: not mounted yet");
  assert.equal(await page.evaluate(() => window.ArticleWidget.mountedCount()), 1);
  await page.locator("#second").scrollIntoViewIfNeeded();
  await waitState(page, "#second [data-article-src]");
  assertSeedRendered(await widgetFacts(page, "#second [data-article-src]"), { locale: "en" });
  assert.equal(await page.evaluate(() => window.ArticleWidget.mountedCount()), 2);
  assert.deepEqual(loads, [seed.headline, seed.headline]);
  await page.close();
});

test("hostile partner page: global CSS does not reach the widget, nor the widget's CSS the page", async () => {
  const props = [
    "color", "font-family", "font-size", "line-height", "letter-spacing", "text-transform",
    "background-color", "text-align", "font-weight", "display", "margin-top", "padding-top",
    "border-top-width", "transform", "direction", "word-spacing", "white-space", "visibility",
  ];
  const styleOf = (page, selector) =>
    page.evaluate(
      ([sel, props]) => {
        const root = document.querySelector(sel).shadowRoot;
        const out = {};
        for (const inner of [".article-widget", "h1", ".aw-meta", ".aw-body p", "summary", ".aw-source a", ".aw-byline"]) {
          const cs = getComputedStyle(root.querySelector(inner));
          out[inner] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
        }
        const host = getComputedStyle(document.querySelector(sel));
        out.host = { display: host.display, border: host.borderTopWidth, padding: host.paddingTop };
        return out;
      },
      [selector, props]
    );

  const clean = await newPage();
  await clean.goto(`${BASE}/`);
  await waitState(clean, "#first article-widget");
  const reference = await styleOf(clean, "#first article-widget");
  await clean.close();

  const page = await newPage();
  await page.goto(`${BASE}/www/partner-hostile.html`);
  await waitState(page, "article-widget");
  assertSeedRendered(await widgetFacts(page, "article-widget"));
  const hostile = await styleOf(page, "article-widget");
  for (const el of Object.keys(reference)) {
    if (el === "host") continue;
    assert.deepEqual(hostile[el], reference[el], `computed style of ${el} changed by the host page`);
  }
  assert.deepEqual(hostile.host, { display: "block", border: "0px", padding: "0px" });
  // The page's own styles are untouched by the widget's stylesheet.
  const pageH1 = await page.evaluate(() => getComputedStyle(document.querySelector("body > h1")).fontSize);
  assert.equal(pageH1, "80px");
  // The script tag is included twice: one loader, one mount.
  assert.equal(await page.evaluate(() => window.ArticleWidget.mountedCount()), 1);
  assert.equal(await page.evaluate(() => document.querySelector("article-widget").shadowRoot.querySelectorAll(".article-widget").length), 1);
  // Keyboard still opens the notice.
  await page.locator("article-widget summary").focus();
  await page.keyboard.press("Enter");
  assert.equal((await widgetFacts(page, "article-widget")).open, true);
  await page.screenshot({ path: join(artifacts, "hostile-partner.png"), fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("assets load from another origin; elements added later are picked up", async () => {
  const page = await newPage();
  await page.goto(`${BASE}/tests/e2e/pages/cross-origin.html?cdn=${CDN}`);
  await waitState(page, "article-widget");
  await waitState(page, "[data-article-src]");
  assertSeedRendered(await widgetFacts(page, "article-widget"));
  await page.evaluate((cdn) => {
    const el = document.createElement("article-widget");
    el.setAttribute("src", `${cdn}/www/article.json`);
    document.getElementById("late").appendChild(el);
  }, CDN);
  // Far below the two rendered articles: it mounts when scrolled near.
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.querySelector("#late article-widget").getAttribute("data-state")), null);
  await page.locator("#late article-widget").scrollIntoViewIfNeeded();
  await waitState(page, "#late article-widget");
  assertSeedRendered(await widgetFacts(page, "#late article-widget"));
  assert.equal(await page.evaluate(() => window.ArticleWidget.mountedCount()), 3);
  // Changing src remounts with the new document.
  await page.evaluate((cdn) => document.querySelector("body > article-widget").setAttribute("src", `${cdn}/__faults/status/404`), CDN);
  await waitState(page, "body > article-widget", "error");
  assert.equal(await page.evaluate(() => window.ArticleWidget.mountedCount()), 3);
  // Removing an element unmounts its widget.
  await page.evaluate(() => document.getElementById("late").replaceChildren());
  await page.waitForFunction(() => window.ArticleWidget.mountedCount().then((n) => n === 2));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("script API: mount, unmount, and clear errors for malformed options", async () => {
  const page = await newPage();
  await page.goto(`${BASE}/tests/e2e/pages/cross-origin.html?cdn=${BASE}`);
  await page.waitForFunction(() => window.ArticleWidget);
  const results = await page.evaluate(async () => {
    const el = document.createElement("div");
    document.body.appendChild(el);
    const attempt = (options) =>
      window.ArticleWidget.mount(el, options).then(
        () => "ok",
        (e) => `${e.name}: ${e.message}`
      );
    return {
      typo: await attempt({ scr: "x.json" }),
      badTimeout: await attempt({ src: "/www/article.json", timeoutMs: "fast" }),
      zeroTimeout: await attempt({ src: "/www/article.json", timeoutMs: 0 }),
      badSrc: await attempt({ src: "javascript:alert(1)" }),
      badLocale: await attempt({ src: "/www/article.json", locale: "not a locale" }),
      nothing: await attempt({}),
      notObject: await attempt("article.json"),
      badArticle: await attempt({ article: { version: 1, headline: "x" } }),
      notElement: await window.ArticleWidget.mount("#id", {}).then(() => "ok", (e) => `${e.name}: ${e.message}`),
      good: await attempt({ src: "/www/article.json" }),
    };
  });
  assert.match(results.typo, /^TypeError: .*unknown option `scr`/);
  assert.match(results.badTimeout, /^TypeError: .*timeoutMs|^TypeError: .*invalid type/);
  assert.match(results.zeroTimeout, /^TypeError: .*timeoutMs 0 is out of range/);
  assert.match(results.badSrc, /^TypeError: .*must be an http\(s\) URL/);
  assert.match(results.badLocale, /^TypeError: .*not a BCP 47 language tag/);
  assert.match(results.nothing, /^TypeError: .*give src/);
  assert.match(results.notObject, /^TypeError: .*options must be an object/);
  assert.match(results.badArticle, /^TypeError: [\s\S]*\$\.datePublished: required field is missing/);
  assert.match(results.notElement, /^TypeError: .*HTML element/);
  assert.equal(results.good, "ok");
  await page.waitForFunction(() => document.querySelector("body > div:last-child").getAttribute("data-state") === "loaded");
  const unmounted = await page.evaluate(() => window.ArticleWidget.unmount(document.querySelector("body > div:last-child")));
  assert.equal(unmounted, true);
  // Inline article documents work without a fetch.
  const inline = await page.evaluate(async (doc) => {
    const el = document.createElement("div");
    el.id = "inline";
    document.body.appendChild(el);
    await window.ArticleWidget.mount(el, { article: doc });
    return el.shadowRoot.querySelector("h1")?.textContent;
  }, seed);
  assert.equal(inline, seed.headline);
  await page.close();
});

test("network faults: readable errors, events, and a working retry", async () => {
  const page = await newPage();
  const events = [];
  await page.exposeFunction("recordEvent", (e) => events.push(e));
  await page.goto(`${BASE}/tests/e2e/pages/cross-origin.html?cdn=${BASE}`);
  await page.waitForFunction(() => window.ArticleWidget);
  await page.evaluate(() => {
    for (const name of ["article-widget:load", "article-widget:error"]) {
      document.addEventListener(name, (e) => window.recordEvent({ name, id: e.target.id, ...e.detail }));
    }
  });
  const cases = {
    notfound: [{ src: "/__faults/status/404" }, /HTTP 404/, false],
    timeout: [{ src: "/__faults/slow?ms=4000", timeoutMs: 400 }, /no response within 400 ms/, true],
    huge: [{ src: "/__faults/huge", maxBytes: 100000 }, /larger than the limit of 100000 bytes/, false],
    invalid: [{ src: "/__faults/invalid" }, /\$\.headline: required field is missing/, false],
    notjson: [{ src: "/__faults/notjson" }, /not valid JSON/, false],
    notutf8: [{ src: "/__faults/notutf8" }, /not UTF-8/, false],
    offline: [{ src: "http://127.0.0.1:9/article.json" }, /network error/, true],
    flaky: [{ src: "/__faults/flaky?key=e2e" }, /HTTP 503/, true],
  };
  for (const [id, [options]] of Object.entries(cases)) {
    await page.evaluate(
      ([id, options]) => {
        const el = document.createElement("div");
        el.id = id;
        document.body.appendChild(el);
        return window.ArticleWidget.mount(el, options);
      },
      [id, options]
    );
  }
  // While the slow one is still fetching: a busy placeholder that reserves space.
  await page.waitForFunction(() => document.getElementById("timeout").shadowRoot?.querySelector(".aw-loading"));
  const loading = await page.evaluate(() => {
    const el = document.getElementById("timeout").shadowRoot.querySelector(".aw-loading");
    return el && { busy: el.getAttribute("aria-busy"), height: el.getBoundingClientRect().height };
  });
  assert.equal(loading?.busy, "true");
  assert.ok(loading.height >= 300, `placeholder height ${loading.height}`);
  for (const [id, [, message, retry]] of Object.entries(cases)) {
    await waitState(page, `#${id}`, "error");
    const shown = await page.evaluate((id) => {
      const root = document.getElementById(id).shadowRoot;
      return {
        alert: root.querySelector("[role=alert]")?.textContent,
        retry: !!root.querySelector("button.aw-retry"),
      };
    }, id);
    assert.match(shown.alert, message, id);
    assert.equal(shown.retry, retry, `${id}: retry button`);
  }
  const errorKinds = Object.fromEntries(events.filter((e) => e.name === "article-widget:error").map((e) => [e.id, e.kind]));
  assert.deepEqual(errorKinds, {
    notfound: "http", timeout: "timeout", huge: "too-large", invalid: "invalid",
    notjson: "invalid", notutf8: "not-text", offline: "network", flaky: "http",
  });
  await page.screenshot({ path: join(artifacts, "faults.png"), fullPage: true });
  // The flaky endpoint fails once; Retry then loads the article.
  await page.locator("#flaky button.aw-retry").click();
  await waitState(page, "#flaky", "loaded");
  assertSeedRendered(await widgetFacts(page, "#flaky"));
  assert.deepEqual(page.errors, []);
  await page.close();
});
