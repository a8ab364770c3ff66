// Accessibility end to end, in headless Chromium: axe-core (npm devDependency) scans the
// widget's shadow root at WCAG 2.2 AA on the demo page and on the hostile partner page, in
// every state: loading, loaded, error (with and without Retry), notice closed and open, and
// each script option. Run through `cargo xtask test` (AW_BASE serves the pages).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const BASE = process.env.AW_BASE;
assert.ok(BASE, "AW_BASE must be set (run `cargo xtask test`)");
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const seed = JSON.parse(readFileSync(join(here, "../../www/article.json"), "utf8"));
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const PAGES = {
  demo: { path: "/", host: "#first article-widget" },
  hostile: { path: "/www/partner-hostile.html", host: "article-widget" },
};

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

/**
 * Opens `which` page in a fresh context. `article` decides how the article request is
 * answered: "serve" (normally), "hold" (never: the widget stays loading), or an HTTP status.
 */
async function open(which, { article = "serve", viewport = { width: 1000, height: 900 }, colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  // The hostile page breaks Array.prototype.includes and pollutes Object.prototype; keep the
  // originals so axe (not the widget) can run with them, and the page's versions come back.
  await page.addInitScript(() => {
    window.__awIntrinsics = { includes: Array.prototype.includes };
  });
  if (article !== "serve") {
    await page.route("**/article.json", (route) =>
      article === "hold" ? undefined : route.fulfill({ status: article, body: "{}" })
    );
  }
  await page.goto(`${BASE}${PAGES[which].path}`);
  page.host = PAGES[which].host;
  // axe-core itself needs the page's intrinsics intact while it initialises.
  await page.evaluate(() => {
    window.__awHostile = {
      includes: Array.prototype.includes,
      polluted: Object.getOwnPropertyDescriptor(Object.prototype, "polluted"),
    };
    Array.prototype.includes = window.__awIntrinsics.includes;
    delete Object.prototype.polluted;
  });
  await page.addScriptTag({ content: AXE });
  await page.evaluate(() => {
    Array.prototype.includes = window.__awHostile.includes;
    if (window.__awHostile.polluted) Object.defineProperty(Object.prototype, "polluted", window.__awHostile.polluted);
  });
  return { context, page };
}

async function waitState(page, state) {
  await page.waitForFunction(
    ([sel, st]) => document.querySelector(sel)?.getAttribute("data-state") === st,
    [page.host, state],
    { timeout: 20000 }
  );
}

/** axe-core on the host element and its shadow root; resolves to violations and scan facts. */
async function scan(page) {
  return page.evaluate(
    async ([sel, tags]) => {
      const hostile = Array.prototype.includes;
      const polluted = Object.getOwnPropertyDescriptor(Object.prototype, "polluted");
      Array.prototype.includes = window.__awIntrinsics.includes;
      delete Object.prototype.polluted;
      try {
        const results = await window.axe.run(document.querySelector(sel), {
          runOnly: { type: "tag", values: tags },
          resultTypes: ["violations", "passes"],
        });
        return {
          violations: results.violations.map((v) => ({
            id: v.id,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
          })),
          // A node inside a shadow root is targeted by its path: [host selector, inner selector].
          shadowNodes: results.passes
            .flatMap((p) => p.nodes)
            .filter((n) => Array.isArray(n.target[0]) && n.target[0].length > 1).length,
          rules: results.passes.map((p) => p.id),
        };
      } finally {
        Array.prototype.includes = hostile;
        if (polluted) Object.defineProperty(Object.prototype, "polluted", polluted);
      }
    },
    [page.host, TAGS]
  );
}

async function assertClean(page, label) {
  const result = await scan(page);
  assert.deepEqual(result.violations, [], `${label}: axe violations\n${JSON.stringify(result.violations, null, 2)}`);
  assert.ok(result.shadowNodes > 0, `${label}: axe checked nodes inside the shadow root`);
  return result;
}

test("axe sees inside the shadow root: a planted violation is reported", async () => {
  const { context, page } = await open("demo");
  await waitState(page, "loaded");
  await page.evaluate((sel) => {
    const img = document.createElement("img");
    img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
    document.querySelector(sel).shadowRoot.querySelector(".aw-body").appendChild(img);
  }, page.host);
  const result = await scan(page);
  assert.deepEqual(result.violations.map((v) => v.id), ["image-alt"]);
  assert.equal(result.violations[0].nodes[0].target[0].length, 2, "reported by its shadow path");
  await context.close();
});

for (const which of Object.keys(PAGES)) {
  test(`axe, ${which} page: loading and error states have no WCAG 2.2 AA violation`, async () => {
    {
      const { context, page } = await open(which, { article: "hold" });
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.shadowRoot?.querySelector(".aw-loading"),
        page.host
      );
      await assertClean(page, `${which} loading`);
      await context.close();
    }
    for (const status of [503, 404]) {
      const { context, page } = await open(which, { article: status });
      await waitState(page, "error");
      const retry = await page.evaluate(
        (sel) => !!document.querySelector(sel).shadowRoot.querySelector("button.aw-retry"),
        page.host
      );
      assert.equal(retry, status === 503, `HTTP ${status}: a Retry button only when retrying can help`);
      await assertClean(page, `${which} error ${status}`);
      assert.deepEqual(page.errors, []);
      await context.close();
    }
  });

  test(`axe, ${which} page: loaded, notice closed and open, each script: no violation`, async () => {
    const { context, page } = await open(which);
    await waitState(page, "loaded");
    const loaded = await assertClean(page, `${which} loaded`);
    assert.ok(loaded.rules.includes("color-contrast"), "contrast was checked");
    // By keyboard: on the hostile page, the partner's own rotated paragraphs cover the widget.
    await page.locator(`${page.host} summary`).focus();
    await page.keyboard.press("Enter");
    assert.equal(
      await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector("details").open, page.host),
      true
    );
    await assertClean(page, `${which} notice open`);
    await page.keyboard.press("Space");
    assert.equal(
      await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector("details").open, page.host),
      false
    );
    await assertClean(page, `${which} notice closed again`);
    const langs = { hans: "zh-Hans", "hant-tw": "zh-Hant-TW", "hant-hk": "zh-Hant-HK", hant: "zh-Hant", original: seed.inLanguage };
    for (const [script, lang] of Object.entries(langs)) {
      await page.locator(`${page.host} button[data-script="${script}"]`).focus();
      await page.keyboard.press("Enter");
      await page.waitForFunction(
        ([sel, l, s]) => {
          const root = document.querySelector(sel).shadowRoot;
          return (
            root.querySelector("article")?.getAttribute("lang") === l &&
            root.querySelector(`button[data-script="${s}"]`)?.getAttribute("aria-pressed") === "true"
          );
        },
        [page.host, lang, script],
        { timeout: 20000 }
      );
      await assertClean(page, `${which} script ${script}`);
    }
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test("axe, reader prefers dark: loaded, notice open, Simplified chosen: no violation", async () => {
  for (const which of Object.keys(PAGES)) {
    const { context, page } = await open(which, { colorScheme: "dark" });
    await waitState(page, "loaded");
    await assertClean(page, `${which} dark loaded`);
    await page.locator(`${page.host} summary`).focus();
    await page.keyboard.press("Enter");
    await page.locator(`${page.host} button[data-script="hans"]`).focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      (sel) => document.querySelector(sel).shadowRoot.querySelector("article")?.getAttribute("lang") === "zh-Hans",
      page.host,
      { timeout: 20000 }
    );
    await assertClean(page, `${which} dark, notice open, hans`);
    await context.close();
  }
});
