// The demo page's embed-code builder. The snippet is made by the same Rust code as
// `article-widget snippet` (crates/snippet-builder, compiled to www/demo/pkg/); this file
// only reads the form, fetches what the CLI would read from disk (the article, the compiled
// dictionaries a conversion needs, the loader for SRI) and shows the result.
import init, { dictionaryGroups, snippet } from "./pkg/snippet_builder.js";

const form = document.getElementById("builder");
const output = document.getElementById("builder-output");
const status = document.getElementById("builder-status");
const preview = document.getElementById("builder-preview");
const copy = document.getElementById("builder-copy");
const ready = init({ module_or_path: new URL("./pkg/snippet_builder_bg.wasm", import.meta.url) });
const dictBase = new URL("../dict/", import.meta.url);
let manifest = null;
let generation = 0;

async function fetchOk(url, as) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return as === "bytes" ? new Uint8Array(await response.arrayBuffer()) : response.text();
}

/** The compiled dictionary files for `groups`, as [name, bytes] pairs. */
async function dictionaryFiles(groups) {
  if (groups.length === 0) {
    return [];
  }
  manifest ??= JSON.parse(await fetchOk(new URL("manifest.json", dictBase)));
  return Promise.all(
    groups.map(async (group) => {
      const entry = manifest.files.find((f) => f.group === group);
      if (!entry) {
        throw new Error(`dictionary group ${group} is not in manifest.json`);
      }
      return [entry.file, await fetchOk(new URL(entry.file, dictBase), "bytes")];
    })
  );
}

/** Reads the form as the CLI's options. */
function formOptions() {
  const f = new FormData(form);
  const articleUrl = new URL(f.get("article"), document.baseURI).href;
  const loader = new URL(f.get("loader"), document.baseURI).href;
  const options = { loader };
  if (f.get("live")) options.jsonUrl = articleUrl;
  if (f.get("script") !== "original") options.script = f.get("script");
  if (f.get("excerpt")) options.excerpt = Number(f.get("excerpt"));
  if (f.get("structured")) options.structuredData = true;
  return { articleUrl, loader, sri: !!f.get("sri"), options };
}

async function build(withPreview = true) {
  const mine = ++generation;
  form.dataset.state = "building";
  status.textContent = "…";
  try {
    await ready;
    const { articleUrl, loader, sri, options } = formOptions();
    const article = await fetchOk(articleUrl);
    const files = await dictionaryFiles(dictionaryGroups(article, options.script));
    const loaderFile = sri ? await fetchOk(loader, "bytes") : undefined;
    const html = await snippet(article, options, files, loaderFile);
    if (mine !== generation) {
      return; // the form changed meanwhile; the newer build shows its result
    }
    output.value = html;
    // The live preview: the snippet's element, which the page's loader upgrades (a <script>
    // inserted this way does not run; the page has the loader already). Not on page load, so
    // the demo's own widgets are the only ones until the form is used.
    if (withPreview) {
      preview.innerHTML = html;
    }
    status.textContent = `${html.length} characters`;
    form.dataset.state = "ready";
  } catch (e) {
    if (mine === generation) {
      output.value = "";
      status.textContent = e.message || String(e);
      form.dataset.state = "error";
    }
  }
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  build();
});
form.addEventListener("change", () => build());
copy.addEventListener("click", async () => {
  output.select();
  try {
    await navigator.clipboard.writeText(output.value);
    status.textContent = "copied";
  } catch {
    status.textContent = document.execCommand("copy") ? "copied" : "select the code and copy it";
  }
});
build(false);
