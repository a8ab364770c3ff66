// Per-article dictionary slices end to end (`article-widget prepare`, `conversion.slices`): with
// a prepared article the first switch fetches the engine and the small manifest, never a
// dictionary file, and shows exactly what the full dictionaries give (the CLI's convert-article);
// a slice that does not fit the deployed dictionaries falls back to them, with a console warning.
// Run through `cargo xtask e2e` (AW_BASE serves the repository, AW_CLI is the release CLI).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { launchChromium } from "../chromium.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const BASE = process.env.AW_BASE;
assert.ok(BASE, "AW_BASE must be set (run `cargo xtask e2e`)");
const CLI = process.env.AW_CLI || join(repo, "target/release/article-widget");
const generated = join(here, "pages/generated");
mkdirSync(generated, { recursive: true });

// The engine's file names as the served loader gives them (content-hashed by the build).
const assets = (() => {
  try {
    return JSON.parse(readFileSync(join(repo, "www/pkg/assets.json"), "utf8"));
  } catch {
    return { engine: "pkg/article_widget_engine.js", engineWasm: "pkg/article_widget_engine_bg.wasm" };
  }
})();
const base = (p) => p.slice(p.lastIndexOf("/") + 1);
const cli = (...args) => execFileSync(CLI, args, { cwd: repo, encoding: "utf8" });

// The seed in 简体 (so that 繁體 targets need `st`, the 481 KB dictionary), then prepared.
const hansFile = join(generated, "seed-hans.json");
writeFileSync(hansFile, cli("convert-article", "www/article.json", "--script", "hans"));
writeFileSync(join(generated, "seed-hans.prepared.json"), cli("prepare", hansFile));

/** A page with one widget on `article` (a path under the repository). */
function page(name, article) {
  writeFileSync(
    join(generated, `${name}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title></head><body>
<article-widget src="${BASE}/${article}"></article-widget>
<script async src="${BASE}/www/article-widget.js"></script></body></html>`
  );
  return `${BASE}/tests/e2e/pages/generated/${name}.html`;
}

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function open(url, route) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const tab = await context.newPage();
  if (route) {
    await route(tab);
  }
  tab.errors = [];
  tab.warnings = [];
  tab.on("pageerror", (e) => tab.errors.push(e.message));
  tab.on("console", (m) => m.type() === "warning" && tab.warnings.push(m.text()));
  tab.conversion = [];
  tab.on("request", (r) => {
    const u = r.url();
    if (u.includes("/dict/") || u.includes("article_widget_engine")) {
      tab.conversion.push(u.slice(u.lastIndexOf("/") + 1));
    }
  });
  await tab.goto(url);
  await tab.waitForFunction(() => document.querySelector("article-widget")?.getAttribute("data-state") === "loaded");
  return { context, tab };
}

async function choose(tab, script, lang) {
  await tab.locator(`article-widget button[data-script=${script}]`).click();
  await tab.waitForFunction(
    (l) => document.querySelector("article-widget").shadowRoot.querySelector("article")?.getAttribute("lang") === l,
    lang,
    { timeout: 20000 }
  );
  return tab.evaluate(() => {
    const root = document.querySelector("article-widget").shadowRoot;
    return {
      headline: root.querySelector("h1").textContent,
      body: [...root.querySelectorAll(".aw-body p")].map((p) => p.textContent),
    };
  });
}

function expected(file, script) {
  const a = JSON.parse(cli("convert-article", file, "--script", script));
  return { headline: a.headline, body: a.body };
}

const TARGETS = [
  ["hant", "zh-Hant"],
  ["hant-tw", "zh-Hant-TW"],
  ["hant-hk", "zh-Hant-HK"],
];

test("a prepared article's first switches fetch no dictionary and read as the full dictionaries give", async () => {
  const { context, tab } = await open(page("slices-prepared", "tests/e2e/pages/generated/seed-hans.prepared.json"));
  for (const [script, lang] of TARGETS) {
    const got = await choose(tab, script, lang);
    assert.deepEqual(got, expected(hansFile, script), script);
  }
  const files = [...new Set(tab.conversion)].sort();
  assert.deepEqual(
    files,
    [base(assets.engine), base(assets.engineWasm), "manifest.json"].sort(),
    "the engine and the manifest only: no .scd file"
  );
  assert.deepEqual(tab.warnings, []);
  assert.deepEqual(tab.errors, []);
  await context.close();
});

test("the demo's prepared seed switches to 简体 without a dictionary file", async () => {
  const { context, tab } = await open(page("slices-seed", "www/article.prepared.json"));
  const got = await choose(tab, "hans", "zh-Hans");
  assert.deepEqual(got, expected("www/article.json", "hans"));
  assert.ok(!tab.conversion.some((f) => f.endsWith(".scd")), tab.conversion.join(", "));
  await context.close();
});

test("a slice edited by hand is not used: the full dictionaries are, with a warning", async () => {
  const { context, tab } = await open(page("slices-tampered", "tests/e2e/pages/generated/seed-hans.prepared.json"), (t) =>
    t.route("**/seed-hans.prepared.json", async (route) => {
      const r = await route.fetch();
      const a = await r.json();
      // Every value of every group becomes 錯: the text would be wrong if the slice were used.
      for (const s of a.conversion.slices.targets) {
        for (const g of s.groups) {
          for (const k of ["first", "other"]) {
            g[k] = (g[k] || "").split(" ").map((t, i) => (i % 2 ? "錯" : t)).join(" ").trim();
          }
        }
      }
      route.fulfill({ response: r, json: a });
    })
  );
  const got = await choose(tab, "hant-tw", "zh-Hant-TW");
  assert.deepEqual(got, expected(hansFile, "hant-tw"));
  assert.ok(tab.conversion.some((f) => f.startsWith("st.")), "the full st dictionary was fetched");
  assert.ok(
    tab.warnings.some((w) => w.includes("dictionary slice") && w.includes("changed after")),
    tab.warnings.join("\n")
  );
  assert.deepEqual(tab.errors, []);
  await context.close();
});
