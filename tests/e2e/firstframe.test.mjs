// The reader's own script from the first frame (issue #20, goal 1): when the script at mount needs
// a conversion (a stored choice, or the `script` attribute), no animation frame shows the
// published script before the reader's; the loading state stays until the converted text is
// ready. A requestAnimationFrame loop, installed before any of the page's scripts run, records
// the headline in the widget's shadow root on every frame. Assertions are about order and
// counts, never about time. Run through `cargo xtask e2e` (AW_BASE serves the repository,
// AW_CLI is the release CLI).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { BASE, withChromium, browser, recordErrors, waitState } from "./helpers.mjs";

assert.ok(BASE, "AW_BASE must be set (run `cargo xtask e2e`)");
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const CLI = process.env.AW_CLI || join(repo, "target/release/article-widget");
const generated = join(here, "pages/generated");
mkdirSync(generated, { recursive: true });

withChromium();

// The published headline (Traditional) and the Simplified one, as the CLI converts it.
const published = JSON.parse(readFileSync(join(repo, "www/article.json"), "utf8")).headline;
const hans = JSON.parse(
  execFileSync(CLI, ["convert-article", "www/article.json", "--script", "hans"], { cwd: repo, encoding: "utf8" })
).headline;
assert.notEqual(published, hans, "the seed's headline differs between the scripts");

/** A page with one widget on `article` (a path under the repository), `attrs` on it. */
function page(name, article, attrs = "") {
  writeFileSync(
    join(generated, `${name}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title></head><body>
<article-widget src="${BASE}/${article}"${attrs}></article-widget>
<script async src="${BASE}/www/article-widget.js"></script></body></html>`
  );
  return `${BASE}/tests/e2e/pages/generated/${name}.html`;
}

// Runs in the page before its scripts: every frame, the headline (or null) and whether the
// loading state is up, kept as a list of changes.
function recorder(stored) {
  if (stored) {
    localStorage.setItem("article-widget:script", stored);
  }
  const frames = (window.__frames = []);
  let last;
  const look = () => {
    const root = document.querySelector("article-widget")?.shadowRoot;
    const h1 = root?.querySelector("h1");
    const now = JSON.stringify([h1 ? h1.textContent : null, !!root?.querySelector(".aw-loading")]);
    if (now !== last) {
      last = now;
      frames.push(JSON.parse(now));
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

/** Opens `url` in a fresh context (the stored choice `stored`, if any); returns the frames
 * recorded until the widget is loaded and shows `until` (or its state is `error`). */
async function frames(url, { stored = null, until, route } = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const tab = recordErrors(await context.newPage());
  await tab.addInitScript(recorder, stored);
  if (route) {
    await route(tab);
  }
  await tab.goto(url);
  await waitState(tab, "article-widget");
  await tab.waitForFunction(
    (until) => window.__frames.some(([h]) => h === until),
    until,
    { timeout: 20000 }
  );
  // Two more frames, so that a later change would be recorded too.
  await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const result = {
    frames: await tab.evaluate(() => window.__frames),
    script: await tab.locator("article-widget").getAttribute("data-script"),
    status: await tab.evaluate(
      () => document.querySelector("article-widget").shadowRoot.querySelector(".aw-script-error")?.textContent || null
    ),
    errors: tab.errors,
  };
  await context.close();
  return result;
}

/** The headlines shown, in order, without the frames that show none. */
const headlines = (frames) => frames.map(([h]) => h).filter((h) => h !== null);

const CASES = [
  ["a stored choice, prepared article", "www/article.prepared.json", { stored: "hans" }],
  ["a stored choice, unprepared article", "www/article.json", { stored: "hans" }],
  ['script="hans", prepared article', "www/article.prepared.json", { attrs: ' script="hans"' }],
  ['script="hans", unprepared article', "www/article.json", { attrs: ' script="hans"' }],
];

for (const [name, article, { stored = null, attrs = "" }] of CASES) {
  test(`${name}: no frame shows the published script before the reader's`, async () => {
    const url = page(`firstframe-${name.replace(/[^a-z]+/g, "-")}`, article, attrs);
    const got = await frames(url, { stored, until: hans });
    const shown = headlines(got.frames);
    assert.ok(shown.length >= 1, "the headline was seen");
    assert.equal(shown[0], hans, `the first headline on screen is Simplified: ${JSON.stringify(got.frames)}`);
    assert.equal(shown.filter((h) => h === published).length, 0, "the published headline never showed");
    // The loading state was up before the text, and never beside it.
    assert.deepEqual(got.frames[got.frames.findIndex(([h]) => h !== null) - 1], [null, true], JSON.stringify(got.frames));
    assert.equal(got.frames.filter(([h, loading]) => h !== null && loading).length, 0);
    assert.equal(got.script, "hans");
    assert.deepEqual(got.errors, []);
  });
}

test("without a conversion the published headline is the first (the recorder sees it)", async () => {
  const got = await frames(page("firstframe-published", "www/article.prepared.json"), { until: published });
  const shown = headlines(got.frames);
  assert.equal(shown[0], published);
  assert.equal(shown.filter((h) => h === hans).length, 0);
});

test("when the engine cannot load, the published text shows with the error, never nothing", async () => {
  const got = await frames(page("firstframe-failed", "www/article.prepared.json", ' script="hans"'), {
    until: published,
    route: (tab) => tab.route(/article_widget_engine/, (r) => r.fulfill({ status: 503, body: "down" })),
  });
  const shown = headlines(got.frames);
  assert.deepEqual([...new Set(shown)], [published], "only the published headline, once the conversion failed");
  assert.ok(got.status, "the control says the conversion failed");
  assert.equal(got.script, null);
  assert.deepEqual(got.errors, []);
});
