// Localized chrome end to end, in headless Chromium: the widget's own words (loading, errors,
// retry, labels, the script control's name, the credit line) in zh-Hant, zh-Hans and English,
// chosen by the `ui-lang` attribute or the page; and the seed's date pinned for readers in UTC
// and in America/New_York (playwright's timezoneId) in each UI language. Run through
// `cargo xtask test` (AW_BASE serves the pages).
import { test } from "node:test";
import assert from "node:assert/strict";
import { BASE, newContextPage, waitStates, withChromium } from "./helpers.mjs";

assert.ok(BASE, "AW_BASE must be set (run `cargo xtask test`)");

withChromium();

/** A page made for the test; `/__i18n/missing.json` answers 404, `/__i18n/held.json` never. */
async function custom({ lang, body, context: options = {} }) {
  const { context, page } = await newContextPage(options);
  await page.route(`${BASE}/__i18n/page.html`, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>i18n</title></head>
<body>${body}<script async src="/www/article-widget.js"></script></body></html>`,
    })
  );
  await page.route(`${BASE}/__i18n/missing.json`, (route) => route.fulfill({ status: 503, body: "" }));
  await page.route(`${BASE}/__i18n/held.json`, () => {});
  await page.goto(`${BASE}/__i18n/page.html`);
  return { context, page };
}

const EXPECTED = {
  "zh-Hant": {
    published: "2025年12月29日 18:35:44 (UTC+8)",
    credit: "原載於 中央廣電總臺國際在線, 2025年12月29日",
    source: "來源: 中央廣電總臺國際在線",
    group: "文字",
    loading: "正在載入文章…",
    error: ["無法載入文章", "伺服器回應 HTTP 503。", "重試"],
  },
  "zh-Hans": {
    published: "2025年12月29日 18:35:44 (UTC+8)",
    credit: "原载于 中央廣電總臺國際在線, 2025年12月29日",
    source: "来源: 中央廣電總臺國際在線",
    group: "文字",
    loading: "正在加载文章…",
    error: ["无法加载文章", "服务器响应 HTTP 503。", "重试"],
  },
  en: {
    published: "December 29, 2025 at 18:35:44 (UTC+8)",
    credit: "Originally published by 中央廣電總臺國際在線 on December 29, 2025",
    source: "Source: 中央廣電總臺國際在線",
    group: "Script",
    loading: "Loading article…",
    error: ["The article could not be loaded", "The server answered HTTP 503.", "Retry"],
  },
};

const states = waitStates;

for (const timezoneId of ["UTC", "America/New_York"]) {
  for (const [uiLang, want] of Object.entries(EXPECTED)) {
    test(`ui-lang=${uiLang}, reader in ${timezoneId}: every word of the widget, the date in the article's offset`, async () => {
      // The page is French: nothing comes from it.
      const { context, page } = await custom({
        lang: "fr",
        context: { timezoneId },
        body: `<article-widget id="ok" src="/www/article.json" ui-lang="${uiLang}"></article-widget>
<article-widget id="bad" src="/__i18n/missing.json" ui-lang="${uiLang}"></article-widget>
<article-widget id="wait" src="/__i18n/held.json" ui-lang="${uiLang}"></article-widget>`,
      });
      assert.equal(
        await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
        timezoneId,
        "the reader's time zone is emulated"
      );
      await states(page, { ok: "loaded", bad: "error" });
      await page.waitForFunction(() => document.getElementById("wait").shadowRoot?.querySelector(".aw-loading"));
      const seen = await page.evaluate(() => {
        const ok = document.getElementById("ok").shadowRoot;
        const bad = document.getElementById("bad").shadowRoot;
        const wait = document.getElementById("wait").shadowRoot;
        const text = (root, q) => root.querySelector(q)?.textContent;
        return {
          published: text(ok, ".aw-published"),
          credit: text(ok, ".aw-credit"),
          source: text(ok, ".aw-source"),
          group: ok.querySelector("[role=group]")?.getAttribute("aria-label"),
          loading: text(wait, ".aw-live"),
          error: [text(bad, ".aw-error-title"), text(bad, ".aw-error-message"), text(bad, ".aw-retry")],
        };
      });
      assert.deepEqual(seen, want);
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  }
}

test("without ui-lang: words follow the text shown, and the page for loading and errors; plain zh is Simplified", async () => {
  const { context, page } = await custom({
    lang: "zh",
    body: `<article-widget id="ok" src="/www/article.json"></article-widget>
<article-widget id="bad" src="/__i18n/missing.json"></article-widget>`,
  });
  await states(page, { ok: "loaded", bad: "error" });
  const before = await page.evaluate(() => ({
    source: document.getElementById("ok").shadowRoot.querySelector(".aw-source").textContent,
    error: document.getElementById("bad").shadowRoot.querySelector(".aw-error-title").textContent,
  }));
  // The zh-Hant article is labelled in Traditional; the zh page's error in Simplified.
  assert.deepEqual(before, { source: "來源: 中央廣電總臺國際在線", error: "无法加载文章" });
  await page.locator('#ok button[data-script="hans"]').click();
  await page.waitForFunction(
    () => document.getElementById("ok").shadowRoot.querySelector("article").getAttribute("lang") === "zh-Hans",
    null,
    { timeout: 20000 }
  );
  const after = await page.evaluate(() => document.getElementById("ok").shadowRoot.querySelector(".aw-credit").textContent);
  assert.equal(after, "原载于 中央广电总台国际在线, 2025年12月29日");
  await context.close();
});
