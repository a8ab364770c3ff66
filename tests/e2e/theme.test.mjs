// Theming end to end, in headless Chromium: the `theme` attribute against the page's
// color-scheme and the reader's preference, the page's control of the host box, the Chinese
// font stack per shown script, print, and every documented custom property and part changing
// the rendering. Run through `cargo xtask test` (AW_BASE serves the pages).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { BASE, browser, newContextPage, waitStates, withChromium } from "./helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, "artifacts");
mkdirSync(artifacts, { recursive: true });
assert.ok(BASE, "AW_BASE must be set (run `cargo xtask test`)");
const theming = readFileSync(join(here, "../../docs/THEMING.md"), "utf8");

withChromium();

const LIGHT_BG = "rgb(255, 255, 255)";
const DARK_BG = "rgb(13, 17, 23)";

/**
 * Opens a page made for the test (served through a route on the pages' origin) with `style`
 * in its head and `body`; `/__theme/missing.json` answers 404 and `/__theme/held.json` never.
 */
async function custom({ style = "", body, lang = "zh-Hant", context: options = {} }) {
  const { context, page } = await newContextPage({ viewport: { width: 1000, height: 2400 }, ...options });
  await page.route(`${BASE}/__theme/page.html`, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>theme</title>
<style>body { margin: 0 } ${style}</style></head><body>${body}
<script async src="/www/article-widget.js"></script></body></html>`,
    })
  );
  await page.route(`${BASE}/__theme/missing.json`, (route) => route.fulfill({ status: 404, body: "" }));
  await page.route(`${BASE}/__theme/held.json`, () => {});
  await page.goto(`${BASE}/__theme/page.html`);
  return { context, page };
}


const background = (page, id) =>
  page.evaluate(
    (id) => getComputedStyle(document.getElementById(id).shadowRoot.querySelector(".article-widget")).backgroundColor,
    id
  );

test("theme: auto is dark only on a page that supports dark, for a reader who prefers it; light and dark are fixed", async () => {
  const widgets = `
<article-widget id="auto" src="/www/article.json" excerpt="1"></article-widget>
<article-widget id="light" src="/www/article.json" excerpt="1" theme="light"></article-widget>
<article-widget id="dark" src="/www/article.json" excerpt="1" theme="dark"></article-widget>
<div id="div" data-article-src="/www/article.json" excerpt="1" data-article-theme="dark"></div>`;
  const all = { auto: "loaded", light: "loaded", dark: "loaded", div: "loaded" };
  for (const [pageKind, style] of [
    ["light-only page", ""],
    ["page with color-scheme: light dark", ":root { color-scheme: light dark }"],
  ]) {
    for (const reader of ["light", "dark"]) {
      const { context, page } = await custom({ style, body: widgets, context: { colorScheme: reader } });
      await waitStates(page, all);
      const autoDark = pageKind !== "light-only page" && reader === "dark";
      const expected = { auto: autoDark ? DARK_BG : LIGHT_BG, light: LIGHT_BG, dark: DARK_BG, div: DARK_BG };
      const seen = {};
      for (const id of Object.keys(expected)) seen[id] = await background(page, id);
      assert.deepEqual(seen, expected, `${pageKind}, reader prefers ${reader}`);
      if (autoDark) {
        // The text follows: light text on the dark background.
        const color = await page.evaluate(
          () => getComputedStyle(document.getElementById("auto").shadowRoot.querySelector("h1")).color
        );
        assert.equal(color, "rgb(240, 246, 252)");
      }
      await page.screenshot({
        path: join(artifacts, `theme-${pageKind.startsWith("light") ? "light-page" : "dual-page"}-reader-${reader}.png`),
      });
      if (autoDark) {
        await page.locator("#auto").screenshot({ path: join(artifacts, "seed-dark.png") });
      } else if (pageKind === "light-only page" && reader === "light") {
        await page.locator("#auto").screenshot({ path: join(artifacts, "seed-light.png") });
      }
      // Changing the attribute restyles at once, without a remount.
      await page.evaluate(() => document.getElementById("light").setAttribute("theme", "dark"));
      assert.equal(await background(page, "light"), DARK_BG);
      assert.deepEqual(page.errors, []);
      await context.close();
    }
  }
});

test("the page controls the host box: hidden, display:none, margin, width, grid placement", async () => {
  const style = `
#styled { margin: 24px 0 0 36px; width: 300px; }
#gone { display: none; }
.grid { display: grid; grid-template-columns: 120px 400px; }
#placed { grid-column: 2; grid-row: 1; }
article-widget { color: rgb(255, 0, 0); font-size: 40px; letter-spacing: 1em; }`;
  const body = `
<article-widget id="hidden" hidden src="/www/article.json" excerpt="1"></article-widget>
<article-widget id="gone" src="/www/article.json" excerpt="1"></article-widget>
<article-widget id="styled" src="/www/article.json" excerpt="1"></article-widget>
<div class="grid" id="grid"><article-widget id="placed" src="/www/article.json" excerpt="1"></article-widget></div>`;
  const { context, page } = await custom({ style, body });
  await waitStates(page, { styled: "loaded", placed: "loaded" });
  const r = await page.evaluate(() => {
    const box = (id) => document.getElementById(id).getBoundingClientRect();
    const cs = (id) => getComputedStyle(document.getElementById(id));
    const inner = (id, q) => getComputedStyle(document.getElementById(id).shadowRoot.querySelector(q));
    return {
      hidden: [cs("hidden").display, box("hidden").height],
      gone: [cs("gone").display, box("gone").height],
      styled: { marginTop: cs("styled").marginTop, left: box("styled").left, width: box("styled").width },
      innerWidth: document.getElementById("styled").shadowRoot.querySelector(".article-widget").getBoundingClientRect().width,
      placed: { left: box("placed").left - box("grid").left, width: box("placed").width },
      // The page's text styles on the host do not reach inside.
      inside: [inner("styled", "h1").color, inner("styled", ".article-widget").fontSize, inner("styled", "h1").letterSpacing],
    };
  });
  assert.deepEqual(r.hidden, ["none", 0]);
  assert.deepEqual(r.gone, ["none", 0]);
  assert.deepEqual(r.styled, { marginTop: "24px", left: 36, width: 300 });
  assert.ok(r.innerWidth <= 300, `the widget fits the width the page gave it (${r.innerWidth})`);
  assert.deepEqual(r.placed, { left: 120, width: 400 });
  assert.deepEqual(r.inside, ["rgb(17, 20, 24)", "16px", "normal"]);
  // Unhiding shows it.
  await page.evaluate(() => document.getElementById("hidden").removeAttribute("hidden"));
  await waitStates(page, { hidden: "loaded" });
  assert.ok(await page.evaluate(() => document.getElementById("hidden").getBoundingClientRect().height > 100));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("Chinese font stacks follow the lang of the text shown", async () => {
  const { context, page } = await custom({
    body: `<article-widget id="w" src="/www/article.json" excerpt="1"></article-widget>
<article-widget id="custom" src="/www/article.json" excerpt="1" style="--aw-font-family: serif"></article-widget>`,
  });
  await waitStates(page, { w: "loaded", custom: "loaded" });
  const expected = { original: ["zh-Hant", "PingFang TC"], hans: ["zh-Hans", "PingFang SC"], hant: ["zh-Hant", "PingFang TC"], "hant-tw": ["zh-Hant-TW", "PingFang TC"], "hant-hk": ["zh-Hant-HK", "PingFang HK"] };
  for (const [script, [lang, face]] of Object.entries(expected)) {
    await page.locator(`#w button[data-script="${script}"]`).click();
    await page.waitForFunction(
      ([l]) => ["w", "custom"].every((id) => document.getElementById(id).shadowRoot.querySelector("article")?.getAttribute("lang") === l),
      [lang],
      { timeout: 20000 }
    );
    const fonts = await page.evaluate(() =>
      ["w", "custom"].map((id) => getComputedStyle(document.getElementById(id).shadowRoot.querySelector("h1")).fontFamily)
    );
    const cjk = fonts[0].split(",").map((f) => f.trim().replace(/"/g, "")).filter((f) => /PingFang|CJK|Microsoft/.test(f));
    assert.equal(cjk[0], face, `${script}: ${fonts[0]}`);
    const first = face.slice(-2); // SC, TC or HK
    assert.ok(cjk.findIndex((f) => f.endsWith(first)) < cjk.findIndex((f) => !f.endsWith(first) && /SC|TC|HK/.test(f.slice(-2))) || cjk.every((f) => f.endsWith(first) || !/SC|TC|HK/.test(f.slice(-2))), `${script}: ${first} faces first`);
    assert.equal(fonts[1], "serif", `${script}: --aw-font-family wins`);
  }
  await context.close();
});

test("print: the article, its attribution and the notice's text, no controls, light", async () => {
  const { context, page } = await custom({
    body: `<article-widget id="w" src="/www/article.json" theme="dark"></article-widget>`,
  });
  await waitStates(page, { w: "loaded" });
  const facts = () =>
    page.evaluate(() => {
      const root = document.getElementById("w").shadowRoot;
      const visible = (q) => [...root.querySelectorAll(q)].every((el) => el.checkVisibility());
      return {
        controls: getComputedStyle(root.querySelector(".aw-script")).display,
        clauses: visible(".aw-clause p"),
        attribution: visible(".aw-attribution, .aw-byline, .aw-credit"),
        body: visible(".aw-body p"),
        background: getComputedStyle(root.querySelector(".article-widget")).backgroundColor,
        open: root.querySelector("details").open,
      };
    });
  const screen = await facts();
  assert.equal(screen.controls, "flex");
  assert.equal(screen.clauses, false, "on screen the notice starts collapsed");
  assert.equal(screen.background, DARK_BG);
  await page.emulateMedia({ media: "print" });
  const print = await facts();
  assert.deepEqual(print, {
    controls: "none",
    clauses: true,
    attribution: true,
    body: true,
    background: LIGHT_BG,
    open: false,
  });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  writeFileSync(join(artifacts, "seed-print.pdf"), pdf);
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  assert.ok((pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) || []).length >= 2, "the whole article, notice included, spans pages");
  await page.screenshot({ path: join(artifacts, "seed-print.png"), fullPage: true });
  await context.close();
});

// ---- Every documented custom property and part changes the rendering ----------------------

/** Where each custom property shows: state of the widget, element, computed property, value. */
const PROPERTIES = {
  "--aw-color-text": ["loaded", ".article-widget", "color", "rgb(1, 2, 3)"],
  "--aw-color-background": ["loaded", ".article-widget", "background-color", "rgb(1, 2, 3)"],
  "--aw-color-heading": ["loaded", "h1", "color", "rgb(1, 2, 3)"],
  "--aw-color-muted": ["loaded", ".aw-meta", "color", "rgb(1, 2, 3)"],
  "--aw-color-link": ["loaded", ".aw-source a", "color", "rgb(1, 2, 3)"],
  "--aw-color-rule": ["loaded", ".aw-meta", "border-bottom-color", "rgb(1, 2, 3)"],
  "--aw-color-focus": ["focused", "button[data-script=original]", "outline-color", "rgb(1, 2, 3)"],
  "--aw-color-error": ["error", ".aw-error", "border-top-color", "rgb(1, 2, 3)"],
  "--aw-color-skeleton": ["loading", ".aw-skeleton", "background-color", "rgb(1, 2, 3)"],
  "--aw-font-family": ["loaded", "h1", "font-family", "serif"],
  "--aw-font-size": ["loaded", ".article-widget", "font-size", "20px"],
  "--aw-max-width": ["loaded", ".article-widget", "max-width", "500px"],
  "--aw-padding": ["loaded", ".article-widget", "padding-top", "7px"],
};
const PARTS = {
  headline: ["loaded", "h1"],
  meta: ["loaded", ".aw-meta"],
  body: ["loaded", ".aw-body"],
  byline: ["loaded", ".aw-byline"],
  attribution: ["loaded", ".aw-attribution"],
  notice: ["loaded", "details"],
  "notice-summary": ["loaded", "summary"],
  "script-control": ["loaded", ".aw-script"],
  error: ["error", ".aw-error"],
};

test("docs/THEMING.md documents exactly the custom properties and parts tested here", () => {
  const section = theming;
  const properties = [...new Set(section.match(/--aw-[a-z-]+/g))].sort();
  const parts = [...new Set([...section.matchAll(/::part\(([a-z-]+)\)/g)].map((m) => m[1]))].sort();
  assert.deepEqual(properties, Object.keys(PROPERTIES).sort());
  assert.deepEqual(parts, Object.keys(PARTS).sort());
  // And the stylesheet uses no other custom property of its own.
  const css = readFileSync(join(here, "../../www/article-widget.css"), "utf8");
  assert.deepEqual([...new Set(css.match(/--aw-[a-z-]+/g))].sort(), Object.keys(PROPERTIES).sort());
});

async function themedPage(style = "") {
  const { context, page } = await custom({
    style,
    body: `<article-widget id="loaded" src="/www/article.json" excerpt="1"></article-widget>
<article-widget id="focused" src="/www/article.json" excerpt="1"></article-widget>
<article-widget id="error" src="/__theme/missing.json"></article-widget>
<article-widget id="loading" src="/__theme/held.json"></article-widget>`,
  });
  await waitStates(page, { loaded: "loaded", focused: "loaded", error: "error" });
  await page.waitForFunction(() => document.getElementById("loading").shadowRoot?.querySelector(".aw-skeleton"));
  await page.locator("#focused button[data-script=hans]").focus();
  await page.keyboard.press("Shift+Tab");
  return { context, page };
}

const readStyles = (page, table) =>
  page.evaluate((table) => {
    const out = {};
    for (const [name, [state, q, prop]] of Object.entries(table)) {
      const el = document.getElementById(state).shadowRoot.querySelector(q);
      out[name] = getComputedStyle(el).getPropertyValue(prop ?? "background-color");
    }
    return out;
  }, table);

test("each documented custom property changes the rendering", async () => {
  const plain = await themedPage();
  const before = await readStyles(plain.page, PROPERTIES);
  await plain.context.close();
  const rules = Object.entries(PROPERTIES).map(([name, [, , , value]]) => `${name}: ${value};`).join(" ");
  const themed = await themedPage(`article-widget { ${rules} }`);
  const after = await readStyles(themed.page, PROPERTIES);
  await themed.page.screenshot({ path: join(artifacts, "custom-properties.png") });
  await themed.context.close();
  for (const [name, [, , , value]] of Object.entries(PROPERTIES)) {
    assert.notEqual(before[name], after[name], `${name} changes nothing`);
    assert.equal(after[name], value, name);
  }
});

test("each documented part can be styled from the page with ::part()", async () => {
  const plain = await themedPage();
  const before = await readStyles(plain.page, PARTS);
  await plain.context.close();
  const rules = Object.keys(PARTS).map((p) => `article-widget::part(${p}) { background-color: rgb(1, 2, 3); }`).join("\n");
  const themed = await themedPage(rules);
  const after = await readStyles(themed.page, PARTS);
  await themed.context.close();
  for (const name of Object.keys(PARTS)) {
    assert.notEqual(before[name], "rgb(1, 2, 3)", name);
    assert.equal(after[name], "rgb(1, 2, 3)", `::part(${name})`);
  }
});
