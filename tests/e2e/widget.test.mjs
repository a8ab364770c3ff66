// End-to-end tests in real headless Chromium, driven by playwright-core.
// Run through `cargo xtask test`, which serves the pages (AW_BASE) and, on a second origin,
// the widget's assets (AW_CDN). Screenshots land in tests/e2e/artifacts/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { BASE, CDN, browser, newPage, waitState, withChromium } from "./helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, "artifacts");
mkdirSync(artifacts, { recursive: true });
assert.ok(BASE && CDN, "AW_BASE and AW_CDN must be set (run `cargo xtask test`)");
const seed = JSON.parse(readFileSync(join(here, "../../www/article.json"), "utf8"));

withChromium();

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

test("article-widget:load fires once the article is in the DOM", async () => {
  const page = await newPage();
  await page.addInitScript(() => {
    window.__loads = [];
    document.addEventListener("article-widget:load", (e) => {
      // Read synchronously, in the handler: the headline must already be rendered.
      const root = e.target.shadowRoot;
      window.__loads.push({
        detail: e.detail.headline,
        shown: root?.querySelector("h1")?.textContent ?? null,
        paragraphs: root?.querySelectorAll(".aw-body p").length ?? 0,
        state: e.target.getAttribute("data-state"),
      });
    });
  });
  await page.goto(`${BASE}/tests/e2e/pages/cross-origin.html?cdn=${CDN}`);
  await waitState(page, "article-widget");
  await waitState(page, "[data-article-src]");
  // Fetched, inline, and after a retry.
  await page.evaluate(async (doc) => {
    const el = document.createElement("div");
    document.body.appendChild(el);
    await window.ArticleWidget.mount(el, { article: doc });
  }, seed);
  await page.evaluate(() => {
    const el = document.createElement("div");
    el.id = "flaky";
    document.body.appendChild(el);
    return window.ArticleWidget.mount(el, { src: "/__faults/flaky?key=load-event&fails=3" });
  });
  await waitState(page, "#flaky", "error");
  await page.locator("#flaky button.aw-retry").click();
  await waitState(page, "#flaky", "loaded");
  await page.waitForFunction(() => window.__loads.length === 4);
  const shown = { detail: seed.headline, shown: seed.headline, paragraphs: seed.body.length, state: "loaded" };
  assert.deepEqual(await page.evaluate(() => window.__loads), [shown, shown, shown, shown]);
  assert.deepEqual(page.errors, []);
  await page.close();
});

/** Computed styles (18 properties) of 7 elements in the widget under `selector`, and its host's. */
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
    [
      selector,
      [
        "color", "font-family", "font-size", "line-height", "letter-spacing", "text-transform",
        "background-color", "text-align", "font-weight", "display", "margin-top", "padding-top",
        "border-top-width", "transform", "direction", "word-spacing", "white-space", "visibility",
      ],
    ]
  );

/** The widget's computed styles on the clean demo page: what every other page must match. */
let cleanStylesPromise;
function cleanStyles() {
  cleanStylesPromise ??= (async () => {
    const clean = await newPage();
    await clean.goto(`${BASE}/`);
    await waitState(clean, "#first article-widget");
    const reference = await styleOf(clean, "#first article-widget");
    await clean.close();
    return reference;
  })();
  return cleanStylesPromise;
}

/** Asserts the widget under `selector` is styled exactly as on the clean demo. */
async function assertStyledAsDemo(page, selector) {
  const reference = await cleanStyles();
  const styles = await styleOf(page, selector);
  for (const el of Object.keys(reference)) {
    if (el === "host") continue;
    assert.deepEqual(styles[el], reference[el], `computed style of ${el} differs from the clean demo's`);
  }
  // The host box is the page's to style (the hostile pages' `div { display: inline
  // !important }` and border and padding reach it); what is inside is compared above.
}

test("hostile partner page: global CSS does not reach the widget, nor the widget's CSS the page", async () => {
  const reference = await cleanStyles();
  const page = await newPage();
  await page.goto(`${BASE}/www/partner-hostile.html`);
  await waitState(page, "article-widget");
  assertSeedRendered(await widgetFacts(page, "article-widget"));
  const hostile = await styleOf(page, "article-widget");
  for (const el of Object.keys(reference)) {
    if (el === "host") continue;
    assert.deepEqual(hostile[el], reference[el], `computed style of ${el} changed by the host page`);
  }
  // The host box is the partner's: its own rule for the element applies (12px orange border,
  // 30px padding); nothing of it reaches inside.
  assert.deepEqual(hostile.host, { display: "block", border: "12px", padding: "30px" });
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

// Strict Content-Security-Policy: the test server serves a page under /__csp/<policy>/… with the
// policy's header (xtask/src/serve/csp.rs). The pages use no inline script or style; the loader,
// module, stylesheet and article come from the CDN origin. Polling goes through page.evaluate,
// which CDP runs outside the page's policy, so the harness itself causes no violation.

/** Opens `path` under CSP `policy`, recording violations (events and console) before any script. */
async function openUnderCsp(policy, path, { noConstructableStylesheets = false } = {}) {
  const page = await newPage();
  page.violations = [];
  page.on("console", (m) => {
    if (/Refused|Content.Security.Policy|Trusted ?(Types?|HTML|Script)/i.test(m.text())) {
      page.violations.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  await page.addInitScript((strip) => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`)
    );
    if (strip) {
      // A browser without constructable stylesheets (Safari before 16.4, Firefox before 101).
      delete ShadowRoot.prototype.adoptedStyleSheets;
      delete Document.prototype.adoptedStyleSheets;
      delete CSSStyleSheet.prototype.replaceSync;
      delete CSSStyleSheet.prototype.replace;
    }
  }, noConstructableStylesheets);
  const response = await page.goto(`${BASE}/__csp/${policy}/${path}?cdn=${CDN}`);
  assert.equal(response.status(), 200);
  page.policy = response.headers()["content-security-policy"];
  assert.ok(page.policy && page.policy.includes("default-src 'self'"), `served with a CSP: ${page.policy}`);
  return page;
}

/** Polls `fn(arg)` in the page until it returns something truthy (CSP-safe waitForFunction). */
async function pollUntil(page, what, fn, arg, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const stateIs = (page, selector, state = "loaded") =>
  pollUntil(page, `${selector} to be ${state}`, ([sel, st]) => document.querySelector(sel)?.getAttribute("data-state") === st, [selector, state]);

async function assertNoViolation(page) {
  const events = await page.evaluate(() => window.__violations);
  assert.deepEqual(events, [], "no securitypolicyviolation event");
  assert.deepEqual(page.violations, [], "no CSP or Trusted Types message in the console");
  assert.deepEqual(page.errors, []);
}

/** ArticleWidget.setScript("hans") converts the widgets under `selectors` (t2s of the seed). */
async function switchesToSimplified(page, selectors) {
  const hans = "南阳发布强市“科技纲领” 力争形成区域创新标杆";
  await page.evaluate(() => window.ArticleWidget.setScript("hans"));
  for (const selector of selectors) {
    await pollUntil(page, `${selector} in Simplified`, ([sel, hans]) => {
      const host = document.querySelector(sel);
      return host.getAttribute("data-script") === "hans" && host.shadowRoot.querySelector("h1")?.textContent === hans;
    }, [selector, hans]);
  }
}

/** How the shadow root under `selector` got its stylesheet. */
const stylesheetOf = (page, selector) =>
  page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    // (":scope >" matches nothing in a shadow root: look at its children.)
    const style = [...root.children].find((e) => e.localName === "style");
    const link = [...root.children].find((e) => e.localName === "link");
    return {
      adopted: "adoptedStyleSheets" in ShadowRoot.prototype ? root.adoptedStyleSheets.length : null,
      style: style ? { nonce: style.nonce, text: style.textContent.includes(":host") } : null,
      link: link ? { rel: link.rel, href: link.href, loaded: !!link.sheet } : null,
    };
  }, selector);

test("strict CSP (no 'unsafe-inline'), assets on another origin: styled as the demo, no violation", async () => {
  const page = await openUnderCsp("strict", "tests/e2e/pages/csp-hostile.html");
  assert.ok(page.policy.includes("style-src 'self';"), page.policy);
  await stateIs(page, "article-widget");
  assertSeedRendered(await widgetFacts(page, "article-widget"));
  // The page's own external CSS and script did apply.
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("body > h1")).fontSize), "80px");
  assert.equal(await page.evaluate(() => ({}).polluted), "yes");
  await assertStyledAsDemo(page, "article-widget");
  assert.deepEqual(await stylesheetOf(page, "article-widget"), { adopted: 1, style: null, link: null });
  // A second widget, through the API: the same CSSStyleSheet object, not a copy.
  await page.evaluate((cdn) => {
    const el = document.createElement("div");
    el.id = "second";
    document.getElementById("more").appendChild(el);
    return window.ArticleWidget.mount(el, { src: `${cdn}/www/article.json` });
  }, CDN);
  await stateIs(page, "#second");
  await assertStyledAsDemo(page, "#second");
  assert.equal(
    await page.evaluate(() => {
      const [a, b] = [document.querySelector("article-widget"), document.getElementById("second")];
      return a.shadowRoot.adoptedStyleSheets[0] === b.shadowRoot.adoptedStyleSheets[0];
    }),
    true,
    "one stylesheet shared by every widget"
  );
  assert.equal(await page.evaluate(() => window.ArticleWidget.mountedCount()), 2);
  // Script switching under the policy: the engine module and its dictionaries from the CDN.
  await switchesToSimplified(page, ["article-widget", "#second"]);
  await page.screenshot({ path: join(artifacts, "csp-strict.png"), fullPage: true });
  await assertNoViolation(page);
  // The policy is in force, and a violation would have been seen: an inline <style> is refused.
  await page.evaluate(() => {
    const style = document.createElement("style");
    style.textContent = "body { color: red }";
    document.head.appendChild(style);
  });
  const seen = await pollUntil(page, "the probe's violation", () => window.__violations.length && window.__violations);
  assert.match(seen[0], /^style-src/);
  await page.close();
});

test("Trusted Types enforced: mount, remount, script switch and unmount work without a violation", async () => {
  const page = await openUnderCsp("trusted-types", "tests/e2e/pages/csp-hostile.html");
  assert.ok(page.policy.includes("require-trusted-types-for 'script'"), page.policy);
  await stateIs(page, "article-widget");
  assertSeedRendered(await widgetFacts(page, "article-widget"));
  await assertStyledAsDemo(page, "article-widget");
  // Remount on a new src (attribute change), then back.
  await page.evaluate((cdn) => document.querySelector("article-widget").setAttribute("src", `${cdn}/__faults/status/404`), CDN);
  await stateIs(page, "article-widget", "error");
  await page.evaluate((cdn) => document.querySelector("article-widget").setAttribute("src", `${cdn}/www/article.json`), CDN);
  await stateIs(page, "article-widget");
  assertSeedRendered(await widgetFacts(page, "article-widget"));
  // Through the API: mount, unmount, mount again on the same element (its shadow root reused).
  const api = await page.evaluate(async (cdn) => {
    const el = document.createElement("div");
    document.getElementById("more").appendChild(el);
    await window.ArticleWidget.mount(el, { src: `${cdn}/www/article.json` });
    const shadow = el.shadowRoot;
    const unmounted = await window.ArticleWidget.unmount(el);
    const emptied = shadow.childNodes.length === 0 && shadow.adoptedStyleSheets.length === 0;
    await window.ArticleWidget.mount(el, { src: `${cdn}/www/article.json` });
    el.id = "api";
    return { unmounted, emptied, reused: el.shadowRoot === shadow };
  }, CDN);
  assert.deepEqual(api, { unmounted: true, emptied: true, reused: true });
  await stateIs(page, "#api");
  assertSeedRendered(await widgetFacts(page, "#api"));
  await switchesToSimplified(page, ["article-widget", "#api"]);
  await page.evaluate(() => window.ArticleWidget.setScript("original"));
  await pollUntil(page, "the published text again", (headline) =>
    document.getElementById("api").shadowRoot.querySelector("h1")?.textContent === headline,
    seed.headline
  );
  assert.equal(await page.evaluate(() => window.ArticleWidget.mountedCount()), 2);
  // Unmount: by the API, and by removing the element.
  assert.equal(await page.evaluate(() => window.ArticleWidget.unmount(document.getElementById("api"))), true);
  await page.evaluate(() => document.querySelector("article-widget").remove());
  await pollUntil(page, "no widget mounted", () => window.ArticleWidget.mountedCount().then((n) => n === 0));
  await assertNoViolation(page);
  // The policy is in force, and a violation would have been seen: a string into innerHTML throws
  // and is reported.
  const enforced = await page.evaluate(() => {
    try {
      document.createElement("div").innerHTML = "<b>x</b>";
      return false;
    } catch (e) {
      return e instanceof TypeError;
    }
  });
  assert.equal(enforced, true, "Trusted Types are enforced on this page");
  const seen = await pollUntil(page, "the probe's violation", () => window.__violations.length && window.__violations);
  assert.match(seen[0], /require-trusted-types-for/);
  await page.close();
});

test("nonce CSP without constructable stylesheets: a <style> with the loader tag's nonce", async () => {
  const page = await openUnderCsp("nonce", "tests/e2e/pages/csp-nonce.html", { noConstructableStylesheets: true });
  assert.match(page.policy, /style-src 'nonce-[0-9a-f]+'/);
  await stateIs(page, "article-widget");
  assertSeedRendered(await widgetFacts(page, "article-widget"));
  const nonce = await page.evaluate(() => document.querySelector("script[src$='article-widget.js']").nonce);
  assert.ok(nonce && page.policy.includes(`'nonce-${nonce}'`));
  assert.deepEqual(await stylesheetOf(page, "article-widget"), { adopted: null, style: { nonce, text: true }, link: null });
  await assertStyledAsDemo(page, "article-widget");
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("body > h1")).fontSize), "80px");
  await assertNoViolation(page);
  await page.close();
});

test("a nonce the policy allows for scripts only: one refused <style>, then the <link>", async () => {
  const page = await openUnderCsp("nonce-scripts-only", "tests/e2e/pages/csp-nonce.html", { noConstructableStylesheets: true });
  await stateIs(page, "article-widget");
  await pollUntil(page, "the stylesheet link to load", () => !!document.querySelector("article-widget").shadowRoot.querySelector("link")?.sheet);
  assert.deepEqual(await stylesheetOf(page, "article-widget"), {
    adopted: null,
    style: null,
    link: { rel: "stylesheet", href: `${CDN}/www/article-widget.css`, loaded: true },
  });
  await assertStyledAsDemo(page, "article-widget");
  // The refused <style> is reported once; nothing else is.
  const seen = await pollUntil(page, "the refused style's report", () => window.__violations.length && window.__violations);
  assert.equal(seen.length, 1, seen.join("\n"));
  assert.match(seen[0], /^style-src/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("no constructable stylesheets, no nonce: a <link> to article-widget.css beside the loader", async () => {
  const page = await openUnderCsp("styles-from-cdn", "tests/e2e/pages/csp-hostile.html", { noConstructableStylesheets: true });
  assert.ok(page.policy.includes(`style-src 'self' ${CDN};`), page.policy);
  await stateIs(page, "article-widget");
  assertSeedRendered(await widgetFacts(page, "article-widget"));
  await pollUntil(page, "the stylesheet link to load", () => !!document.querySelector("article-widget").shadowRoot.querySelector("link")?.sheet);
  assert.deepEqual(await stylesheetOf(page, "article-widget"), {
    adopted: null,
    style: null,
    link: { rel: "stylesheet", href: `${CDN}/www/article-widget.css`, loaded: true },
  });
  await assertStyledAsDemo(page, "article-widget");
  await assertNoViolation(page);
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
    timeout: [{ src: "/__faults/slow?ms=6000", timeoutMs: 2000 }, /2000 毫秒內沒有回應/, true],
    huge: [{ src: "/__faults/huge", maxBytes: 100000 }, /超過 100000 位元組的上限/, false],
    invalid: [{ src: "/__faults/invalid" }, /\$\.headline: required field is missing/, false],
    notjson: [{ src: "/__faults/notjson" }, /not valid JSON/, false],
    notutf8: [{ src: "/__faults/notutf8" }, /UTF-8/, false],
    offline: [{ src: "http://127.0.0.1:9/article.json" }, /網路錯誤/, true],
    flaky: [{ src: "/__faults/flaky?key=e2e&fails=3" }, /HTTP 503/, true],
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
  // (Seen and measured in one step, and with a 2 s window: on a busy machine the state may
  // not last from one evaluation to the next.)
  const loading = await (
    await page.waitForFunction(() => {
      const el = document.getElementById("timeout").shadowRoot?.querySelector(".aw-loading");
      return el && { busy: el.getAttribute("aria-busy"), height: el.getBoundingClientRect().height };
    })
  ).jsonValue();
  assert.equal(loading?.busy, "true");
  assert.ok(loading.height >= 300, `placeholder height ${loading.height}`);
  for (const [id, [, message, retry]] of Object.entries(cases)) {
    await waitState(page, `#${id}`, "error");
    const shown = await page.evaluate((id) => {
      const root = document.getElementById(id).shadowRoot;
      return {
        alert: root.querySelector(".aw-error")?.textContent,
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
  // The flaky endpoint fails 3 times (the first load and its 2 automatic retries); Retry then loads it.
  await page.locator("#flaky button.aw-retry").click();
  await waitState(page, "#flaky", "loaded");
  assertSeedRendered(await widgetFacts(page, "#flaky"));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("malformed documents: a specific error each, a BOM accepted; inline articles cannot break the module", async () => {
  const page = await newPage();
  const events = [];
  await page.exposeFunction("recordEvent", (e) => events.push(e));
  await page.goto(`${BASE}/tests/e2e/pages/cross-origin.html?cdn=${BASE}`);
  await page.waitForFunction(() => window.ArticleWidget);
  await page.evaluate(() => {
    document.addEventListener("article-widget:error", (e) => window.recordEvent({ id: e.target.id, kind: e.detail.kind }));
  });
  // Served with status 200 and a JSON content type by the test server (xtask/src/serve/faults.rs).
  const cases = {
    syntax: [/not valid JSON \(line 2, column 19\): expected a key in double quotes/, "invalid"],
    wrongtype: [/\$\.body: expected an array, found a string/, "invalid"],
    missing: [/\$\.datePublished: required field is missing/, "invalid"],
    version2: [/\$\.version: format version 2 is not supported/, "invalid"],
    duplicate: [/\$\.headline: is given more than once in the same object/, "invalid"],
    headline1mb: [/\$\.headline: is 1048576 characters long; give at most 1000/, "invalid"],
    paragraphs100k: [/\$\.body: has 100000 items; give at most 10000/, "invalid"],
    deep10k: [/nested more than 64 levels deep/, "invalid"],
    overlimit: [/超過 2097152 位元組的上限/, "too-large"],
    html200: [/this looks like an HTML page, not a JSON document/, "invalid"],
  };
  for (const id of [...Object.keys(cases), "bom"]) {
    await page.evaluate((id) => {
      const el = document.createElement("div");
      el.id = id;
      document.body.appendChild(el);
      return window.ArticleWidget.mount(el, { src: `/__faults/doc/${id}` });
    }, id);
  }
  await waitState(page, "#bom", "loaded");
  assertSeedRendered(await widgetFacts(page, "#bom"));
  for (const [id, [message]] of Object.entries(cases)) {
    await waitState(page, `#${id}`, "error");
    const alert = await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector(".aw-error")?.textContent, id);
    assert.match(alert ?? "", message, id);
  }
  const kinds = Object.fromEntries(events.map((e) => [e.id, e.kind]));
  assert.deepEqual(kinds, Object.fromEntries(Object.entries(cases).map(([id, [, kind]]) => [id, kind])));

  // Inline articles: a cycle is refused by the loader, a 10,000-deep object by the module's
  // depth-limited reader; neither throws into the page, and the module keeps working.
  const inline = await page.evaluate(async (doc) => {
    const attempt = (article) => {
      const el = document.createElement("div");
      document.body.appendChild(el);
      return window.ArticleWidget.mount(el, { article }).then(
        () => (el.shadowRoot?.querySelector("h1") ? "ok" : "no headline"),
        (e) => `${e.name}: ${e.message}`
      );
    };
    const cyclic = { ...doc };
    cyclic.self = cyclic;
    let deep = [];
    for (let i = 0; i < 10000; i++) deep = [deep];
    return {
      cyclic: await attempt(cyclic),
      deep: await attempt({ ...doc, extension: deep }),
      duplicateAsText: await attempt(JSON.stringify(doc).replace('"headline":', '"headline":"x","headline":')),
      good: await attempt(doc),
    };
  }, seed);
  assert.match(inline.cyclic, /^TypeError: ArticleWidget\.mount: article is not JSON: .*circular/i);
  assert.match(inline.deep, /^TypeError: [\s\S]*nested more than 64 levels deep/);
  assert.match(inline.duplicateAsText, /^TypeError: [\s\S]*\$\.headline: is given more than once/);
  assert.equal(inline.good, "ok");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("network faults: transient errors retried (at most 2, Retry-After honoured), permanent ones at once", async () => {
  const page = await newPage();
  const events = [];
  await page.exposeFunction("recordEvent", (e) => events.push(e));
  await page.goto(`${BASE}/tests/e2e/pages/cross-origin.html?cdn=${BASE}`);
  await page.waitForFunction(() => window.ArticleWidget);
  const pageText = await page.evaluate(() => document.body.innerText);
  await page.evaluate(() => {
    for (const name of ["article-widget:load", "article-widget:error"]) {
      document.addEventListener(name, (e) => window.recordEvent({ name, id: e.target.id, kind: e.detail?.kind }));
    }
  });
  const k = `n${Date.now()}`;
  // id: [src, options, final state, message, retry button, requests the server saw (or null)]
  const cases = {
    gone404: [`/__faults/count?key=${k}404&status=404`, {}, "error", /HTTP 404[\s\S]*Not Found/, false, 1],
    gone410: [`/__faults/count?key=${k}410&status=410`, {}, "error", /HTTP 410[\s\S]*Gone/, false, 1],
    down500: [`/__faults/flaky?key=${k}500&status=500&fails=9`, {}, "error", /HTTP 500/, true, 3],
    busy503: [`/__faults/flaky?key=${k}503&retryAfter=1&fails=2`, {}, "loaded", null, false, 3],
    limited429: [`/__faults/flaky?key=${k}429&status=429&retryAfter=1&fails=1`, {}, "loaded", null, false, 2],
    reset: [`/__faults/reset?key=${k}reset`, {}, "error", /網路錯誤/, true, 3],
    drip: ["/__faults/drip", { timeoutMs: 1500 }, "error", /1500 毫秒內沒有回應/, true, null],
    nocors: [`${CDN}/__faults/nocors`, {}, "error", /網路錯誤/, true, null],
    redirect: [`/__faults/redirect?to=${CDN}/www/article.json`, {}, "loaded", null, false, null],
    redirectloop: ["/__faults/redirectloop", {}, "error", /網路錯誤/, true, null],
    wrongtype: ["/__faults/wrongtype", {}, "loaded", null, false, null],
  };
  for (const [id, [src, options]] of Object.entries(cases)) {
    await page.evaluate(
      ([id, options]) => {
        const el = document.createElement("div");
        el.id = id;
        document.body.appendChild(el);
        return window.ArticleWidget.mount(el, options);
      },
      [id, { src, ...options }]
    );
  }
  for (const [id, [, , state, message, retry, requests]] of Object.entries(cases)) {
    await waitState(page, `#${id}`, state, 30000).catch(async (e) => {
      const now = await page.evaluate((id) => {
        const el = document.getElementById(id);
        return `${el.getAttribute("data-state")}: ${el.shadowRoot?.textContent?.slice(0, 200)}`;
      }, id);
      throw new Error(`${id}: expected ${state}, is ${now} (${e.message})`);
    });
    const shown = await page.evaluate((id) => {
      const root = document.getElementById(id).shadowRoot;
      return { alert: root.querySelector(".aw-error")?.textContent ?? "", retry: !!root.querySelector("button.aw-retry") };
    }, id);
    if (message) assert.match(shown.alert, message, id);
    assert.equal(shown.retry, retry, `${id}: retry button`);
    if (requests !== null) {
      const key = new URL(cases[id][0], BASE).searchParams.get("key");
      const seen = Number(await (await fetch(`${BASE}/__faults/requests?key=${key}`)).text());
      assert.equal(seen, requests, `${id}: requests`);
    }
  }
  // One event per widget: errors only after the retries, none for the recovered ones.
  const byId = {};
  for (const e of events) (byId[e.id] ??= []).push(e);
  for (const [id, [, , state]] of Object.entries(cases)) {
    assert.deepEqual(byId[id]?.map((e) => e.name), [`article-widget:${state === "loaded" ? "load" : "error"}`], id);
  }
  // The page around the widgets is untouched.
  assert.ok((await page.evaluate(() => document.body.innerText)).startsWith(pageText.trim().slice(0, 40)));
  assert.deepEqual(page.errors, []);
  await page.close();
});
