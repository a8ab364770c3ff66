// End-to-end tests of a rich article (tests/fixtures/rich/) in headless Chromium: figures,
// subheads, links, a quote, lists, the standfirst and corrections, in the live widget and in the
// snippet, in every script (text compared with OpenCC's goldens, tests/fixtures/rich/
// rich-scripts.json); screenshots light, dark, at 320 px and printed; axe in each state; CLS
// while images arrive late; keyboard through the links; the strict-CSP hostile page with
// images. The test server's /__rich/ routes serve the fixture with its generated images on a
// loopback origin (xtask/src/serve/rich.rs). Run through `cargo xtask e2e`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { BASE, CDN, browser, newContextPage, withChromium } from "./helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const artifacts = join(here, "artifacts");
mkdirSync(artifacts, { recursive: true });
const generated = join(here, "pages/generated");
mkdirSync(generated, { recursive: true });
assert.ok(BASE && CDN, "AW_BASE and AW_CDN must be set (run `cargo xtask e2e`)");
const CLI = process.env.AW_CLI || join(repo, "target/release/article-widget");
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const GOLDEN = JSON.parse(readFileSync(join(repo, "tests/fixtures/rich/rich-scripts.json"), "utf8"));
const FIXTURES = {
  hant: JSON.parse(readFileSync(join(repo, "tests/fixtures/rich/rich.hant.json"), "utf8")),
  hans: JSON.parse(readFileSync(join(repo, "tests/fixtures/rich/rich.hans.json"), "utf8")),
};
const SCRIPTS = ["hans", "hant", "hant-tw", "hant-hk", "original"];
const servedLoader = join(generated, "served-article-widget.js");
writeFileSync(servedLoader, Buffer.from(await (await fetch(`${CDN}/www/article-widget.js`)).arrayBuffer()));

withChromium();

/** The rich fixture `name` (hant, hans) on the assets' origin, its images there too. */
const docUrl = (name, images = "ok") => `${CDN}/__rich/doc/rich.${name}.json?cdn=${encodeURIComponent(CDN)}&images=${images}`;

/** A partner page around `html`, written where the page server serves it. */
function page(name, html) {
  writeFileSync(
    join(generated, `${name}.html`),
    `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${name}</title>
</head>
<body style="margin: 0">
<p style="margin: 16px"><a id="before" href="#before">A partner's link before the article</a></p>
${html}
<p style="margin: 16px" id="after">The partner's text after the article.</p>
</body>
</html>
`
  );
  return `${BASE}/tests/e2e/pages/generated/${name}.html`;
}

const livePage = (name, attrs = "") =>
  page(`rich-${name}`, `<article-widget src="${docUrl(name)}"${attrs}></article-widget>
<script async src="${CDN}/www/article-widget.js"></script>`);

/** The published fixture in the goldens' shape. */
function published(a) {
  const inline = (c) => c.map((i) => (typeof i === "string" ? i : i.text)).join("");
  const image = (i) => [i.alt, i.caption, i.credit].filter((x) => x !== undefined);
  return {
    headline: a.headline,
    description: a.description ?? null,
    lead: a.image ? image(a.image) : null,
    blocks: a.body.map((b) => {
      if (typeof b === "string") return [b];
      switch (b.type) {
        case "paragraph":
        case "heading":
          return [inline(b.content)];
        case "quote":
          return [inline(b.content), ...(b.cite ? [b.cite] : [])];
        case "list":
          return b.items.map(inline);
        case "figure":
          return image(b.image);
      }
    }),
    corrections: (a.corrections || []).map((c) => c.text),
  };
}

/** What `name` (a fixture) should show in `script`: OpenCC's golden, or the published text. */
function expected(name, script) {
  const g = GOLDEN[name][script];
  if (!g) return published(FIXTURES[name]);
  const { config, lang, ...rest } = g;
  return rest;
}

/** What the article under `root` shows, in the goldens' shape (runs in the page). */
function shownIn(root, corrections) {
  const text = (el, s) => el.querySelector(s)?.textContent;
  const figure = (f) => [f.querySelector("img").getAttribute("alt"), text(f, ".aw-caption"), text(f, ".aw-image-credit")].filter((x) => x !== undefined);
  const blocks = [...root.querySelector(".aw-body").children].map((el) => {
    if (el.localName === "p" || el.localName === "h2") return [el.textContent];
    if (el.localName === "ul" || el.localName === "ol") return [...el.querySelectorAll("li")].map((li) => li.textContent);
    if (el.classList.contains("aw-quote")) return [text(el, "blockquote"), text(el, ".aw-cite")].filter((x) => x !== undefined);
    if (el.localName === "figure") return figure(el);
    return [`<${el.localName}>`];
  });
  const items = [...root.querySelectorAll(".aw-corrections li")].map((li) => li.textContent);
  return {
    headline: text(root, "h1"),
    description: text(root, ".aw-standfirst") ?? null,
    lead: root.querySelector(".aw-lead") ? figure(root.querySelector(".aw-lead")) : null,
    blocks,
    // Each correction after its date: the text it ends with.
    corrections: items.map((t, i) => (corrections[i] && t.endsWith(corrections[i]) ? corrections[i] : t)),
  };
}

const shown = (tab, rootExpr, want) => tab.evaluate(`(${shownIn.toString()})(${rootExpr}, ${JSON.stringify(want.corrections)})`);
const SHADOW = `document.querySelector("article-widget").shadowRoot`;

async function loaded(tab) {
  await tab.waitForFunction(() => document.querySelector("article-widget")?.getAttribute("data-state") === "loaded", null, { timeout: 20000 });
}

/** Sets the page's script and waits until the widget shows `want`'s headline in it. */
async function switchTo(tab, script, want) {
  await tab.evaluate((s) => window.ArticleWidget.setScript(s), script);
  await tab.waitForFunction(
    ([script, headline]) => {
      const host = document.querySelector("article-widget");
      const shownScript = host.getAttribute("data-script") || "original";
      return shownScript === script && host.shadowRoot.querySelector("h1")?.textContent === headline;
    },
    [script, want.headline],
    { timeout: 20000 }
  );
}

/** Scrolls through the page (lazy images load) and waits until every image settled. */
async function imagesSettled(tab, rootExpr = SHADOW) {
  await tab.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
  });
  // At the end of the article until every image is in, as a reader who read on: an image that
  // arrives above the viewport moves nothing on screen (scroll anchoring). The fixture's one
  // image without dimensions shifts what follows it if it arrives on screen (README, images).
  await tab.waitForFunction(`[...${rootExpr}.querySelectorAll("img")].every((i) => i.complete)`, null, { timeout: 20000 });
  await tab.evaluate(() => window.scrollTo(0, 0));
  return tab.evaluate(`[...${rootExpr}.querySelectorAll("img")].map((i) => ({ src: i.currentSrc || i.src, ok: i.naturalWidth > 0, width: i.getBoundingClientRect().width, height: i.getBoundingClientRect().height }))`);
}

async function axe(tab, label) {
  if (!(await tab.evaluate(() => !!window.axe))) await tab.addScriptTag({ content: AXE });
  const r = await tab.evaluate(async (tags) => {
    const results = await window.axe.run(document.querySelector("article-widget"), { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "passes"] });
    return {
      violations: results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })) })),
      shadowNodes: results.passes.flatMap((p) => p.nodes).filter((n) => Array.isArray(n.target[0]) && n.target[0].length > 1).length,
    };
  }, TAGS);
  assert.deepEqual(r.violations, [], `${label}: axe violations\n${JSON.stringify(r.violations, null, 2)}`);
  assert.ok(r.shadowNodes > 0, `${label}: axe checked nodes inside the shadow root`);
  console.log(`# axe ${label}: 0 violations (${r.shadowNodes} shadow nodes passed)`);
}

for (const name of ["hant", "hans"]) {
  test(`rich ${name}, live widget: every block in every script as OpenCC writes it; images load; axe clean; screenshots`, async () => {
    const { context, page: tab } = await newContextPage({ viewport: { width: 1000, height: 900 } });
    await tab.goto(livePage(name));
    await loaded(tab);
    const original = expected(name, "original");
    assert.deepEqual(await shown(tab, SHADOW, original), original, "the published text");
    const images = await imagesSettled(tab);
    assert.equal(images.length, 4);
    for (const i of images) assert.ok(i.ok && i.width > 0 && i.height > 0, `loaded: ${JSON.stringify(i)}`);
    // The lead is in view at mount: eager, high priority; the figures lazy.
    const lead = await tab.evaluate(`(() => { const i = ${SHADOW}.querySelector(".aw-lead img"); return [i.loading, i.getAttribute("fetchpriority"), i.referrerPolicy]; })()`);
    assert.deepEqual(lead, ["eager", "high", "strict-origin-when-cross-origin"]);
    await axe(tab, `${name} light`);
    await tab.screenshot({ path: join(artifacts, `rich-${name}-light.png`), fullPage: true });
    for (const script of SCRIPTS) {
      const want = expected(name, script);
      await switchTo(tab, script, want);
      assert.deepEqual(await shown(tab, SHADOW, want), want, `${name} → ${script}`);
      await axe(tab, `${name} ${script}`);
    }
    await tab.evaluate(() => document.querySelector("article-widget").setAttribute("theme", "dark"));
    assert.equal(await tab.evaluate(`getComputedStyle(${SHADOW}.querySelector(".article-widget")).backgroundColor`), "rgb(13, 17, 23)");
    await axe(tab, `${name} dark`);
    await tab.screenshot({ path: join(artifacts, `rich-${name}-dark.png`), fullPage: true });
    // Printed: light on paper, no controls, every block.
    await tab.emulateMedia({ media: "print" });
    assert.equal(await tab.evaluate(`getComputedStyle(${SHADOW}.querySelector(".aw-script")).display`), "none");
    assert.equal(await tab.evaluate(`getComputedStyle(${SHADOW}.querySelector(".article-widget")).backgroundColor`), "rgb(255, 255, 255)");
    await axe(tab, `${name} print`);
    await tab.screenshot({ path: join(artifacts, `rich-${name}-print.png`), fullPage: true });
    await tab.pdf({ path: join(artifacts, `rich-${name}.pdf`) });
    assert.deepEqual(tab.errors, []);
    await context.close();
  });
}

test("rich at 320 px: no image or block overflows the column; axe clean; a failed image keeps its alt, caption and credit", async () => {
  for (const images of ["ok", "broken"]) {
    const { context, page: tab } = await newContextPage({ viewport: { width: 320, height: 640 } });
    await tab.goto(page(`rich-320-${images}`, `<article-widget src="${docUrl("hant", images)}"></article-widget>
<script async src="${CDN}/www/article-widget.js"></script>`));
    await loaded(tab);
    const settled = await imagesSettled(tab);
    assert.ok(settled.every((i) => i.ok === (images === "ok")), JSON.stringify(settled));
    const over = await tab.evaluate(`(() => {
      const root = ${SHADOW};
      const column = root.querySelector(".aw-article").getBoundingClientRect();
      return [...root.querySelectorAll(".aw-article *")]
        .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > column.right + 0.5 || r.left < column.left - 0.5); })
        .map((e) => e.localName + "." + e.className);
    })()`);
    assert.deepEqual(over, [], "nothing wider than the column");
    assert.ok(await tab.evaluate(() => document.documentElement.scrollWidth <= 320), "no horizontal scroll");
    const want = expected("hant", "original");
    assert.deepEqual(await shown(tab, SHADOW, want), want, `320 px, images ${images}`);
    await axe(tab, `320 px, images ${images}`);
    await tab.screenshot({ path: join(artifacts, `rich-320-${images}.png`), fullPage: true });
    assert.deepEqual(tab.errors, []);
    await context.close();
  }
});

test("rich with late images (1.5 s each): boxes with dimensions are reserved before load, CLS ≤ 0.01", async () => {
  const { context, page: tab } = await newContextPage({ viewport: { width: 1000, height: 900 } });
  await tab.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push({ value: e.value, at: e.startTime });
    }).observe({ type: "layout-shift", buffered: true });
  });
  await tab.goto(page("rich-slow", `<article-widget src="${docUrl("hant", "slow-1500")}"></article-widget>
<script async src="${CDN}/www/article-widget.js"></script>`));
  await loaded(tab);
  const loadedAt = await tab.evaluate(() => performance.now());
  // Before any image arrived: each image with width and height has its box, at its ratio.
  const boxes = await tab.evaluate(`[...${SHADOW}.querySelectorAll("img")].map((i) => ({ complete: i.complete && i.naturalWidth > 0, w: i.getAttribute("width"), h: i.getAttribute("height"), box: [i.getBoundingClientRect().width, i.getBoundingClientRect().height] }))`);
  for (const b of boxes.filter((b) => b.w)) {
    assert.equal(b.complete, false, "the image has not arrived yet");
    assert.ok(Math.abs(b.box[1] - (b.box[0] * b.h) / b.w) <= 1, `reserved ${JSON.stringify(b)}`);
  }
  const lead = await tab.waitForFunction(`(() => { const i = ${SHADOW}.querySelector(".aw-lead img"); return i.complete && i.naturalWidth > 0 && performance.now(); })()`, null, { timeout: 20000 });
  const leadAt = await lead.jsonValue();
  // Read the whole article as a reader would, as the late figures arrive.
  await imagesSettled(tab);
  await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
  const shifts = await tab.evaluate(() => window.__shifts);
  const late = shifts.filter((s) => s.at >= loadedAt);
  const total = late.reduce((sum, s) => sum + s.value, 0);
  console.log(`# CLS while the images arrive (after the article loaded; lead ${(leadAt - loadedAt).toFixed(0)} ms after): ${total.toFixed(5)}; every shift ${JSON.stringify(shifts)}`);
  assert.ok(leadAt - loadedAt >= 1000, "the lead image did arrive late");
  assert.ok(total <= 0.01, `layout shift ${total}`);
  assert.deepEqual(tab.errors, []);
  await context.close();
});

test("rich, keyboard: Tab reaches each body link in the article's order", async () => {
  const { context, page: tab } = await newContextPage({ viewport: { width: 1000, height: 900 } });
  await tab.goto(livePage("hant"));
  await loaded(tab);
  const links = FIXTURES.hant.body.flatMap((b) => (b.content || []).filter((i) => typeof i === "object" && i.link).map((i) => i.link));
  assert.equal(links.length, 3);
  await tab.focus("#before");
  const reached = [];
  for (let i = 0; i < 40; i++) {
    await tab.keyboard.press("Tab");
    const at = await tab.evaluate(() => {
      const host = document.activeElement;
      if (host?.localName !== "article-widget") return { inWidget: false, out: host?.id || host?.localName };
      const el = host.shadowRoot.activeElement;
      return { inWidget: true, href: el?.getAttribute("href"), body: !!el?.closest(".aw-body"), visible: el ? getComputedStyle(el).outlineStyle : null };
    });
    if (!at.inWidget) break; // past the widget
    if (at.body) {
      reached.push(at.href);
      assert.notEqual(at.visible, "none", "a focused link shows its ring");
    }
  }
  assert.deepEqual(reached, links);
  await context.close();
});

for (const script of ["original", "hans", "hant-tw"]) {
  test(`rich snippet (${script}): complete without JavaScript, the same text live after the upgrade`, async () => {
    const args = ["snippet", "tests/fixtures/rich/rich.hant.json", "--loader", `${CDN}/www/article-widget.js`, "--loader-file", servedLoader];
    if (script !== "original") args.push("--script", script);
    const html = execFileSync(CLI, args, { cwd: repo, encoding: "utf8" });
    const url = page(`rich-snippet-${script}`, html);
    const want = expected("hant", script);
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 900 } });
    const still = await context.newPage();
    await still.goto(url);
    assert.deepEqual(await shown(still, `document.querySelector("article-widget .aw-snapshot")`, want), want, "without JavaScript");
    await context.close();
    const { context: live, page: tab } = await newContextPage({ viewport: { width: 1000, height: 900 } });
    await tab.goto(url);
    await loaded(tab);
    // The live widget keeps the snippet's script (converted once its dictionaries are in).
    await tab.waitForFunction(
      ([script, headline]) => {
        const host = document.querySelector("article-widget");
        return (host.getAttribute("data-script") || "original") === script && host.shadowRoot.querySelector("h1")?.textContent === headline;
      },
      [script, want.headline],
      { timeout: 20000 }
    );
    assert.deepEqual(await shown(tab, SHADOW, want), want, "live");
    await axe(tab, `snippet ${script}`);
    assert.deepEqual(tab.errors, []);
    await live.close();
  });
}

test("rich on the strict-CSP hostile page: with img-src the images load and nothing is violated; without it the text stays", async () => {
  for (const policy of ["images", "strict"]) {
    const { context, page: tab } = await newContextPage({ viewport: { width: 1000, height: 900 } });
    tab.violations = [];
    tab.on("console", (m) => /Content Security Policy|Trusted Type/i.test(m.text()) && tab.violations.push(m.text()));
    await tab.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await tab.goto(`${BASE}/__csp/${policy}/tests/e2e/pages/csp-hostile.html?cdn=${encodeURIComponent(CDN)}`);
    const csp = response.headers()["content-security-policy"];
    assert.equal(csp.includes(`img-src 'self' ${CDN}`), policy === "images", csp);
    await loaded(tab);
    await tab.evaluate((src) => document.querySelector("article-widget").setAttribute("src", src), docUrl("hant"));
    await tab.waitForFunction(() => document.querySelector("article-widget").shadowRoot.querySelector(".aw-lead"), null, { timeout: 20000 });
    await loaded(tab);
    const settled = await imagesSettled(tab);
    const want = expected("hant", "original");
    assert.deepEqual(await shown(tab, SHADOW, want), want, policy);
    const violations = await tab.evaluate(() => window.__violations);
    if (policy === "images") {
      assert.ok(settled.every((i) => i.ok), JSON.stringify(settled));
      assert.deepEqual(violations, []);
      assert.deepEqual(tab.violations, []);
      await tab.screenshot({ path: join(artifacts, "rich-csp-images.png"), fullPage: true });
    } else {
      // default-src 'self' blocks the CDN's images: reported as img-src, the rest intact.
      assert.ok(settled.every((i) => !i.ok), JSON.stringify(settled));
      assert.ok(violations.length > 0 && violations.every((v) => v.startsWith("img-src")), JSON.stringify(violations));
    }
    assert.deepEqual(tab.errors, []);
    await context.close();
  }
});

test("rich, referrerpolicy: a stricter policy reaches every image; an unknown one is an options error", async () => {
  const { context, page: tab } = await newContextPage({ viewport: { width: 1000, height: 900 } });
  await tab.addInitScript(() => {
    window.__errors = [];
    document.addEventListener("article-widget:error", (e) => window.__errors.push({ id: e.target.id, kind: e.detail.kind, message: e.detail.message }));
  });
  await tab.goto(page("rich-referrer", `<article-widget id="ok" src="${docUrl("hant")}" referrerpolicy="no-referrer"></article-widget>
<article-widget id="bad" src="${docUrl("hant")}" referrerpolicy="unsafe-url"></article-widget>
<script async src="${CDN}/www/article-widget.js"></script>`));
  await tab.waitForFunction(() => document.getElementById("ok").getAttribute("data-state") === "loaded" && document.getElementById("bad").getAttribute("data-state") === "error", null, { timeout: 20000 });
  const policies = await tab.evaluate(() => [...document.getElementById("ok").shadowRoot.querySelectorAll("img")].map((i) => i.referrerPolicy));
  assert.deepEqual(policies, ["no-referrer", "no-referrer", "no-referrer", "no-referrer"]);
  const errors = await tab.evaluate(() => window.__errors);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0].id, "bad");
  assert.equal(errors[0].kind, "options");
  assert.match(errors[0].message, /referrerPolicy "unsafe-url" is not accepted; give strict-origin-when-cross-origin, /);
  assert.deepEqual(tab.errors, []);
  await context.close();
});
