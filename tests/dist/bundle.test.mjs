// The release bundle, unpacked into a fresh temporary directory and served from a second
// loopback origin (AW_CDN) with the headers of DEPLOY.md, renders the seed on a page of the
// first origin (AW_BASE) served under the Content-Security-Policy DEPLOY.md gives, including a
// script switch: the loader's content-hashed module names, the engine and the dictionaries
// must all resolve. Run through `cargo xtask test` (or `cargo xtask dist-test`), which set
// AW_BASE, AW_CDN and AW_ASSETS_DIR (the unpacked bundle or the installed npm package).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { launchChromium, onServerResponse } from "../chromium.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const BASE = process.env.AW_BASE;
const CDN = process.env.AW_CDN;
const DIR = process.env.AW_ASSETS_DIR;
assert.ok(BASE && CDN && DIR, "AW_BASE, AW_CDN and AW_ASSETS_DIR must be set (run `cargo xtask test`)");
const seed = JSON.parse(readFileSync(join(here, "../../www/article.json"), "utf8"));
const integrity = JSON.parse(readFileSync(join(DIR, "integrity.json"), "utf8"));
const HANS_HEADLINE = "南阳发布强市“科技纲领” 力争形成区域创新标杆";
const HASHED = /\.[0-9a-f]{8,16}\.(js|wasm|scd)$/;

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** Polls `fn(arg)` in the page until it returns something truthy (CSP-safe, unlike waitForFunction). */
async function pollUntil(page, what, fn, arg, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("the bundle renders the seed cross-origin under DEPLOY.md's CSP and switches script with hashed files", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (/Refused|Content.Security.Policy/i.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`)
    );
  });
  const responses = [];
  page.on("response", (r) => {
    // Chromium asks the page's origin for /favicon.ico on its own.
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) errors.push(`${r.status()} ${r.url()}`);
    if (r.url().startsWith(CDN)) {
      responses.push({ path: new URL(r.url()).pathname.slice(1), status: r.status(), headers: r.headers() });
    }
  });
  // What reached the CDN (not the HTTP cache).
  const network = [];
  await onServerResponse(context, page, (url) => {
    if (url.startsWith(CDN)) network.push(new URL(url).pathname.slice(1));
  });
  // The partner page under the policy DEPLOY.md gives (the test server's `strict` one):
  // scripts and fetches from the page and the CDN only, WebAssembly allowed, no inline code.
  const response = await page.goto(`${BASE}/__csp/strict/tests/e2e/pages/bundle.html?cdn=${encodeURIComponent(CDN)}`);
  const policy = response.headers()["content-security-policy"];
  assert.equal(
    policy,
    `default-src 'self'; script-src 'self' ${CDN} 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${CDN}`
  );
  // The loader tag as DEPLOY.md gives it: from the CDN, with its SRI hash.
  const sri = integrity.files["article-widget.js"];
  assert.match(sri, /^sha384-[A-Za-z0-9+/]{64}$/);
  await page.evaluate(
    ([src, sri]) => {
      const s = document.createElement("script");
      s.src = src;
      s.integrity = sri;
      s.crossOrigin = "anonymous";
      document.body.append(s);
    },
    [`${CDN}/article-widget.js`, sri]
  );
  await pollUntil(page, "the widget to load", () => document.querySelector("#w")?.getAttribute("data-state") === "loaded");
  const headline = () => page.evaluate(() => document.querySelector("#w").shadowRoot.querySelector("h1").textContent);
  assert.equal(await headline(), seed.headline);
  assert.equal(await page.evaluate(() => ArticleWidget.version), integrity.version);

  await page.locator("#w button[data-script=hans]").click();
  await pollUntil(
    page,
    "the text in 简体",
    () => document.querySelector("#w").shadowRoot.querySelector("article")?.getAttribute("lang") === "zh-Hans"
  );
  assert.equal(await headline(), HANS_HEADLINE);
  await page.locator("#w button[data-script=original]").click();
  await pollUntil(page, "the published text", (h) => document.querySelector("#w").shadowRoot.querySelector("h1").textContent === h, seed.headline);

  const paths = responses.map((r) => r.path);
  // The widget's module and the engine, each under its content-hashed name, and nothing under
  // the development names.
  for (const stem of ["pkg/article_widget.", "pkg/article_widget_bg.", "pkg/article_widget_engine.", "pkg/article_widget_engine_bg."]) {
    const named = (p) => p.startsWith(stem) && !p.slice(stem.length).includes("_");
    const hits = [...new Set(paths.filter(named))];
    assert.equal(hits.length, 1, `one ${stem}* name in ${paths.join(", ")}`);
    assert.match(hits[0], HASHED, `${hits[0]} is content-hashed`);
    assert.equal(network.filter(named).length, 1, `one ${stem}* request reached the CDN: ${network.join(", ")}`);
    assert.ok(integrity.files[hits[0]], `${hits[0]} is listed in integrity.json`);
  }
  assert.ok(paths.includes("dict/manifest.json"), paths.join(", "));
  assert.ok(paths.some((p) => p.startsWith("dict/") && p.endsWith(".scd")), paths.join(", "));
  for (const r of responses) {
    assert.equal(r.status, 200, `${r.path}: ${r.status}`);
    assert.equal(r.headers["access-control-allow-origin"], "*", r.path);
    assert.ok(integrity.files[r.path], `${r.path} is a file of the bundle`);
    const cache = r.headers["cache-control"];
    if (HASHED.test(r.path)) {
      assert.equal(cache, "public, max-age=31536000, immutable", r.path);
    } else {
      assert.equal(cache, "public, max-age=300, must-revalidate", r.path);
    }
    if (r.path.endsWith(".wasm")) assert.equal(r.headers["content-type"], "application/wasm");
  }
  assert.deepEqual(await page.evaluate(() => window.__violations), [], "no securitypolicyviolation event");
  assert.deepEqual(errors, []);
  await context.close();
});
