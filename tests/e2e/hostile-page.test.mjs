// A partner page that is itself hostile: markup injected before the loader (DOM clobbering of
// `document.currentScript` and `window.ArticleWidget`), a polluted `Object.prototype`, and
// user content that embeds articles the page did not choose (`data-sources`). Each page is
// made for the test; requests to https://attacker.example are recorded and answered with a
// script that would mark the page, so a test sees both the request and any code that ran.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { BASE, CDN, newContextPage, waitStates, withChromium } from "./helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const seed = JSON.parse(readFileSync(join(here, "../../www/article.json"), "utf8"));
assert.ok(BASE && CDN, "AW_BASE and AW_CDN must be set (run `cargo xtask e2e`)");

withChromium();

/** Records the requests (not images) to https://attacker.example, answering each with a
 * script that marks the page (`window.pwned`) if it ever runs. */
async function recordAttacker(context) {
  const attacker = [];
  await context.route("https://attacker.example/**", (route) => {
    const request = route.request();
    if (request.resourceType() !== "image") {
      attacker.push(request.url());
    }
    route.fulfill({
      status: 200,
      headers: { "Access-Control-Allow-Origin": "*" },
      contentType: request.resourceType() === "image" ? "image/gif" : "text/javascript",
      body: request.resourceType() === "image" ? "" : "window.pwned = true; export default async () => {};",
    });
  });
  return attacker;
}

/** A page at BASE/__hostile/page.html with `head` and `body`; returns the page and the list
 * of requests (not images) to the attacker's origin, and the page's error events. */
async function hostile({ head = "", body }) {
  const { context, page } = await newContextPage();
  const attacker = await recordAttacker(context);
  await page.route(`${BASE}/__hostile/page.html`, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hostile</title>${head}
<script>window.awErrors = []; document.addEventListener("article-widget:error", (e) => awErrors.push({ id: e.target.id, kind: e.detail.kind, message: e.detail.message }));</script>
</head><body>${body}</body></html>`,
    })
  );
  await page.goto(`${BASE}/__hostile/page.html`);
  return { context, page, attacker };
}

const headline = (page, id) => page.evaluate((id) => document.getElementById(id).shadowRoot?.querySelector("h1")?.textContent ?? null, id);

/** A page of tests/e2e/pages/hostile/ (its loader on the CDN origin), as `hostile` gives one. */
async function served(name) {
  const { context, page } = await newContextPage();
  const attacker = await recordAttacker(context);
  await page.goto(`${BASE}/tests/e2e/pages/hostile/${name}.html?cdn=${CDN}`);
  return { context, page, attacker };
}

test("an <img name=currentScript> before the loader does not move the module's origin: the widget loads from the loader's folder and nothing is requested from the attacker", async () => {
  const { context, page, attacker } = await served("current-script");
  await waitStates(page, { w: "loaded" });
  assert.equal(await headline(page, "w"), seed.headline);
  // The clobbering is in place (the page sees the image), and the loader was not fooled.
  assert.equal(await page.evaluate(() => document.currentScript instanceof HTMLImageElement), true);
  assert.deepEqual(attacker, []);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  const modules = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes("/pkg/")));
  assert.ok(modules.length >= 2 && modules.every((n) => n.startsWith(`${CDN}/www/pkg/`)), modules.join("\n"));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("without document.currentScript (the loader run as a module), a second script element naming the loader is not trusted: nothing is requested from it, and the widget reports the load error", async () => {
  // Alone, the one script element that names the loader is its own.
  const alone = await served("module-alone");
  await waitStates(alone.page, { w: "loaded" });
  await alone.context.close();
  // With injected markup naming the loader too, the loader guesses neither.
  const { context, page, attacker } = await served("module-injected");
  await waitStates(page, { w: "error" });
  assert.deepEqual(attacker, []);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  const errors = await page.evaluate(() => window.awErrors);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0].kind, "load");
  await context.close();
});

test("a <form id=ArticleWidget> with an input named __loader does not switch the loader off, and the page's ArticleWidget is the API", async () => {
  const { context, page } = await hostile({
    body: `<form id="ArticleWidget"><input name="__loader"><input name="version"></form>
<article-widget id="w" src="/www/article.json"></article-widget>
<script async src="/www/article-widget.js"></script>`,
  });
  await waitStates(page, { w: "loaded" });
  assert.equal(await headline(page, "w"), seed.headline);
  const api = await page.evaluate(() => ({
    mount: typeof window.ArticleWidget.mount,
    version: window.ArticleWidget.version,
    defined: !!customElements.get("article-widget"),
  }));
  assert.equal(api.mount, "function");
  assert.equal(api.defined, true);
  assert.match(String(api.version), /^\d+\.\d+\.\d+/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("Object.prototype.article, .structuredData, .excerpt and .uiLang set by the page change no widget: options are read from own properties only", async () => {
  const forged = JSON.stringify({ ...seed, headline: "FORGED" });
  const { context, page, attacker } = await hostile({
    head: `<script>
Object.prototype.article = ${JSON.stringify(forged)};
Object.prototype.structuredData = true;
Object.prototype.excerpt = 1;
Object.prototype.uiLang = "fr";
</script>`,
    body: `<div id="auto" data-article-src="/www/article.json"></div>
<article-widget id="element" src="/www/article.json"></article-widget>
<div id="manual"></div>
<script async src="/www/article-widget.js"></script>
<script>addEventListener("load", () => { window.manualMount = ArticleWidget.mount(document.getElementById("manual"), { src: "/www/article.json" }).then(() => "ok", (e) => e.message); });</script>`,
  });
  await waitStates(page, { auto: "loaded", element: "loaded", manual: "loaded" });
  assert.equal(await page.evaluate(() => window.manualMount), "ok");
  for (const id of ["auto", "element", "manual"]) {
    const facts = await page.evaluate(
      (id) => {
        const root = document.getElementById(id).shadowRoot;
        return {
          headline: root.querySelector("h1")?.textContent,
          paragraphs: root.querySelectorAll(".aw-body p").length,
          lang: root.querySelector(".article-widget")?.getAttribute("lang"),
        };
      },
      id
    );
    assert.equal(facts.headline, seed.headline, id);
    assert.equal(facts.paragraphs, seed.body.length, `${id}: no excerpt`);
  }
  assert.equal(await page.evaluate(() => document.head.querySelectorAll('script[type="application/ld+json"]').length), 0, "no structured data");
  assert.deepEqual(await page.evaluate(() => window.awErrors), []);
  assert.deepEqual(attacker, []);
  await context.close();
});

test("data-sources on the loader's tag: an article on a listed origin mounts; another origin, or an inline article found in the page, is refused with an error event naming the rule, and never fetched", async () => {
  const { context, page } = await newContextPage();
  const requested = [];
  const consoleErrors = [];
  page.on("request", (r) => requested.push(r.url()));
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  await page.goto(`${BASE}/tests/e2e/pages/hostile/sources.html?cdn=${CDN}`);
  await waitStates(page, { listed: "loaded", other: "error", inline: "error", manual: "error" });
  assert.equal(await headline(page, "listed"), seed.headline);
  const errors = await page.evaluate(() => window.awErrors);
  const byId = Object.fromEntries(errors.map((e) => [e.id, e]));
  assert.deepEqual(Object.keys(byId).sort(), ["inline", "manual", "other"], JSON.stringify(errors));
  const cdn = new URL(CDN).origin;
  for (const id of ["inline", "manual", "other"]) {
    assert.equal(byId[id].kind, "source", id);
    assert.ok(byId[id].message.includes(`data-sources (${cdn} https://wire.example)`), `${id}: ${byId[id].message}`);
  }
  assert.match(byId.other.message, new RegExp(`origin ${new URL(BASE).origin}\\).*add the origin there`));
  assert.match(byId.inline.message, /without src.*ArticleWidget\.mount/);
  assert.match(await page.evaluate(() => window.manualMount), /^TypeError: ArticleWidget\.mount: src .* is not allowed by the loader's data-sources/);
  assert.deepEqual(
    requested.filter((u) => u.startsWith(`${BASE}/www/article.json`)),
    [],
    "a refused article is never requested"
  );
  // The invalid token is reported, not silently taken.
  assert.ok(consoleErrors.some((t) => t.includes('data-sources: "not-an-origin" is not an origin')), consoleErrors.join("\n"));
  assert.deepEqual(page.errors, []);
  await context.close();
});
