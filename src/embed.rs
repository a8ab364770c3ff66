//! The browser entry points used by `www/article-widget.js`: `mount` and `unmount`.
//!
//! Each host element gets an open shadow root holding the widget's stylesheet and one Yew app,
//! so the page's CSS does not reach in and the widget's CSS does not reach out. The host element
//! receives `article-widget:load` and `article-widget:error` events (bubbling, composed).
//!
//! The stylesheet works under a strict Content-Security-Policy (no `'unsafe-inline'`) and with
//! Trusted Types enforced: one constructable `CSSStyleSheet`, shared by every shadow root through
//! `adoptedStyleSheets`; where that API is missing, a `<style>` carrying the nonce the page gave
//! the loader, else a `<link rel="stylesheet">` to `article-widget.css` beside the loader. No
//! HTML is ever parsed from a string (no `innerHTML`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use article_model::{quote, Article};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element, HtmlElement, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use crate::error::LoadError;
use crate::options::{options_error, read_options, MountOptions};
use crate::script::{Script, ScriptDefault};
use crate::widget::{ArticleWidget, ArticleWidgetProps, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS};

struct Mounted {
    host: HtmlElement,
    app: AppHandle<ArticleWidget>,
    options: MountOptions,
    /// The JSON-LD block this widget holds a share of (`structuredData`).
    json_ld: Rc<RefCell<Option<String>>>,
    /// The load failed (and shows its error): a `mount` with the same options retries.
    failed: Rc<Cell<bool>>,
}

/// A JSON-LD block added to `<head>`: the article's key, the element, how many widgets use it.
struct JsonLd {
    key: String,
    element: Element,
    users: usize,
}

/// What the loader tells the module once: where its files are, and the page's CSP nonce.
#[derive(Debug, Default)]
struct Config {
    /// URL of `article-widget.css` beside the loader.
    stylesheet_href: Option<String>,
    /// The nonce of the loader's `<script>` tag, for a `<style nonce>`.
    nonce: Option<String>,
}

thread_local! {
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
    static CONFIG: RefCell<Config> = RefCell::new(Config::default());
    /// The constructable stylesheet shared by every widget: `Some(None)` once found unsupported.
    static SHARED_SHEET: RefCell<Option<Option<JsValue>>> = const { RefCell::new(None) };
    static JSON_LD: RefCell<Vec<JsonLd>> = const { RefCell::new(Vec::new()) };
}

/// The shared constructable stylesheet, created on first use; `None` where the browser cannot
/// construct or adopt stylesheets (the check is made once).
fn shared_sheet() -> Option<JsValue> {
    SHARED_SHEET.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(construct_sheet)
            .clone()
    })
}

fn construct_sheet() -> Option<JsValue> {
    let global = js_sys::global();
    let shadow_proto = js_sys::Reflect::get(&global, &"ShadowRoot".into())
        .and_then(|c| js_sys::Reflect::get(&c, &"prototype".into()))
        .ok()?;
    if !js_sys::Reflect::has(&shadow_proto, &"adoptedStyleSheets".into()).unwrap_or(false) {
        return None;
    }
    let constructor: js_sys::Function = js_sys::Reflect::get(&global, &"CSSStyleSheet".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let sheet = js_sys::Reflect::construct(&constructor, &js_sys::Array::new()).ok()?;
    let replace_sync: js_sys::Function = js_sys::Reflect::get(&sheet, &"replaceSync".into())
        .ok()?
        .dyn_into()
        .ok()?;
    replace_sync
        .call1(&sheet, &crate::widget::STYLESHEET.into())
        .ok()?;
    Some(sheet)
}

/// Sets a shadow root's adopted stylesheets; false when the browser refuses.
fn adopt(shadow: &web_sys::ShadowRoot, sheets: &js_sys::Array) -> bool {
    js_sys::Reflect::set(shadow, &"adoptedStyleSheets".into(), sheets).unwrap_or(false)
}

/// Removes every child of the shadow root with DOM methods (Trusted Types allow no `innerHTML`).
fn empty(shadow: &web_sys::ShadowRoot) -> Result<(), JsValue> {
    while let Some(child) = shadow.last_child() {
        shadow.remove_child(&child)?;
    }
    Ok(())
}

/// Gives the (emptied) shadow root the widget's stylesheet, the CSP-safe way available.
fn install_stylesheet(
    doc: &web_sys::Document,
    shadow: &web_sys::ShadowRoot,
) -> Result<(), JsValue> {
    if let Some(sheet) = shared_sheet() {
        if adopt(shadow, &js_sys::Array::of1(&sheet)) {
            return Ok(());
        }
    }
    let (href, nonce) = CONFIG.with(|c| {
        let c = c.borrow();
        (c.stylesheet_href.clone(), c.nonce.clone())
    });
    let inline_style = |nonce: Option<&str>| -> Result<Element, JsValue> {
        let style = doc.create_element("style")?;
        style.set_attribute(OURS, "")?;
        if let Some(nonce) = nonce {
            style.set_attribute("nonce", nonce)?;
        }
        style.set_text_content(Some(crate::widget::STYLESHEET));
        Ok(style)
    };
    let link = |href: &str| -> Result<Element, JsValue> {
        let link = doc.create_element("link")?;
        link.set_attribute(OURS, "")?;
        link.set_attribute("rel", "stylesheet")?;
        link.set_attribute("href", href)?;
        Ok(link)
    };
    match (nonce, href) {
        // A nonce the page gave: its policy allows this inline stylesheet. Should it not (a
        // nonce meant for scripts only), the browser creates no sheet for it: use the file.
        (Some(nonce), href) => {
            let style = inline_style(Some(&nonce))?;
            shadow.append_child(&style)?;
            let blocked = style.is_connected()
                && js_sys::Reflect::get(&style, &"sheet".into()).is_ok_and(|s| s.is_null());
            if let (true, Some(href)) = (blocked, href) {
                style.remove();
                let link = link(&href)?;
                shadow.append_child(&link)?;
            }
        }
        // The stylesheet file beside the loader (the page's style-src must allow its origin).
        (None, Some(href)) => {
            let link = link(&href)?;
            shadow.append_child(&link)?;
        }
        // The module used without the loader on a browser without constructable stylesheets:
        // an inline stylesheet, which works where the page has no CSP.
        (None, None) => {
            let style = inline_style(None)?;
            shadow.append_child(&style)?;
        }
    }
    Ok(())
}

/// Takes a share of the article's JSON-LD block in `<head>`, adding it for the first widget.
/// Returns the key to release, or `None` when nothing was added: a block for the article is
/// already on the page (a snippet's), or the page has no `<head>`.
fn json_ld_acquire(article: &Article, locale: &str) -> Option<String> {
    let key = crate::view::article_key(article);
    let shared = JSON_LD.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        let block = blocks.iter_mut().find(|b| b.key == key)?;
        block.users += 1;
        Some(())
    });
    if shared.is_some() {
        return Some(key);
    }
    let doc = web_sys::window()?.document()?;
    let selector = format!("script[type=\"application/ld+json\"][data-aw-ld=\"{key}\"]");
    if doc.query_selector(&selector).ok().flatten().is_some() {
        return None;
    }
    let script = doc.create_element("script").ok()?;
    script.set_attribute("type", "application/ld+json").ok()?;
    script.set_attribute("data-aw-ld", &key).ok()?;
    // A text node, not `textContent` on the script: no Trusted Types sink is involved, and
    // the type makes it data, never code.
    let text = doc.create_text_node(&crate::jsonld::script_text(article, locale));
    script.append_child(&text).ok()?;
    doc.head()?.append_child(&script).ok()?;
    JSON_LD.with(|blocks| {
        blocks.borrow_mut().push(JsonLd {
            key: key.clone(),
            element: script,
            users: 1,
        })
    });
    Some(key)
}

/// Gives back a share; the last widget of an article removes its block.
fn json_ld_release(key: &str) {
    let last = JSON_LD.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        let i = blocks.iter().position(|b| b.key == key)?;
        blocks[i].users -= 1;
        let last = (blocks[i].users == 0).then(|| blocks.swap_remove(i));
        crate::give_back(&mut blocks);
        last
    });
    if let Some(block) = last {
        block.element.remove();
    }
}

/// Resolves `src` against the page and refuses anything but http(s).
fn resolve_src(src: &str) -> Result<String, JsValue> {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let url = web_sys::Url::new_with_base(src, &base)
        .map_err(|_| options_error(format!("src {} is not a URL", quote(src))))?;
    let href = url.href();
    if !article_model::is_safe_http_url(&href) {
        return Err(options_error(format!(
            "src {} must be an http(s) URL of an article JSON document",
            quote(src)
        )));
    }
    Ok(href)
}

fn dispatch(host: &HtmlElement, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

fn detail(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&obj, &(*k).into(), v);
    }
    obj.into()
}

fn page_lang() -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let lang = doc.document_element()?.get_attribute("lang");
    lang.filter(|l| !l.is_empty())
        .or_else(|| web_sys::window()?.navigator().language())
}

/// Marks the elements the embed puts in a shadow root, so a later mount knows it as its own.
const OURS: &str = "data-aw-shadow";

/// True when every element child of `shadow` is one the embed put there (or there is none).
/// (`ShadowRoot.querySelector(":scope > …")` cannot answer this: `:scope` matches nothing in
/// a shadow root.)
fn is_ours(shadow: &web_sys::ShadowRoot) -> bool {
    let children = shadow.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .all(|c| c.has_attribute(OURS))
}

/// The light-DOM snapshot of a syndication snippet (`<div class="aw-snapshot">`), if any.
fn snapshot_of(host: &HtmlElement) -> Option<HtmlElement> {
    // `:scope` works on an element (unlike on a ShadowRoot, see `is_ours`).
    host.query_selector(":scope > .aw-snapshot")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// A `<slot>` in the shadow root: it shows the host's light DOM (the snapshot).
fn snapshot_slot(host: &HtmlElement) -> Option<Element> {
    let shadow = host.shadow_root()?;
    let slot = web_sys::window()?.document()?.create_element("slot").ok()?;
    slot.set_attribute(OURS, "").ok()?;
    shadow.append_child(&slot).ok()?;
    Some(slot)
}

/// An upgrade in progress: the snapshot shows (through `slot`) until the live rendering in
/// `root` has loaded; `root` keeps the snapshot's height until it has painted.
struct Upgrade {
    slot: Element,
    root: HtmlElement,
}

impl Upgrade {
    /// Keeps the snapshot on screen and reserves its height for the live rendering.
    fn start(host: &HtmlElement, snapshot_height: i32, root: &Element) -> Option<Upgrade> {
        let root: HtmlElement = root.clone().dyn_into().ok()?;
        root.set_hidden(true);
        root.style()
            .set_property("min-height", &format!("{snapshot_height}px"))
            .ok()?;
        let slot = snapshot_slot(host)?;
        Some(Upgrade { slot, root })
    }

    /// The live rendering is in the DOM: swap it in, in the same frame as the snapshot leaves,
    /// and release the reserved height once that frame has painted (two animation frames).
    fn finish(self) {
        self.slot.remove();
        self.root.set_hidden(false);
        let root = self.root;
        let release = Closure::once_into_js(move || {
            let inner = Closure::once_into_js(move || {
                root.style().remove_property("min-height").ok();
            });
            if let Some(w) = web_sys::window() {
                w.request_animation_frame(inner.unchecked_ref()).ok();
            }
        });
        if let Some(w) = web_sys::window() {
            w.request_animation_frame(release.unchecked_ref()).ok();
        }
    }
}

/// The element the Yew app renders into, inside the host's shadow root (created when missing).
fn app_root(host: &HtmlElement) -> Result<Element, JsValue> {
    let shadow = match host.shadow_root() {
        // Ours from an earlier mount, or an empty one: reuse it. A shadow root with someone
        // else's content is left alone.
        Some(existing) if is_ours(&existing) => existing,
        Some(_) => return Err(options_error(
            "this element already has a shadow root with other content; mount on an empty element",
        )),
        None => {
            let init = ShadowRootInit::new(ShadowRootMode::Open);
            host.attach_shadow(&init).map_err(|_| {
                options_error(
                    "this element cannot host a shadow root; use <article-widget> or a <div>",
                )
            })?
        }
    };
    empty(&shadow)?;
    let doc = host
        .owner_document()
        .ok_or_else(|| options_error("no document"))?;
    install_stylesheet(&doc, &shadow)?;
    let root = doc.create_element("div")?;
    root.set_attribute(OURS, "")?;
    root.set_attribute("class", crate::view::class::ROOT)?;
    shadow.append_child(&root)?;
    Ok(root)
}

/// Mounts the widget on `host`. Mounting the same element again with the same options does
/// nothing while it is loading or loaded, and loads again when it failed; with other options
/// it re-renders with them. Throws a `TypeError` naming the problem when the options are
/// malformed.
#[wasm_bindgen]
pub fn mount(host: JsValue, options: JsValue) -> Result<(), JsValue> {
    let host: HtmlElement = host
        .dyn_into()
        .map_err(|_| options_error("the first argument must be an HTML element"))?;
    let options = read_options(options)?;
    let already = MOUNTED.with(|m| {
        m.borrow()
            .iter()
            .any(|x| x.host == host && x.options == options && !x.failed.get())
    });
    if already {
        return Ok(());
    }
    unmount(host.clone().into());

    let article = match &options.article {
        Some(value) => Some(Rc::new(Article::from_json(value).map_err(|problems| {
            options_error(LoadError::Invalid(problems).to_string())
        })?)),
        None => None,
    };
    let src = match (&options.src, &article) {
        (Some(src), _) => Some(resolve_src(src)?),
        (None, Some(_)) => None,
        (None, None) => {
            return Err(options_error(
                "give src (the URL of an article JSON document) or article",
            ))
        }
    };
    let script = options
        .script
        .as_deref()
        .and_then(ScriptDefault::parse)
        .unwrap_or(ScriptDefault::Fixed(Script::Original));
    let json_ld = Rc::new(RefCell::new(None::<String>));
    let upgrade = Rc::new(RefCell::new(None::<Upgrade>));
    let failed = Rc::new(Cell::new(false));
    let on_load = {
        let host = host.clone();
        let failed = failed.clone();
        let src = src.clone();
        let json_ld = json_ld.clone();
        let upgrade = upgrade.clone();
        let structured_data = options.structured_data == Some(true);
        let locale = options.locale.clone();
        yew::Callback::from(move |a: Rc<Article>| {
            let pending = upgrade.borrow_mut().take();
            if let Some(pending) = pending {
                // The script the widget shows first, as `SwitchingArticle` picks it. When that
                // needs a conversion, the snapshot (already in that script) stays until the
                // converted text is on screen (`on_script`, or `on_script_error`).
                let shown = crate::switch::explicit()
                    .unwrap_or_else(|| script.resolve(&crate::switch::reader_languages()));
                let converts = crate::script::plan_for(&a, shown).is_some_and(|p| !p.is_empty());
                if converts {
                    *upgrade.borrow_mut() = Some(pending);
                } else {
                    pending.finish();
                }
            }
            failed.set(false);
            host.set_attribute("data-state", "loaded").ok();
            if structured_data {
                let previous = json_ld.borrow_mut().take();
                if let Some(key) = previous {
                    json_ld_release(&key);
                }
                let locale = locale.as_deref().unwrap_or(&a.in_language);
                *json_ld.borrow_mut() = json_ld_acquire(&a, locale);
            }
            dispatch(
                &host,
                "article-widget:load",
                &detail(&[
                    (
                        "src",
                        src.as_deref().map(JsValue::from).unwrap_or(JsValue::NULL),
                    ),
                    ("headline", a.headline.as_str().into()),
                    ("datePublished", a.date_published.as_str().into()),
                    ("inLanguage", a.in_language.as_str().into()),
                ]),
            );
        })
    };
    let on_error = {
        let host = host.clone();
        let src = src.clone();
        let failed = failed.clone();
        yew::Callback::from(move |e: LoadError| {
            failed.set(true);
            host.set_attribute("data-state", "error").ok();
            let status = match &e {
                LoadError::Http { status, .. } => JsValue::from(*status),
                _ => JsValue::NULL,
            };
            dispatch(
                &host,
                "article-widget:error",
                &detail(&[
                    (
                        "src",
                        src.as_deref().map(JsValue::from).unwrap_or(JsValue::NULL),
                    ),
                    ("kind", e.kind().into()),
                    ("message", e.to_string().into()),
                    ("status", status),
                ]),
            );
        })
    };
    let on_script = {
        let host = host.clone();
        let upgrade = upgrade.clone();
        yew::Callback::from(move |(script, config): (Script, Option<String>)| {
            let pending = upgrade.borrow_mut().take();
            if let Some(pending) = pending {
                pending.finish();
            }
            host.set_attribute("data-script", script.as_str()).ok();
            dispatch(
                &host,
                "article-widget:script",
                &detail(&[
                    ("script", script.as_str().into()),
                    ("config", config.map(JsValue::from).unwrap_or(JsValue::NULL)),
                ]),
            );
        })
    };
    let on_script_error = {
        let host = host.clone();
        let src = src.clone();
        let upgrade = upgrade.clone();
        yew::Callback::from(move |message: String| {
            // The live widget shows the published text and the error, with its retry.
            let pending = upgrade.borrow_mut().take();
            if let Some(pending) = pending {
                pending.finish();
            }
            dispatch(
                &host,
                "article-widget:error",
                &detail(&[
                    (
                        "src",
                        src.as_deref().map(JsValue::from).unwrap_or(JsValue::NULL),
                    ),
                    ("kind", "dictionary".into()),
                    ("message", message.into()),
                    ("status", JsValue::NULL),
                ]),
            );
        })
    };
    let props = ArticleWidgetProps {
        src: src.map(Into::into),
        article,
        locale: options.locale.clone().map(Into::into),
        ui_lang: page_lang().map(Into::into),
        chrome_lang: options.ui_lang.clone().map(Into::into),
        timeout_ms: options.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
        max_bytes: options.max_bytes.unwrap_or(DEFAULT_MAX_BYTES),
        on_load,
        on_error,
        on_script,
        on_script_error,
        script,
        quote_marks: options.quote_marks.unwrap_or(false),
        with_style: false,
        excerpt: options.excerpt,
    };
    // A snippet's snapshot stays on screen until the live rendering replaces it (and stays
    // if the live widget fails: the reader keeps a readable article).
    let snapshot_height = snapshot_of(&host).map(|s| s.offset_height());
    let root = app_root(&host)?;
    if let Some(height) = snapshot_height {
        *upgrade.borrow_mut() = Upgrade::start(&host, height, &root);
    }
    host.set_attribute("data-state", "loading")?;
    let app = yew::Renderer::<ArticleWidget>::with_root_and_props(root, props).render();
    MOUNTED.with(|m| {
        m.borrow_mut().push(Mounted {
            host,
            app,
            options,
            json_ld,
            failed,
        })
    });
    Ok(())
}

/// Unmounts the widget from `host`, aborting any load in flight. Returns whether one was
/// mounted there.
#[wasm_bindgen]
pub fn unmount(host: JsValue) -> bool {
    let Some(host) = host.dyn_ref::<HtmlElement>() else {
        return false;
    };
    let found = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let index = m.iter().position(|x| &x.host == host)?;
        let found = m.swap_remove(index);
        crate::give_back(&mut m);
        Some(found)
    });
    match found {
        Some(mounted) => {
            mounted.app.destroy();
            let json_ld = mounted.json_ld.borrow_mut().take();
            if let Some(key) = json_ld {
                json_ld_release(&key);
            }
            if let Some(shadow) = mounted.host.shadow_root() {
                let _ = empty(&shadow);
                // Only where adopting is supported (the property exists): else nothing to undo.
                if SHARED_SHEET.with(|c| matches!(*c.borrow(), Some(Some(_)))) {
                    adopt(&shadow, &js_sys::Array::new());
                }
            }
            // A snippet's element shows its snapshot again.
            if snapshot_of(&mounted.host).is_some() {
                snapshot_slot(&mounted.host);
            }
            mounted.host.remove_attribute("data-state").ok();
            true
        }
        None => false,
    }
}

/// The box the loader draws in a widget's place once this module has crashed (a trap: the
/// module can run nothing then), built while it still runs, so that its words, their language
/// and its class names have one source: the labels the widget's own error box uses
/// (`labels::for_language` of a valid `uiLang` option, else of the page's language) and
/// `view::class`. A detached `div.aw-root[data-aw-shadow]` > `div.article-widget[lang]` >
/// `div.aw-error[part=error][role=alert]` > `p.aw-error-title` + `button.aw-retry`.
/// The loader asks for one per load (`{}`: for elements it never mounted) and one before each
/// mount (with its options), clones it into the shadow root and makes the button reload the
/// module. Never throws (a malformed `uiLang` is `mount`'s to report); `undefined` only
/// without a document.
#[wasm_bindgen(js_name = stoppedView)]
pub fn stopped_view(options: JsValue) -> Option<Element> {
    use crate::view::class;
    let ui_lang = js_sys::Reflect::get(&options, &"uiLang".into())
        .ok()
        .and_then(|v| v.as_string())
        .filter(|t| article_model::is_language_tag(t));
    let labels = crate::labels::for_language(&ui_lang.or_else(page_lang).unwrap_or_default());
    let doc = web_sys::window()?.document()?;
    // One element of the box (not inlined: the module measured 200 bytes brotli smaller).
    #[inline(never)]
    fn add(
        doc: &web_sys::Document,
        parent: Option<&Element>,
        tag: &str,
        class: &str,
    ) -> Option<Element> {
        let el = doc.create_element(tag).ok()?;
        el.set_class_name(class);
        match parent {
            Some(parent) => parent.append_child(&el).ok().map(|_| el),
            None => Some(el),
        }
    }
    let root = add(&doc, None, "div", class::ROOT)?;
    let widget = add(&doc, Some(&root), "div", class::WIDGET)?;
    let error = add(&doc, Some(&widget), "div", class::ERROR)?;
    let title = add(&doc, Some(&error), "p", class::ERROR_TITLE)?;
    let button = add(&doc, Some(&error), "button", class::RETRY)?;
    for (el, name, value) in [
        (&root, OURS, ""),
        (&widget, "lang", labels.lang),
        (&error, "part", "error"),
        (&error, "role", "alert"),
        (&button, "type", "button"),
    ] {
        el.set_attribute(name, value).ok()?;
    }
    title.set_text_content(Some(labels.stopped));
    button.set_text_content(Some(labels.reload));
    Some(root)
}

/// Number of mounted widgets (for tests and diagnostics).
#[wasm_bindgen(js_name = mountedCount)]
pub fn mounted_count() -> usize {
    MOUNTED.with(|m| m.borrow().len())
}

/// Test builds only (`--features crash-test`, never in `www/pkg`): panics, which the release
/// profile turns into a trap (`WebAssembly.RuntimeError`) that leaves the module unusable,
/// so the end-to-end tests can check the loader's crash handling.
#[cfg(feature = "crash-test")]
#[wasm_bindgen(js_name = __crash)]
pub fn crash() {
    panic!("article-widget: crash requested by a test (crash-test build)");
}

/// The widget's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Sets the script of every widget on the page (and remembers it for the site): `original`,
/// `hans`, `hant`, `hant-tw` or `hant-hk`; `auto` (or `null`) forgets the reader's choice so
/// each widget shows its own default again. Throws a `TypeError` for anything else.
#[wasm_bindgen(js_name = setScript)]
pub fn set_script(script: JsValue) -> Result<(), JsValue> {
    let choice = match script.as_string().as_deref() {
        _ if script.is_null() || script.is_undefined() => None,
        Some("auto") => None,
        Some(s) => Some(Script::parse(s).ok_or_else(|| {
            JsValue::from(js_sys::TypeError::new(&format!(
                "ArticleWidget.setScript: {} is not known; give original, hans, hant, hant-tw, hant-hk or auto",
                quote(s)
            )))
        })?),
        None => {
            return Err(js_sys::TypeError::new(
                "ArticleWidget.setScript: give a string such as \"hans\"",
            )
            .into())
        }
    };
    crate::switch::set_explicit(choice);
    Ok(())
}

/// Page-wide settings from the loader, given once before the first mount:
/// `{ base, engine, nonce }`. `base` is the URL of the loader's folder, which holds `dict/` and
/// `article-widget.css`; `engine` a function that imports the conversion engine module and
/// resolves to its initialized exports (called on the first switch only); `nonce` the nonce of
/// the loader's `<script>` tag, put on a `<style>` where constructable stylesheets are missing.
/// Unknown keys and malformed values are ignored, so older modules accept newer loaders and a
/// bad value costs a fallback, never the widget.
#[wasm_bindgen]
pub fn configure(options: JsValue) {
    let get = |key: &str| js_sys::Reflect::get(&options, &key.into()).ok();
    let base = get("base").and_then(|v| v.as_string());
    let beside_loader = |file: &str| {
        let base = base.as_deref()?;
        web_sys::Url::new_with_base(file, base)
            .ok()
            .map(|u| u.href())
    };
    let engine = get("engine").and_then(|v| v.dyn_into::<js_sys::Function>().ok());
    crate::dicts::configure(beside_loader("dict/"), engine);
    let stylesheet_href =
        beside_loader("article-widget.css").filter(|h| article_model::is_safe_http_url(h));
    let nonce = get("nonce")
        .and_then(|v| v.as_string())
        .filter(|n| !n.is_empty());
    CONFIG.with(|c| {
        *c.borrow_mut() = Config {
            stylesheet_href,
            nonce,
        }
    });
}
