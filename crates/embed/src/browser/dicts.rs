//! Script conversion in the browser, loaded only when a reader first switches away from the
//! published text: the engine module (`pkg/article_widget_engine*`, a second WebAssembly
//! module the loader imports on request) and the dictionary files the chosen conversion
//! needs, from `dict/` beside the loader. Each is fetched once per page however many widgets
//! ask; every file is checked against `dict/manifest.json` (its size caps the download, then
//! size, CRC-32 and the file's own header are verified by the engine) before use.
//!
//! A failed or corrupt file is forgotten, so choosing the option again fetches it anew.

use std::cell::RefCell;
use std::rc::Rc;

use article_convert::units::{visible_pieces, with_visible_pieces};
use article_convert::{Overrides, Script};
use article_model::Article;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::browser::fetch::{fetch_bytes, fetch_js, Limits};

/// The widget shows text to readers, so OpenCC's `may_output_tofu` dictionaries stay out
/// (one constant for the widget, the engine module and `prepare`).
pub use article_convert::slice::TOFU;

/// Timeout of one dictionary or manifest request.
const TIMEOUT_MS: u32 = 30_000;
/// Largest manifest accepted.
const MAX_MANIFEST_BYTES: u32 = 256 * 1024;
/// Largest dictionary file accepted, whatever the manifest says.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

struct Manifest {
    files: Vec<FileEntry>,
}

#[derive(Clone)]
struct FileEntry {
    group: String,
    file: String,
    size: u64,
    crc32: String,
}

impl Manifest {
    /// Reads `manifest.json` with the article's JSON reader (`article_model::json`), so no
    /// second parser is linked.
    fn parse(url: &str, text: &str) -> Result<Manifest, String> {
        use article_model::json::{self, Json};
        let bad = |what: &str| format!("{url}: not a dictionary manifest ({what})");
        let v = json::parse(text).map_err(|e| format!("{url}: {e}"))?;
        let version = v.get("format_version").and_then(Json::as_u64);
        if version != Some(u64::from(script_convert::dict::FORMAT_VERSION)) {
            return Err(format!(
                "{url}: dictionary format {} is not the widget's {}; deploy dict/ from the same build",
                version.map_or_else(|| "(none)".to_owned(), |v| v.to_string()),
                script_convert::dict::FORMAT_VERSION
            ));
        }
        let files = v
            .get("files")
            .and_then(Json::as_array)
            .ok_or_else(|| bad("files"))?;
        let text = |f: &Json, k: &str| -> Result<String, String> {
            f.get(k)
                .and_then(Json::as_str)
                .map(str::to_owned)
                .ok_or_else(|| bad(k))
        };
        let files = files
            .iter()
            .map(|f| {
                Ok(FileEntry {
                    group: text(f, "group")?,
                    file: text(f, "file")?,
                    size: f
                        .get("size")
                        .and_then(Json::as_u64)
                        .ok_or_else(|| bad("size"))?,
                    crc32: text(f, "crc32")?,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Manifest { files })
    }
}

type Pending<T> = Shared<LocalBoxFuture<'static, Result<T, String>>>;

/// A dictionary file fetched (kept in JS memory) and its manifest entry.
struct Fetched {
    entry: FileEntry,
    url: String,
    bytes: js_sys::Uint8Array,
}

#[derive(Default)]
struct Cache {
    base: Option<String>,
    import_engine: Option<Function>,
    engine: Option<Pending<JsValue>>,
    engine_ready: Option<JsValue>,
    manifest: Option<Pending<Rc<Manifest>>>,
    /// Files being fetched or fetched and not yet handed to the engine.
    groups: Vec<(&'static str, Pending<Rc<Fetched>>)>,
    loaded: Vec<&'static str>,
    /// Bytes received and expected, per group being fetched.
    progress: Vec<(&'static str, (u64, u64))>,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// Sets where the dictionaries are (`…/dict/`) and the function that imports the engine
/// module and resolves to its initialized exports. The loader passes both.
pub fn configure(base: Option<String>, import_engine: Option<Function>) {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(mut b) = base {
            if !b.ends_with('/') {
                b.push('/');
            }
            c.base = Some(b);
        }
        if import_engine.is_some() {
            c.import_engine = import_engine;
        }
    });
}

fn base() -> String {
    CACHE
        .with(|c| c.borrow().base.clone())
        .unwrap_or_else(|| "dict/".to_owned())
}

fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "failed".to_owned())
}

/// The engine, when it and every file `configs` need are loaded (a warm switch needs no
/// await).
pub fn ready(configs: &[&'static str]) -> Option<JsValue> {
    let groups = article_convert::slice::plan_groups(configs);
    CACHE.with(|c| {
        let c = c.borrow();
        let engine = c.engine_ready.clone()?;
        groups
            .iter()
            .all(|g| c.loaded.contains(g))
            .then_some(engine)
    })
}

/// How much of the files `configs` still wait for has arrived, in percent; `None` when
/// nothing is being fetched for them.
pub fn progress(configs: &[&'static str]) -> Option<u8> {
    let groups = article_convert::slice::plan_groups(configs);
    CACHE.with(|c| {
        let c = c.borrow();
        let (mut got, mut total) = (0u64, 0u64);
        for g in groups {
            if let Some((_, (n, of))) = c.progress.iter().find(|(id, _)| *id == g) {
                got += n;
                total += of;
            }
        }
        (total > 0).then(|| (got.min(total) * 100 / total) as u8)
    })
}

fn is_loaded(id: &str) -> bool {
    CACHE.with(|c| c.borrow().loaded.contains(&id))
}

/// Loads the engine and every file `configs` need (in parallel), and returns the engine.
pub async fn prepare(configs: &[&'static str]) -> Result<JsValue, String> {
    let engine = engine();
    let groups: Vec<(&'static str, Pending<Rc<Fetched>>)> =
        article_convert::slice::plan_groups(configs)
            .into_iter()
            .filter(|g| !is_loaded(g))
            .map(|g| (g, group(g)))
            .collect();
    // Drive every download at once; each is shared, so awaiting them below just waits.
    wasm_bindgen_futures::spawn_local(engine.clone().map(drop));
    for (_, g) in &groups {
        wasm_bindgen_futures::spawn_local(g.clone().map(drop));
    }
    let mut fetched = Vec::new();
    for (id, g) in groups {
        fetched.push((id, g.await?));
    }
    let engine = engine.await?;
    // The largest file first: the engine's copy of it is freed once its tables are built, and
    // the smaller files are built into that space, so the engine's linear memory (which never
    // shrinks) peaks lower than in arrival order.
    fetched.sort_by_key(|(_, f)| std::cmp::Reverse(f.entry.size));
    for (id, f) in fetched {
        if is_loaded(id) {
            continue; // Another widget's switch loaded it meanwhile.
        }
        // The engine checks size, CRC-32 and the header, and keeps the dictionary.
        let args = Array::of5(
            &JsValue::from(id),
            &JsValue::from(f.entry.file.as_str()),
            &JsValue::from(f.entry.size as u32),
            &JsValue::from(f.entry.crc32.as_str()),
            &f.bytes,
        );
        let result = call(&engine, "loadGroup", &args);
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            // Loaded, or corrupt: either way the fetched bytes are no longer kept, and a
            // corrupt file is fetched anew on the next choice.
            c.groups.retain(|(g, _)| *g != id);
            if result.is_ok() {
                c.loaded.push(id);
            }
        });
        result.map_err(|e| format!("{}: {e}", f.url))?;
    }
    article_widget::backend::refresh();
    Ok(engine)
}

/// Converts `article` into `target` with its dictionary slice (`conversion.slices`, written
/// by `article-widget prepare`): loads the engine and the manifest only (in parallel), and
/// the engine checks the slice against the plan, the deployed files' CRC-32s and the text
/// before using it. An error means the caller should use the full dictionaries.
pub async fn convert_with_slice(
    article: &Article,
    target: Script,
    configs: &[&'static str],
    slice: &article_model::Slice,
    quote_marks: bool,
) -> Result<Article, String> {
    let engine = engine();
    let manifest = manifest();
    wasm_bindgen_futures::spawn_local(engine.clone().map(drop));
    let manifest = manifest.await?;
    let engine = engine.await?;
    let deployed = slice.groups.iter().map(|g| {
        manifest
            .files
            .iter()
            .find(|f| f.group == g.group)
            .map(|f| f.crc32.clone())
            .unwrap_or_default()
    });
    let flat = article_convert::slice::to_flat(slice);
    let args = conversion_args(article, target, configs, quote_marks);
    args.splice(1, 0, &strings(&mut flat.iter().map(String::as_str)));
    let deployed: Array = deployed.map(JsValue::from).collect();
    args.splice(2, 0, &deployed);
    let result = call(&engine, "convertSliced", &args)?;
    converted(article, &result)
}

/// Starts loading the engine and the manifest, each once per page, when a conversion is
/// likely at mount (a failure is forgotten, and the conversion itself tries again).
pub fn warm() {
    wasm_bindgen_futures::spawn_local(engine().map(drop));
    wasm_bindgen_futures::spawn_local(manifest().map(drop));
}

fn strings(items: &mut dyn Iterator<Item = &str>) -> Array {
    items.map(JsValue::from).collect()
}

/// The arguments of the engine's `convert`: plan, texts, flags, terms, forms, target, quote
/// marks.
fn conversion_args(
    article: &Article,
    target: Script,
    configs: &[&'static str],
    quote_marks: bool,
) -> Array {
    let overrides = Overrides::for_target(article.conversion.as_ref(), target);
    let (texts, flags) = visible_pieces(article);
    let args = Array::new();
    args.push(&strings(&mut configs.iter().copied()));
    args.push(&strings(&mut texts.iter().map(String::as_str)));
    args.push(&flags.into_iter().map(JsValue::from).collect::<Array>());
    args.push(&strings(
        &mut overrides.pairs().iter().map(|(t, _)| t.as_str()),
    ));
    args.push(&strings(
        &mut overrides.pairs().iter().map(|(_, f)| f.as_str()),
    ));
    args.push(&JsValue::from(target.as_str()));
    args.push(&JsValue::from(quote_marks));
    args
}

fn converted(article: &Article, result: &JsValue) -> Result<Article, String> {
    let out: Vec<String> = Array::from(result)
        .iter()
        .map(|v| v.as_string().unwrap_or_default())
        .collect();
    with_visible_pieces(article, out)
        .ok_or_else(|| "the engine returned the wrong number of strings".to_owned())
}

/// Converts `article` into `target` with the engine (its files loaded by [`prepare`]).
pub fn convert(
    engine: &JsValue,
    article: &Article,
    target: Script,
    configs: &[&'static str],
    quote_marks: bool,
) -> Result<Article, String> {
    let args = conversion_args(article, target, configs, quote_marks);
    let result = call(engine, "convert", &args)?;
    converted(article, &result)
}

fn call(target: &JsValue, name: &str, args: &Array) -> Result<JsValue, String> {
    let f: Function = Reflect::get(target, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("the engine module has no {name}(); deploy pkg/ from one build"))?;
    f.apply(target, args).map_err(|e| js_message(&e))
}

fn engine() -> Pending<JsValue> {
    if let Some(e) = CACHE.with(|c| c.borrow().engine.clone()) {
        return e;
    }
    let import = CACHE.with(|c| c.borrow().import_engine.clone());
    let future = async move {
        let result = async {
            let import = import.ok_or_else(|| {
                "the conversion engine is not configured; load the widget through article-widget.js"
                    .to_owned()
            })?;
            let promise: Promise = import
                .call0(&JsValue::UNDEFINED)
                .map_err(|e| js_message(&e))?
                .dyn_into()
                .map_err(|_| "the engine import did not return a promise".to_owned())?;
            JsFuture::from(promise).await.map_err(|e| {
                format!(
                    "the conversion engine could not be loaded: {}",
                    js_message(&e)
                )
            })
        }
        .await;
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            match &result {
                Ok(engine) => c.engine_ready = Some(engine.clone()),
                Err(_) => c.engine = None,
            }
        });
        result
    }
    .boxed_local()
    .shared();
    CACHE.with(|c| c.borrow_mut().engine = Some(future.clone()));
    future
}

fn manifest() -> Pending<Rc<Manifest>> {
    if let Some(m) = CACHE.with(|c| c.borrow().manifest.clone()) {
        return m;
    }
    let url = format!("{}manifest.json", base());
    let future = async move {
        let limits = Limits {
            timeout_ms: TIMEOUT_MS,
            max_bytes: MAX_MANIFEST_BYTES,
        };
        let (bytes, cancel) = fetch_bytes(url.clone(), "application/json", limits, None);
        let bytes = bytes.await.map_err(|e| format!("{url}: {e}"));
        drop(cancel);
        let result = bytes.and_then(|b| {
            let text = String::from_utf8(b).map_err(|_| format!("{url}: not UTF-8"))?;
            Manifest::parse(&url, &text).map(Rc::new)
        });
        if result.is_err() {
            CACHE.with(|c| c.borrow_mut().manifest = None);
        }
        result
    }
    .boxed_local()
    .shared();
    CACHE.with(|c| c.borrow_mut().manifest = Some(future.clone()));
    future
}

fn group(id: &'static str) -> Pending<Rc<Fetched>> {
    let known = CACHE.with(|c| {
        let c = c.borrow();
        c.groups
            .iter()
            .find(|(g, _)| *g == id)
            .map(|(_, p)| p.clone())
    });
    if let Some(p) = known {
        return p;
    }
    let future = async move {
        let result = fetch_group(id).await;
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            c.progress.retain(|(g, _)| *g != id);
            // Forget a failure: the next choice of the option fetches again.
            if result.is_err() {
                c.groups.retain(|(g, _)| *g != id);
            }
        });
        article_widget::backend::refresh();
        result
    }
    .boxed_local()
    .shared();
    CACHE.with(|c| c.borrow_mut().groups.push((id, future.clone())));
    future
}

async fn fetch_group(id: &'static str) -> Result<Rc<Fetched>, String> {
    let manifest = manifest().await?;
    let entry = manifest
        .files
        .iter()
        .find(|f| f.group == id)
        .cloned()
        .ok_or_else(|| format!("manifest.json lists no file for dictionary group {id}"))?;
    if entry.file.contains(['/', '\\', '?', '#']) || entry.size > MAX_FILE_BYTES {
        return Err(format!("manifest.json: bad entry for {id}"));
    }
    let url = format!("{}{}", base(), entry.file);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        c.progress.retain(|(g, _)| *g != id);
        c.progress.push((id, (0, entry.size)));
    });
    article_widget::backend::refresh();
    let on_progress: crate::browser::fetch::OnProgress = Rc::new(move |n| {
        CACHE.with(|c| {
            if let Some((_, p)) = c.borrow_mut().progress.iter_mut().find(|(g, _)| *g == id) {
                p.0 = n;
            }
        });
        article_widget::backend::refresh();
    });
    let limits = Limits {
        timeout_ms: TIMEOUT_MS,
        // The manifest's size caps the download: a larger body is refused while it streams.
        max_bytes: entry.size as u32,
    };
    // Kept in JS memory: the engine copies the file into its own.
    let (bytes, cancel) = fetch_js(
        url.clone(),
        "application/octet-stream",
        limits,
        Some(on_progress),
    );
    let bytes = bytes.await.map_err(|e| format!("{url}: {e}"));
    drop(cancel);
    let bytes = bytes?.into_array();
    Ok(Rc::new(Fetched { entry, url, bytes }))
}

/// Forgets the fetched files, the manifest and the engine (tests start from a clean page).
#[doc(hidden)]
pub fn reset() {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        c.engine = None;
        c.engine_ready = None;
        c.manifest = None;
        c.groups.clear();
        c.loaded.clear();
        c.progress.clear();
    });
}
