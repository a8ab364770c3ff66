// Script switching end to end, in headless Chromium on the demo page: no conversion request
// before the first switch, one request per needed file after it however many widgets, the
// headline in 简体 and back, the keyboard path, the page-wide choice, and a screenshot of
// each script. Run through `cargo xtask test` (AW_BASE serves the demo).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { BASE, browser, newContextPage, waitState, withChromium } from "./helpers.mjs";
import { onServerResponse } from "../chromium.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, "artifacts");
mkdirSync(artifacts, { recursive: true });
assert.ok(BASE, "AW_BASE must be set (run `cargo xtask test`)");
const seed = JSON.parse(readFileSync(join(here, "../../www/article.json"), "utf8"));
const golden = JSON.parse(readFileSync(join(here, "../fixtures/seed-scripts.json"), "utf8"));
const manifest = JSON.parse(readFileSync(join(here, "../../www/dict/manifest.json"), "utf8"));
// The engine's file names as the served loader gives them: content-hashed by `cargo xtask build`
// (www/pkg/assets.json), the plain names without one.
const assets = (() => {
  try {
    return JSON.parse(readFileSync(join(here, "../../www/pkg/assets.json"), "utf8"));
  } catch {
    return { engine: "pkg/article_widget_engine.js", engineWasm: "pkg/article_widget_engine_bg.wasm" };
  }
})();
const base = (p) => p.slice(p.lastIndexOf("/") + 1);
const HANS_HEADLINE = "南阳发布强市“科技纲领” 力争形成区域创新标杆";

withChromium();

/** A fresh context (empty storage) with a log of the conversion files that reached the server. */
async function demo(viewport = { width: 1000, height: 900 }) {
  const { context, page } = await newContextPage({ viewport });
  page.conversion = [];
  await onServerResponse(context, page, (url) => {
    if (url.includes("/dict/") || url.includes("article_widget_engine")) {
      page.conversion.push(url.slice(url.lastIndexOf("/") + 1));
    }
  });
  await page.goto(`${BASE}/`);
  await waitState(page, "#first article-widget");
  return { context, page };
}

function headline(page, selector = "#first article-widget") {
  return page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector("h1").textContent, selector);
}

function shown(page, selector = "#first article-widget") {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    return {
      lang: root.querySelector("article").getAttribute("lang"),
      pressed: [...root.querySelectorAll("button[aria-pressed=true]")].map((b) => b.textContent),
      body: [...root.querySelectorAll(".aw-body p")].map((p) => p.textContent),
    };
  }, selector);
}

async function waitLang(page, lang, selector = "#first article-widget") {
  await page.waitForFunction(
    ([sel, l]) => document.querySelector(sel)?.shadowRoot?.querySelector("article")?.getAttribute("lang") === l,
    [selector, lang],
    { timeout: 20000 }
  );
}

/** The body paragraphs of a golden (its strings follow the article's field order). */
function goldenBody(script) {
  const start =
    2 +
    (seed.authors?.length ?? 0) +
    (seed.byline ? 1 : 0) +
    seed.editors.reduce((n, e) => n + (e.label ? 2 : 1), 0) +
    seed.sections.length;
  return golden[script].strings.slice(start, start + seed.body.length);
}

/** Files the manifest lists for a config (tofu-risk dictionaries left out, as the widget does). */
function filesOf(...configs) {
  const names = new Set(["manifest.json", base(assets.engine), base(assets.engineWasm)]);
  for (const c of configs) {
    for (const f of manifest.configs_without_tofu_risk[c]) names.add(f.file);
  }
  return [...names].sort();
}

test("no conversion request before the first switch, one per needed file after it", async () => {
  const { context, page } = await demo();
  // Mount the second widget too: both must share the files.
  await page.locator("#second").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector("#second [data-article-src]")?.getAttribute("data-state") === "loaded");
  await page.locator("#first").scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  assert.deepEqual(page.conversion, [], "nothing fetched for conversion before a switch");

  const events = [];
  await page.exposeFunction("recordScript", (d) => events.push(d));
  await page.evaluate(() =>
    document.addEventListener("article-widget:script", (e) => window.recordScript(e.detail))
  );
  await page.locator("#first article-widget button[data-script=hans]").click();
  await waitLang(page, "zh-Hans");
  await waitLang(page, "zh-Hans", "#second [data-article-src]");
  assert.equal(await headline(page), HANS_HEADLINE);
  assert.equal(await headline(page, "#second [data-article-src]"), HANS_HEADLINE);
  assert.deepEqual((await shown(page)).body, goldenBody("hans"));
  assert.deepEqual([...page.conversion].sort(), filesOf("t2s"), "exactly one request per needed file");
  await page.waitForTimeout(200);
  assert.deepEqual(
    events,
    [
      { script: "hans", config: "t2s" },
      { script: "hans", config: "t2s" },
    ],
    "article-widget:script on each widget"
  );
  await page.locator("#first article-widget").screenshot({ path: join(artifacts, "script-hans.png") });

  // Back to the published text: byte for byte, nothing fetched.
  const before = page.conversion.length;
  await page.locator("#first article-widget button[data-script=original]").click();
  await waitLang(page, "zh-Hant");
  assert.equal(await headline(page), seed.headline);
  assert.deepEqual((await shown(page)).body, seed.body);
  assert.equal(page.conversion.length, before);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("each script reads as OpenCC writes it; the choice is page-wide and remembered", async () => {
  const { context, page } = await demo();
  for (const [script, lang] of [
    ["hant-tw", "zh-Hant-TW"],
    ["hant-hk", "zh-Hant-HK"],
    ["hans", "zh-Hans"],
  ]) {
    await page.locator(`#first article-widget button[data-script=${script}]`).click();
    await waitLang(page, lang);
    const s = await shown(page);
    assert.equal(await headline(page), golden[script].strings[0]);
    assert.deepEqual(s.pressed, [{ "hant-tw": "臺灣", "hant-hk": "香港", hans: "简体" }[script]]);
    assert.deepEqual(s.body, goldenBody(script), `${script}: the body as OpenCC writes it`);
    await page.locator("#first article-widget").screenshot({ path: join(artifacts, `script-${script}.png`) });
  }
  await page.locator("#first article-widget button[data-script=hant]").click();
  await waitLang(page, "zh-Hant");
  assert.equal(await headline(page), seed.headline, "繁體 is the seed's own script");
  await page.locator("#first article-widget").screenshot({ path: join(artifacts, "script-hant.png") });

  // Remembered for the site: a new page in the same context opens in 繁體 → choose 简体 first.
  await page.locator("#first article-widget button[data-script=hans]").click();
  await waitLang(page, "zh-Hans");
  const again = await context.newPage();
  await again.goto(`${BASE}/`);
  await waitLang(again, "zh-Hans");
  // Another tab's change reaches this one (storage event).
  await again.locator("#first article-widget button[data-script=original]").click();
  await waitLang(page, "zh-Hant");
  assert.equal(await headline(page), seed.headline);
  // ArticleWidget.setScript switches the whole page.
  await page.evaluate(() => window.ArticleWidget.setScript("hant-tw"));
  await waitLang(page, "zh-Hant-TW");
  const rejected = await page.evaluate(() =>
    window.ArticleWidget.setScript("klingon").then(
      () => "resolved",
      (e) => `${e.name}: ${e.message}`
    )
  );
  assert.match(rejected, /^TypeError: .*klingon/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("keyboard only: Tab reaches the control, arrows move, Enter chooses", async () => {
  const { context, page } = await demo();
  await page.evaluate(() => document.activeElement?.blur());
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => {
      const host = document.querySelector("#first article-widget");
      return document.activeElement === host && host.shadowRoot.activeElement?.dataset.script === "original";
    });
  }
  assert.ok(reached, "Tab reaches the 原文 option first");
  const focused = () =>
    page.evaluate(() => document.querySelector("#first article-widget").shadowRoot.activeElement?.dataset.script);
  await page.keyboard.press("ArrowRight");
  assert.equal(await focused(), "hans");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await focused(), "hans");
  await page.keyboard.press("Enter");
  await waitLang(page, "zh-Hans");
  assert.equal(await headline(page), HANS_HEADLINE);
  const group = await page.evaluate(() => {
    const g = document.querySelector("#first article-widget").shadowRoot.querySelector("[role=group]");
    return { label: g.getAttribute("aria-label"), pressed: g.querySelector("[aria-pressed=true]").textContent };
  });
  assert.deepEqual(group, { label: "文字", pressed: "简体" });
  await page.keyboard.press("End");
  assert.equal(await focused(), "hant-hk");
  await page.keyboard.press("Space");
  await waitLang(page, "zh-Hant-HK");
  await context.close();
});

test("the control stays compact in a 320 px column", async () => {
  const { context, page } = await demo({ width: 320, height: 800 });
  const box = await page.evaluate(() => {
    const root = document.querySelector("#first article-widget").shadowRoot;
    const group = root.querySelector("[role=group]").getBoundingClientRect();
    const widget = root.querySelector(".article-widget");
    return { height: group.height, right: group.right, width: widget.clientWidth, scroll: widget.scrollWidth };
  });
  assert.ok(box.height < 80, `the control is ${box.height}px high`);
  assert.ok(box.scroll <= box.width, "no horizontal overflow");
  await page.locator("#first article-widget").screenshot({ path: join(artifacts, "script-320px.png") });
  await context.close();
});
