// Subresource integrity past the loader: the served loader (as a bundle's) pins each hashed
// module by SHA-384 (its `@integrity` line). A CDN that changes the widget's glue or wasm, or
// the engine's, gets the file refused with an error event naming it, and changed code never
// runs. Each file is changed in a way that keeps it valid (a statement appended to the glue, a
// custom section appended to the wasm), so only the pin can tell.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BASE, CDN, newContextPage, waitStates, withChromium } from "./helpers.mjs";

assert.ok(BASE && CDN, "AW_BASE and AW_CDN must be set (run `cargo xtask e2e`)");

withChromium();

// A wasm custom section named "test": still a valid module.
const SECTION = Buffer.from([0, 5, 4, 0x74, 0x65, 0x73, 0x74]);

/** The integrity page with the CDN's files matching `pattern` changed by `change(body)`. */
async function tampered(pattern, change) {
  const { context, page } = await newContextPage();
  const changed = [];
  await context.route(pattern, async (route) => {
    const response = await route.fetch();
    changed.push(route.request().url());
    await route.fulfill({ response, body: change(await response.body()) });
  });
  await page.goto(`${BASE}/tests/e2e/pages/integrity.html?cdn=${CDN}`);
  return { context, page, changed };
}

const glue = (body) => Buffer.concat([body, Buffer.from("\nwindow.pwned = true;\n")]);
const wasm = (body) => Buffer.concat([body, SECTION]);

test("the served loader pins every hashed module by SHA-384, and an unchanged CDN passes", async () => {
  const { context, page } = await newContextPage();
  const loader = await (await fetch(`${CDN}/www/article-widget.js`)).text();
  const pins = JSON.parse(loader.match(/var INTEGRITY = (\{.*\}); \/\/ @integrity/)[1]);
  assert.deepEqual(Object.keys(pins).sort(), ["engine", "engineWasm", "module", "wasm"]);
  for (const [key, pin] of Object.entries(pins)) {
    assert.match(pin, /^sha384-[A-Za-z0-9+/]{64}$/, key);
  }
  await page.goto(`${BASE}/tests/e2e/pages/integrity.html?cdn=${CDN}`);
  await waitStates(page, { w: "loaded" });
  assert.deepEqual(page.errors, []);
  await context.close();
});

for (const [what, pattern, change] of [
  ["the widget's glue (pkg/article_widget.<hash>.js)", /\/www\/pkg\/article_widget\.[0-9a-f]{10}\.js$/, glue],
  ["the widget's wasm (pkg/article_widget_bg.<hash>.wasm)", /\/www\/pkg\/article_widget_bg\.[0-9a-f]{10}\.wasm$/, wasm],
]) {
  test(`${what}, changed on the CDN, is refused with a load error naming it, and never runs`, async () => {
    const { context, page, changed } = await tampered(pattern, change);
    await waitStates(page, { w: "error" });
    assert.ok(changed.length >= 1, "the file was served changed");
    const errors = await page.evaluate(() => window.awErrors);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].kind, "load");
    assert.match(errors[0].message, /could not be fetched, or its SHA-384 is not the sha384-\S+ this loader pins/);
    assert.ok(errors[0].message.includes(changed[0].replace(/\?.*/, "")), errors[0].message);
    assert.equal(await page.evaluate(() => window.pwned), undefined, "the changed glue never ran");
    await context.close();
  });
}

for (const [what, pattern, change] of [
  ["the engine's glue (pkg/article_widget_engine.<hash>.js)", /\/www\/pkg\/article_widget_engine\.[0-9a-f]{10}\.js$/, glue],
  ["the engine's wasm (pkg/article_widget_engine_bg.<hash>.wasm)", /\/www\/pkg\/article_widget_engine_bg\.[0-9a-f]{10}\.wasm$/, wasm],
]) {
  test(`${what}, changed on the CDN, is refused on the first switch with a dictionary error naming it; the article stays shown`, async () => {
    const { context, page, changed } = await tampered(pattern, change);
    await waitStates(page, { w: "loaded" });
    await page.evaluate(() => window.ArticleWidget.setScript("hans"));
    await page.waitForFunction(() => window.awErrors.length > 0, null, { timeout: 20000 });
    assert.ok(changed.length >= 1, "the file was served changed");
    const errors = await page.evaluate(() => window.awErrors);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].kind, "dictionary");
    assert.match(errors[0].message, /could not be fetched, or its SHA-384 is not the sha384-\S+ this loader pins/);
    assert.equal(await page.evaluate(() => window.pwned), undefined, "the changed glue never ran");
    assert.equal(await page.evaluate(() => document.getElementById("w").getAttribute("data-state")), "loaded");
    await page.evaluate(() => window.ArticleWidget.setScript("auto"));
    await context.close();
  });
}
