// Accessibility end to end, in headless Chromium: axe-core (npm devDependency) scans the
// widget's shadow root at WCAG 2.2 AA on the demo page and on the hostile partner page, in
// every state: loading, loaded, error (with and without Retry), notice closed and open, and
// each script option. Run through `cargo xtask test` (AW_BASE serves the pages).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { BASE, browser, newContextPage, waitState as waitFor, withChromium } from "./helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(join(here, "artifacts"), { recursive: true });
assert.ok(BASE, "AW_BASE must be set (run `cargo xtask test`)");
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const seed = JSON.parse(readFileSync(join(here, "../../www/article.json"), "utf8"));
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const PAGES = {
  demo: { path: "/", host: "#first article-widget" },
  hostile: { path: "/www/partner-hostile.html", host: "article-widget" },
};

withChromium();

/**
 * Opens `which` page in a fresh context. `article` decides how the article request is
 * answered: "serve" (normally), "hold" (never: the widget stays loading), or an HTTP status.
 */
async function open(which, { article = "serve", viewport = { width: 1000, height: 900 }, colorScheme = "light", theme } = {}) {
  const { context, page } = await newContextPage({ viewport, colorScheme });
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
  if (theme) {
    // Neither page declares color-scheme, so `auto` stays light there; ask for dark.
    await page.evaluate(([sel, t]) => document.querySelector(sel).setAttribute("theme", t), [page.host, theme]);
  }
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

/** Waits until the page's widget reached `state`. */
const waitState = (page, state) => waitFor(page, page.host, state);

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

test("axe, dark theme: loaded, notice open, Simplified chosen: no violation", async () => {
  for (const which of Object.keys(PAGES)) {
    const { context, page } = await open(which, { colorScheme: "dark", theme: "dark" });
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

// ---- Keyboard, focus ring, announcements, reflow, motion, forced colours, lang -------------

/** [r, g, b, a] of a CSS colour as getComputedStyle writes it (rgb(), rgba() or color(srgb)). */
function rgba(css) {
  const srgb = css.match(/^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/);
  if (srgb) return [...srgb.slice(1, 4).map((v) => Number(v) * 255), srgb[4] === undefined ? 1 : Number(srgb[4])];
  const m = css.match(/^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)$/);
  assert.ok(m, `unparsed colour ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
}

/** WCAG 2 contrast ratio of two opaque colours. */
function contrast(a, b) {
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

test("contrast helper: known ratios", () => {
  assert.equal(contrast([0, 0, 0], [255, 255, 255]).toFixed(1), "21.0");
  assert.equal(contrast([255, 255, 255], [255, 255, 255]), 1);
  assert.equal(contrast(rgba("rgb(11, 92, 173)"), rgba("rgb(255, 255, 255)")).toFixed(2), "6.67");
});

/** What has focus: inside the widget, a description of the shadow root's active element. */
function focused(page) {
  return page.evaluate((sel) => {
    const host = document.querySelector(sel);
    if (document.activeElement !== host) return null;
    const el = host.shadowRoot.activeElement;
    if (!el) return null;
    const style = getComputedStyle(el);
    const widget = host.shadowRoot.querySelector(".article-widget");
    return {
      id: `${el.tagName.toLowerCase()}|${el.getAttribute("data-script") || el.getAttribute("href") || ""}|${el.textContent.slice(0, 20)}`,
      focusVisible: el.matches(":focus-visible"),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      outlineOffset: parseFloat(style.outlineOffset),
      outlineColor: style.outlineColor,
      background: getComputedStyle(widget).backgroundColor,
    };
  }, page.host);
}

for (const scheme of ["light", "dark"]) {
  test(`keyboard walkthrough (${scheme}): every control in DOM order, a ring of at least 3:1, and back`, async () => {
    const { context, page } = await open("demo", { colorScheme: scheme, theme: scheme });
    await waitState(page, "loaded");
    const expected = await page.evaluate((sel) => {
      const root = document.querySelector(sel).shadowRoot;
      return [...root.querySelectorAll("a[href], button, summary")]
        .filter((el) => el.checkVisibility())
        .map((el) => `${el.tagName.toLowerCase()}|${el.getAttribute("data-script") || el.getAttribute("href") || ""}|${el.textContent.slice(0, 20)}`);
    }, page.host);
    // Script control first, the notice last: header, body, attribution, notice.
    assert.deepEqual(expected.slice(0, 5).map((id) => id.split("|")[1]), ["original", "hans", "hant", "hant-tw", "hant-hk"]);
    assert.match(expected.at(-1), /^summary\|/);
    assert.ok(expected.some((id) => id.startsWith("a|https://www.cri.cn/")), "the source and credit links");
    await page.evaluate(() => document.activeElement?.blur());
    const seen = [];
    const rings = [];
    for (let i = 0; i < 40 && seen.length < expected.length; i++) {
      await page.keyboard.press("Tab");
      const f = await focused(page);
      if (!f) continue;
      seen.push(f.id);
      rings.push(f);
    }
    assert.deepEqual(seen, expected, "Tab visits every control once, in document order");
    for (const f of rings) {
      assert.ok(f.focusVisible, `${f.id}: :focus-visible`);
      assert.equal(f.outlineStyle, "solid", f.id);
      assert.ok(f.outlineWidth >= 2, `${f.id}: ring ${f.outlineWidth}px`);
      assert.ok(f.outlineOffset >= 0, `${f.id}: the ring lies on the widget's background`);
      const ratio = contrast(rgba(f.outlineColor), rgba(f.background));
      assert.ok(ratio >= 3, `${f.id}: ring ${f.outlineColor} on ${f.background} is ${ratio.toFixed(2)}:1`);
    }
    assert.equal(rings[0].background, scheme === "dark" ? "rgb(13, 17, 23)" : "rgb(255, 255, 255)");
    console.log(`focus ring (${scheme}): ${rings[0].outlineColor} on ${rings[0].background}, ${contrast(rgba(rings[0].outlineColor), rgba(rings[0].background)).toFixed(2)}:1`);
    // Shift+Tab walks back.
    const back = [];
    for (let i = 0; i < expected.length - 1; i++) {
      await page.keyboard.press("Shift+Tab");
      back.push((await focused(page))?.id);
    }
    assert.deepEqual(back, expected.slice(0, -1).reverse());
    await context.close();
  });
}

/** Chromium's accessibility tree (it pierces shadow roots): role, name and properties. */
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  await cdp.detach();
  return nodes
    .filter((n) => !n.ignored)
    .map((n) => ({
      role: n.role?.value,
      name: n.name?.value,
      props: Object.fromEntries((n.properties || []).map((p) => [p.name, p.value?.value])),
    }));
}

test("the notice and the script control announce their state", async () => {
  const { context, page } = await open("demo");
  await waitState(page, "loaded");
  const notice = (tree) => tree.find((n) => n.name === seed.copyright.title && n.role === "DisclosureTriangle");
  const option = (tree, name) => tree.find((n) => n.name === name && "pressed" in n.props);
  let tree = await axTree(page);
  assert.equal(notice(tree)?.props.expanded, false, "the notice is announced collapsed");
  assert.ok(tree.some((n) => n.role === "group" && n.name === "文字"), "the control is a group named 文字");
  assert.equal(option(tree, "原文")?.props.pressed, "true");
  assert.equal(option(tree, "简体")?.props.pressed, "false");
  await page.locator(`${page.host} summary`).focus();
  await page.keyboard.press("Enter");
  await page.locator(`${page.host} button[data-script="hans"]`).focus();
  await page.keyboard.press("Space");
  await page.waitForFunction(
    (sel) => document.querySelector(sel).shadowRoot.querySelector("article")?.getAttribute("lang") === "zh-Hans",
    page.host,
    { timeout: 20000 }
  );
  tree = await axTree(page);
  assert.equal(option(tree, "简体")?.props.pressed, "true");
  assert.equal(option(tree, "原文")?.props.pressed, "false");
  assert.equal(
    tree.find((n) => n.role === "DisclosureTriangle" && n.props.expanded !== undefined)?.props.expanded,
    true,
    "the notice is announced expanded"
  );
  await context.close();
});

test("loading and the error share one polite live region; the error is announced once", async () => {
  let release;
  const gate = new Promise((r) => (release = r));
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  page.host = PAGES.demo.host;
  await page.route("**/article.json", async (route) => {
    await gate;
    await route.fulfill({ status: 404, body: "gone" });
  });
  await page.goto(`${BASE}/`);
  await page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector(".aw-loading"), page.host);
  const start = await page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const regions = [...root.querySelectorAll("[aria-live], [role=status], [role=alert]")];
    const region = regions[0];
    window.__awAnnounced = [];
    window.__awRegion = region;
    new MutationObserver(() => window.__awAnnounced.push(region.textContent)).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    return {
      count: regions.length,
      live: region.getAttribute("aria-live"),
      role: region.getAttribute("role"),
      text: region.textContent,
    };
  }, page.host);
  assert.deepEqual(start, { count: 1, live: "polite", role: "status", text: "正在載入文章…" });
  release();
  await waitState(page, "error");
  await page.waitForTimeout(500);
  const end = await page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    return {
      sameRegion: window.__awRegion.isConnected && root.contains(window.__awRegion),
      regions: root.querySelectorAll("[aria-live], [role=status], [role=alert]").length,
      changes: window.__awAnnounced.filter((t, i, all) => i === 0 || t !== all[i - 1]),
    };
  }, page.host);
  assert.equal(end.sameRegion, true, "the region stays in place from loading to error");
  assert.equal(end.regions, 1, "no second (assertive) region repeats the error");
  assert.equal(end.changes.length, 1, `one announcement: ${JSON.stringify(end.changes)}`);
  assert.equal(end.changes[0], "無法載入文章: 伺服器回應 HTTP 404。");
  await context.close();
});

for (const [label, viewport] of [
  ["a 320 px column", { width: 320, height: 800 }],
  // 200 % zoom of a 1280 px window: 640 CSS px at two device pixels each.
  ["200 % zoom", { width: 640, height: 450, deviceScaleFactor: 2 }],
]) {
  test(`reflow in ${label}: no horizontal scrolling, nothing outside the widget`, async () => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: viewport.deviceScaleFactor || 1 });
    const page = await context.newPage();
    page.host = PAGES.demo.host;
    await page.goto(`${BASE}/`);
    await waitState(page, "loaded");
    await page.locator(`${page.host} summary`).focus();
    await page.keyboard.press("Enter");
    for (const script of ["original", "hans"]) {
      if (script !== "original") {
        await page.locator(`${page.host} button[data-script="${script}"]`).focus();
        await page.keyboard.press("Enter");
        await page.waitForFunction(
          (sel) => document.querySelector(sel).shadowRoot.querySelector("article")?.getAttribute("lang") === "zh-Hans",
          page.host,
          { timeout: 20000 }
        );
      }
      const r = await page.evaluate((sel) => {
        const host = document.querySelector(sel);
        const box = host.getBoundingClientRect();
        const outside = [...host.shadowRoot.querySelectorAll("*")]
          .filter((el) => el.checkVisibility() && !el.classList.contains("aw-visually-hidden"))
          .filter((el) => {
            const b = el.getBoundingClientRect();
            return b.width > 0 && (b.left < box.left - 0.5 || b.right > box.right + 0.5);
          })
          .map((el) => el.className || el.tagName);
        return {
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          hostWidth: box.width,
          outside,
        };
      }, page.host);
      assert.ok(r.scrollWidth <= r.clientWidth, `${script}: page scrolls sideways (${r.scrollWidth} > ${r.clientWidth})`);
      assert.deepEqual(r.outside, [], `${script}: elements outside the widget's ${r.hostWidth}px`);
      if (script === "original") {
        await page.locator(page.host).screenshot({
          path: join(here, "artifacts", viewport.deviceScaleFactor ? "seed-zoom-200.png" : "seed-320px.png"),
        });
      }
    }
    await context.close();
  });
}

test("prefers-reduced-motion stops the skeleton shimmer", async () => {
  for (const [reducedMotion, expected] of [["no-preference", "aw-pulse"], ["reduce", "none"]]) {
    const context = await browser.newContext({ reducedMotion });
    const page = await context.newPage();
    await page.route("**/article.json", () => {});
    await page.goto(`${BASE}/`);
    const names = await (
      await page.waitForFunction(() => {
        const root = document.querySelector("#first article-widget")?.shadowRoot;
        const s = root && [...root.querySelectorAll(".aw-skeleton")];
        return s && s.length && s.map((el) => getComputedStyle(el).animationName);
      })
    ).jsonValue();
    assert.ok(names.every((n) => n === expected), `${reducedMotion}: ${names}`);
    await context.close();
  }
});

test("forced colours keep borders, the pressed option and the focus ring visible", async () => {
  const { context, page } = await open("demo");
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setEmulatedMedia", { features: [{ name: "forced-colors", value: "active" }] });
  await waitState(page, "loaded");
  assert.equal(await page.evaluate(() => matchMedia("(forced-colors: active)").matches), true);
  await page.locator(`${page.host} button[data-script="hant"]`).focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Shift+Tab");
  const s = await page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const cs = (q) => getComputedStyle(root.querySelector(q));
    const focusedButton = root.activeElement;
    return {
      background: cs(".article-widget").backgroundColor,
      meta: [cs(".aw-meta").borderBottomStyle, cs(".aw-meta").borderBottomColor],
      notice: [cs(".aw-copyright").borderTopStyle, cs(".aw-copyright").borderTopColor],
      group: [cs(".aw-script-options").borderTopStyle, cs(".aw-script-options").borderTopColor],
      pressed: [cs("[aria-pressed=true]").backgroundColor, cs("[aria-pressed=true]").color],
      unpressed: cs("[aria-pressed=false]").backgroundColor,
      focus: {
        script: focusedButton?.getAttribute("data-script"),
        style: getComputedStyle(focusedButton).outlineStyle,
        color: getComputedStyle(focusedButton).outlineColor,
      },
    };
  }, page.host);
  const bg = rgba(s.background);
  for (const [name, [style, color]] of Object.entries({ meta: s.meta, notice: s.notice, group: s.group })) {
    assert.equal(style, "solid", name);
    assert.ok(contrast(rgba(color), bg) >= 3, `${name} border ${color} on ${s.background}`);
  }
  assert.ok(contrast(rgba(s.pressed[0]), rgba(s.unpressed)) >= 3, `pressed ${s.pressed[0]} vs ${s.unpressed}`);
  assert.ok(contrast(rgba(s.pressed[0]), rgba(s.pressed[1])) >= 4.5, "pressed option's text");
  assert.equal(s.focus.script, "hant");
  assert.equal(s.focus.style, "solid");
  assert.ok(contrast(rgba(s.focus.color), bg) >= 3, `ring ${s.focus.color} on ${s.background}`);
  await page.locator(page.host).screenshot({ path: join(here, "artifacts", "seed-forced-colors.png") });
  await context.close();
});

test("lang: labels, dates and script names carry their language where it differs", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A French page: the widget's own words are English there, inside a French host.
  await page.route(`${BASE}/__a11y/fr.html`, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>fr</title></head><body>
<article-widget id="ok" src="/www/article.json" locale="en"></article-widget>
<article-widget id="bad" src="/__a11y/missing.json"></article-widget>
<script async src="/www/article-widget.js"></script></body></html>`,
    })
  );
  await page.route(`${BASE}/__a11y/missing.json`, (route) => route.fulfill({ status: 404, body: "" }));
  await page.goto(`${BASE}/__a11y/fr.html`);
  page.host = "#ok";
  await waitState(page, "loaded");
  await page.waitForFunction(() => document.querySelector("#bad")?.getAttribute("data-state") === "error");
  const langs = await page.evaluate(() => {
    // The language of an element: its nearest lang attribute, across shadow boundaries.
    const langOf = (el) => {
      for (let n = el; n; n = n.parentElement || n.getRootNode().host) {
        if (n.hasAttribute?.("lang")) return n.getAttribute("lang");
      }
      return "";
    };
    const ok = document.querySelector("#ok").shadowRoot;
    const bad = document.querySelector("#bad").shadowRoot;
    return {
      article: langOf(ok.querySelector("h1")),
      published: [langOf(ok.querySelector(".aw-published")), ok.querySelector(".aw-published").textContent],
      credit: langOf(ok.querySelector(".aw-credit time")),
      body: langOf(ok.querySelector(".aw-body p")),
      buttons: [...ok.querySelectorAll(".aw-script-option")].map((b) => [b.textContent, langOf(b)]),
      error: [langOf(bad.querySelector(".aw-error")), bad.querySelector(".aw-error-title").textContent],
      live: langOf(bad.querySelector(".aw-live")),
    };
  });
  assert.equal(langs.article, "zh-Hant");
  assert.equal(langs.body, "zh-Hant");
  assert.equal(langs.published[0], "en");
  assert.match(langs.published[1], /December 29, 2025/);
  assert.equal(langs.credit, "en");
  assert.deepEqual(langs.buttons, [["原文", "zh-Hant"], ["简体", "zh-Hans"], ["繁體", "zh-Hant"], ["臺灣", "zh-Hant"], ["香港", "zh-Hant"]]);
  assert.deepEqual(langs.error, ["en", "The article could not be loaded"]);
  assert.equal(langs.live, "en");
  await context.close();
});
