// End-to-end tests of the syndication snippet in headless Chromium: the output of
// `article-widget snippet` (generated here, at test time, by the CLI) pasted into a static page
// reads correctly with JavaScript disabled, and with JavaScript on upgrades to the live widget
// with the same text and no layout shift. Run through `cargo xtask e2e` (AW_BASE: pages,
// AW_CDN: the widget's assets on another origin, AW_CLI: the release CLI).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { BASE, CDN, browser, withChromium } from "./helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const artifacts = join(here, "artifacts");
mkdirSync(artifacts, { recursive: true });
// Pages generated at test time (ignored by git), where the page server serves test pages.
const generated = join(here, "pages/generated");
mkdirSync(generated, { recursive: true });
const CLI = process.env.AW_CLI || join(repo, "target/release/article-widget");
assert.ok(BASE && CDN, "AW_BASE and AW_CDN must be set (run `cargo xtask e2e`)");
const seed = JSON.parse(readFileSync(join(repo, "www/article.json"), "utf8"));
// The loader as the server sends it (its @assets line names the build's content-hashed modules):
// SRI pins the bytes served, so that is the file to hash.
const servedLoader = join(generated, "served-article-widget.js");
writeFileSync(servedLoader, Buffer.from(await (await fetch(`${CDN}/www/article-widget.js`)).arrayBuffer()));

/** Runs `article-widget snippet www/article.json --loader <CDN loader> …args`. */
function snippet(...args) {
  return execFileSync(
    CLI,
    ["snippet", "www/article.json", "--loader", `${CDN}/www/article-widget.js`, "--loader-file", servedLoader, ...args],
    { cwd: repo, encoding: "utf8" }
  );
}

/** A static partner page around `html`, written where the page server serves it. */
function page(name, html, { tall = false } = {}) {
  const text = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${name}</title>
<style>body { margin: 0; font: 18px/1.4 Georgia, serif; } .intro, .after { margin: 16px; }</style></head>
<body>
<p class="intro">A partner's blog post that republishes an article.</p>
${html}
<p class="after" id="after">The partner's text after the article.</p>
${tall ? '<div style="height: 3000px"></div>' : ""}
</body>
</html>
`;
  writeFileSync(join(generated, `${name}.html`), text);
  return `${BASE}/tests/e2e/pages/generated/${name}.html`;
}

withChromium();

/** The text a reader sees in the article under `root` (light DOM snapshot or shadow root). */
function facts(root) {
  const q = (s) => root.querySelector(s);
  const all = (s) => [...root.querySelectorAll(s)].map((e) => e.textContent);
  return {
    sections: all(".aw-sections li"),
    headline: q("h1")?.textContent,
    meta: q(".aw-meta")?.textContent,
    editors: all(".aw-editor"),
    paragraphs: all(".aw-body > p:not(.aw-continue)"),
    continueReading: q(".aw-continue a")?.textContent ?? null,
    byline: q(".aw-byline")?.textContent,
    credit: q(".aw-credit")?.textContent,
    creditHref: q(".aw-credit a")?.getAttribute("href"),
    creditRel: q(".aw-credit a")?.getAttribute("rel"),
    creditTarget: q(".aw-credit a")?.getAttribute("target"),
    holder: q(".aw-holder")?.textContent,
    summary: q("summary")?.textContent,
    clauses: all(".aw-clause p"),
  };
}

test("snippet without JavaScript: the whole article, credited, with a working notice", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 900 } });
  const tab = await context.newPage();
  await tab.goto(page("snippet-nojs", snippet("--structured-data")));
  const f = await tab.evaluate(`(${facts.toString()})(document.querySelector("article-widget"))`);
  assert.deepEqual(f.sections, seed.sections.map((s) => s.name));
  assert.equal(f.headline, seed.headline);
  assert.match(f.meta, /2025年12月29日 18:35:44 \(UTC\+8\)/);
  assert.deepEqual(f.editors, ["編輯: 仝瑞勤", "責編: 蔣碩"]);
  assert.deepEqual(f.paragraphs, seed.body);
  assert.equal(f.continueReading, null);
  assert.equal(f.byline, "(文 王小軍)");
  assert.equal(f.credit, "原載於 中央廣電總臺國際在線, 2025年12月29日");
  assert.equal(f.creditHref, "https://www.cri.cn/");
  assert.equal(f.creditRel, "noopener");
  assert.equal(f.creditTarget, "_blank");
  assert.equal(f.holder, "版權所有: 國廣國際在線網絡(北京)有限公司");
  assert.equal(f.summary, seed.copyright.title);
  // Nothing ran: no shadow root, and the notice is a native <details>: collapsed, then opened.
  const state = () =>
    tab.evaluate(() => {
      const host = document.querySelector("article-widget");
      const clause = host.querySelector(".aw-clause p");
      return { shadow: !!host.shadowRoot, open: host.querySelector("details").open, visible: clause.checkVisibility() };
    });
  assert.deepEqual(await state(), { shadow: false, open: false, visible: false });
  await tab.locator("article-widget summary").click();
  assert.deepEqual(await state(), { shadow: false, open: true, visible: true });
  await tab.locator("article-widget summary").click();
  assert.equal((await state()).open, false);
  // The inline data and the JSON-LD are inert: not rendered, and they parse.
  const data = await tab.evaluate(() => ({
    visible: [...document.querySelectorAll("article-widget script")].map((s) => s.checkVisibility()),
    inline: JSON.parse(document.querySelector('article-widget script[type="application/json"]').textContent),
    ld: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent),
  }));
  assert.deepEqual(data.visible, [false, false]);
  assert.deepEqual(data.inline, seed);
  assert.equal(data.ld.headline, seed.headline);
  // The snapshot is laid out as a readable column, not the page's serif 18px.
  const look = await tab.evaluate(() => {
    const cs = getComputedStyle(document.querySelector("article-widget .aw-body p"));
    return { size: cs.fontSize, indent: cs.textIndent, lineHeight: cs.lineHeight };
  });
  assert.deepEqual(look, { size: "16px", indent: "32px", lineHeight: "28px" });
  await tab.screenshot({ path: join(artifacts, "snippet-nojs.png"), fullPage: true });
  await context.close();
});

/** Loads `url` with a layout-shift observer from the first paint; returns the page. */
async function openMeasured(url, viewport = { width: 1000, height: 900 }) {
  const tab = await browser.newPage({ viewport });
  const errors = [];
  tab.on("pageerror", (e) => errors.push(e.message));
  tab.errors = errors;
  tab.requests = [];
  tab.on("request", (r) => tab.requests.push(r.url()));
  await tab.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.hadRecentInput) window.__shifts.push({ value: e.value, sources: e.sources.map((s) => s.node?.nodeName || "?") });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  await tab.goto(url);
  return tab;
}

async function upgraded(tab) {
  await tab.waitForFunction(() => document.querySelector("article-widget")?.getAttribute("data-state") === "loaded", null, { timeout: 20000 });
  // Let the frames after the swap paint and the reserved height go.
  await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
}

async function snapshotAndLive(tab) {
  return tab.evaluate(`(() => {
    const host = document.querySelector("article-widget");
    const facts = ${facts.toString()};
    return {
      snapshot: facts(host.querySelector(".aw-snapshot")),
      live: facts(host.shadowRoot),
      snapshotVisible: host.querySelector(".aw-snapshot").checkVisibility(),
      liveHeight: host.shadowRoot.querySelector(".article-widget").getBoundingClientRect().height,
      reserved: host.shadowRoot.querySelector(".aw-root").style.minHeight,
    };
  })()`);
}

function cls(tab) {
  return tab.evaluate(() => window.__shifts.reduce((sum, s) => sum + s.value, 0));
}

/** Where the headline, the body and the notice sit in the article under `root`, relative to
 * the host element, and the article's height. */
function geometry(root, host) {
  const top = host.getBoundingClientRect().top;
  const at = (s) => Math.round(root.querySelector(s).getBoundingClientRect().top - top);
  return { headline: at("h1"), body: at(".aw-body"), notice: at("details"), credit: at(".aw-credit") };
}

test("snippet with JavaScript: the excerpt upgrades in place, same text, no fetch, CLS ≤ 0.01", async () => {
  const url = page("snippet-excerpt", snippet("--excerpt", "2"));
  // The layout without JavaScript, to compare the live widget's with.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 900 } });
  const still = await context.newPage();
  await still.goto(url);
  const before = await still.evaluate(
    `(${geometry.toString()})(document.querySelector("article-widget .aw-snapshot"), document.querySelector("article-widget"))`
  );
  await context.close();
  const tab = await openMeasured(url);
  await upgraded(tab);
  const r = await snapshotAndLive(tab);
  assert.deepEqual(r.live, r.snapshot, "the live widget shows the snapshot's text");
  assert.equal(r.live.paragraphs.length, 2, "the excerpt length is kept");
  const live = await tab.evaluate(
    `(${geometry.toString()})(document.querySelector("article-widget").shadowRoot, document.querySelector("article-widget"))`
  );
  console.log(`# positions without JS ${JSON.stringify(before)}, live ${JSON.stringify(live)}`);
  for (const k of Object.keys(before)) {
    assert.ok(Math.abs(before[k] - live[k]) <= 2, `${k}: ${before[k]} px in the snapshot, ${live[k]} px live`);
  }
  assert.equal(r.live.continueReading, "到原網站繼續閱讀全文");
  assert.equal(r.snapshotVisible, false, "the shadow root hides the snapshot");
  assert.equal(r.reserved, "", "the reserved height is released after paint");
  assert.ok(!tab.requests.some((u) => u.endsWith(".json")), `no article fetch: ${tab.requests}`);
  const shift = await cls(tab);
  console.log(`# CLS (excerpt, inline article): ${shift.toFixed(5)} ${JSON.stringify(await tab.evaluate(() => window.__shifts))}`);
  assert.ok(shift <= 0.01, `layout shift ${shift}`);
  await tab.screenshot({ path: join(artifacts, "snippet-upgraded.png"), fullPage: true });
  assert.deepEqual(tab.errors, []);
  await tab.close();
});

test("snippet with --json-url: the live widget fetches the document once, shows the same text, CLS ≤ 0.01", async () => {
  const tab = await openMeasured(page("snippet-json-url", snippet("--json-url", `${CDN}/www/article.json`), { tall: true }), { width: 420, height: 900 });
  await upgraded(tab);
  const r = await snapshotAndLive(tab);
  assert.deepEqual(r.live, r.snapshot);
  assert.deepEqual(r.live.paragraphs, seed.body);
  assert.equal(tab.requests.filter((u) => u === `${CDN}/www/article.json`).length, 1);
  const shift = await cls(tab);
  console.log(`# CLS (whole article, fetched, 420 px wide): ${shift.toFixed(5)}`);
  assert.ok(shift <= 0.01, `layout shift ${shift}`);
  assert.deepEqual(tab.errors, []);
  await tab.close();
});

test("snippet whose live load fails keeps its snapshot readable", async () => {
  const tab = await openMeasured(page("snippet-broken", snippet("--json-url", `${CDN}/__faults/status/404`)));
  await tab.waitForFunction(() => document.querySelector("article-widget")?.getAttribute("data-state") === "error", null, { timeout: 20000 });
  const shown = await tab.evaluate(() => {
    const host = document.querySelector("article-widget");
    return { snapshot: host.querySelector(".aw-snapshot h1").checkVisibility(), shadow: !!host.shadowRoot };
  });
  assert.deepEqual(shown, { snapshot: true, shadow: true });
  assert.deepEqual(tab.errors, []);
  await tab.close();
});

test("snippet in 简体 without JavaScript: converted text, Simplified labels", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const tab = await context.newPage();
  await tab.goto(page("snippet-hans-nojs", snippet("--script", "hans", "--excerpt", "1")));
  const f = await tab.evaluate(`(${facts.toString()})(document.querySelector("article-widget"))`);
  assert.equal(f.headline, "南阳发布强市“科技纲领” 力争形成区域创新标杆");
  assert.deepEqual(f.editors, ["编辑: 仝瑞勤", "责编: 蒋硕"]);
  assert.equal(f.credit, "原载于 中央广电总台国际在线, 2025年12月29日");
  assert.equal(f.continueReading, "到原网站继续阅读全文");
  assert.equal(f.paragraphs.length, 1);
  assert.equal(await tab.evaluate(() => document.querySelector("article-widget article").lang), "zh-Hans");
  await context.close();
});

for (const [script, name] of [["hans", "简体"], ["hant", "繁體"], ["hant-tw", "臺灣"], ["hant-hk", "香港"]]) {
  test(`snippet in ${name} with JavaScript: the live widget keeps the script, same text, CLS ≤ 0.01`, async () => {
    const tab = await openMeasured(page(`snippet-${script}`, snippet("--script", script, "--excerpt", "2")));
    // Converted snapshots stay until the live widget shows the same script (after loading
    // the engine and the dictionaries); the published-text ones are swapped at once.
    await upgraded(tab);
    await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
    const r = await snapshotAndLive(tab);
    assert.deepEqual(r.live, r.snapshot, "the live widget shows the snapshot's text");
    assert.equal(r.snapshotVisible, false);
    const langs = await tab.evaluate(() => {
      const host = document.querySelector("article-widget");
      return [host.querySelector(".aw-snapshot article").lang, host.shadowRoot.querySelector("article").lang];
    });
    assert.equal(langs[1], langs[0]);
    const pressed = await tab.evaluate(() =>
      document.querySelector("article-widget").shadowRoot.querySelector('[aria-pressed="true"]')?.dataset.script
    );
    assert.equal(pressed, script, "the control shows the snapshot's script chosen");
    const shift = await cls(tab);
    console.log(`# CLS (excerpt in ${name}): ${shift.toFixed(5)}`);
    assert.ok(shift <= 0.01, `layout shift ${shift}`);
    assert.deepEqual(tab.errors, []);
    await tab.close();
  });
}

test("demo embed-code builder: the same snippet as the CLI, with a live preview", async () => {
  const tab = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors = [];
  tab.on("pageerror", (e) => errors.push(e.message));
  await tab.goto(`${BASE}/`);
  const built = async () => {
    await tab.waitForFunction(() => document.getElementById("builder").dataset.state === "ready", null, { timeout: 30000 });
    return tab.inputValue("#builder-output");
  };
  const cli = (...args) =>
    execFileSync(CLI, ["snippet", "www/article.json", "--loader", `${BASE}/www/article-widget.js`, ...args], { cwd: repo, encoding: "utf8" });
  // The defaults: the seed inline, loader pinned with SRI.
  assert.equal(await built(), cli("--loader-file", servedLoader));
  // Every option, including a conversion with the compiled dictionaries.
  await tab.selectOption("#builder select[name=script]", "hans");
  await tab.fill("#builder input[name=excerpt]", "2");
  await tab.check("#builder input[name=live]");
  await tab.check("#builder input[name=structured]");
  await tab.uncheck("#builder input[name=sri]");
  await tab.click("#builder button[type=submit]");
  const html = await built();
  assert.equal(
    html,
    cli("--script", "hans", "--excerpt", "2", "--json-url", `${BASE}/www/article.json`, "--structured-data")
  );
  // The preview is the snippet, upgraded by the page's loader.
  await tab.locator("#builder-preview").scrollIntoViewIfNeeded();
  await tab.waitForFunction(() => document.querySelector("#builder-preview article-widget")?.getAttribute("data-state") === "loaded", null, { timeout: 20000 });
  assert.equal(
    await tab.evaluate(() => document.querySelector("#builder-preview .aw-snapshot h1").textContent),
    "南阳发布强市“科技纲领” 力争形成区域创新标杆"
  );
  await tab.locator("#builder").screenshot({ path: join(artifacts, "builder.png") });
  assert.deepEqual(errors, []);
  await tab.close();
});

test("a snippet of a hostile document stays inert in the page, before and after the upgrade", async () => {
  const doc = structuredClone(seed);
  doc.headline = `</script><script>window.pwned = 1</script><!-- "q" 'q' \u2028`;
  doc.body[0] = `<img src=x onerror="window.pwned = 2"> </SCRIPT > <!-- --> \u2029 & &amp;`;
  doc.source.name = `"><script>window.pwned = 3</script>`;
  const file = join(generated, "hostile.json");
  writeFileSync(file, JSON.stringify(doc));
  const html = execFileSync(CLI, ["snippet", file, "--loader", `${CDN}/www/article-widget.js`, "--structured-data"], { cwd: repo, encoding: "utf8" });
  const tab = await openMeasured(page("snippet-hostile", html));
  await upgraded(tab);
  const r = await tab.evaluate(() => {
    const host = document.querySelector("article-widget");
    return {
      pwned: window.pwned,
      scripts: document.querySelectorAll("script").length,
      snapshot: host.querySelector(".aw-snapshot h1").textContent,
      live: host.shadowRoot.querySelector("h1").textContent,
      paragraph: host.shadowRoot.querySelector(".aw-body p").textContent,
      source: host.shadowRoot.querySelector(".aw-source a").textContent,
      ld: JSON.parse(host.querySelector('script[type="application/ld+json"]').textContent).headline,
    };
  });
  assert.equal(r.pwned, undefined, "nothing in the document ran");
  // The page's own <style>-free body: the inline data, the JSON-LD and the loader.
  assert.equal(r.scripts, 3);
  assert.equal(r.snapshot, doc.headline);
  assert.equal(r.live, doc.headline);
  assert.equal(r.paragraph, doc.body[0]);
  assert.equal(r.source, doc.source.name);
  assert.equal(r.ld, doc.headline);
  await tab.close();
});

test("oEmbed: the height hint is within 10% of the snippet's height in Chromium", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 800, height: 900 } });
  const tab = await context.newPage();
  for (const args of [[], ["--excerpt", "2"], ["--script", "hans", "--excerpt", "1"]]) {
    const response = JSON.parse(
      execFileSync(CLI, ["oembed", "www/article.json", "--loader", `${CDN}/www/article-widget.js`, ...args], { cwd: repo, encoding: "utf8" })
    );
    await tab.goto(page("oembed", response.html));
    const box = await tab.evaluate(() => {
      const r = document.querySelector("article-widget .aw-snapshot").getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    console.log(`# oEmbed ${args.join(" ") || "(whole)"}: hint ${response.width}×${response.height}, rendered ${box.width}×${Math.round(box.height)}`);
    assert.equal(box.width, response.width);
    assert.ok(Math.abs(box.height - response.height) <= 0.1 * box.height, `height hint ${response.height}, rendered ${box.height}`);
  }
  await context.close();
});
