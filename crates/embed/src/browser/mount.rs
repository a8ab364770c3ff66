//! `mount` and `unmount`: one Yew app per host element, in the host's shadow root, so the
//! page's CSS does not reach in and the widget's CSS does not reach out.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use article_convert::{Script, ScriptDefault};
use article_model::{quote, Article};
use article_widget::backend::{DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS};
use article_widget::{store, ArticleWidget, ArticleWidgetProps, ImageOptions, LoadError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::{AppHandle, Callback};

use crate::browser::events::Host;
use crate::browser::options::{options_error, read_options, MountOptions};
use crate::browser::upgrade::{snapshot_of, snapshot_slot, Upgrade};
use crate::browser::{head, shadow};

struct Mounted {
    host: HtmlElement,
    app: AppHandle<ArticleWidget>,
    options: MountOptions,
    /// The JSON-LD block this widget holds a share of (`structuredData`).
    json_ld: Rc<RefCell<Option<String>>>,
    /// The load failed (and shows its error): a `mount` with the same options retries.
    failed: Rc<Cell<bool>>,
}

thread_local! {
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
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

pub(crate) fn page_lang() -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let lang = doc.document_element()?.get_attribute("lang");
    lang.filter(|l| !l.is_empty())
        .or_else(|| web_sys::window()?.navigator().language())
}

/// A widget's state shared by its callbacks: its host, the snapshot upgrade in progress, its
/// JSON-LD share, whether its load failed.
#[derive(Clone)]
struct Shared {
    host: Host,
    upgrade: Rc<RefCell<Option<Upgrade>>>,
    json_ld: Rc<RefCell<Option<String>>>,
    failed: Rc<Cell<bool>>,
}

impl Shared {
    /// Ends the snapshot upgrade, if one is in progress.
    fn finish_upgrade(&self) {
        let pending = self.upgrade.borrow_mut().take();
        if let Some(pending) = pending {
            pending.finish();
        }
    }

    /// The article is in the DOM.
    fn on_load(&self, script: ScriptDefault, options: &MountOptions) -> Callback<Rc<Article>> {
        let this = self.clone();
        let structured_data = options.structured_data == Some(true);
        let locale = options.locale.clone();
        Callback::from(move |a: Rc<Article>| {
            let pending = this.upgrade.borrow_mut().take();
            if let Some(pending) = pending {
                // The script the widget shows first, as `SwitchingArticle` picks it. When that
                // needs a conversion, the snapshot (already in that script) stays until the
                // converted text is on screen (`on_script`, or `on_script_error`).
                let shown =
                    store::explicit().unwrap_or_else(|| script.resolve(&store::reader_languages()));
                let converts = article_convert::plan_for(&a, shown).is_some_and(|p| !p.is_empty());
                if converts {
                    *this.upgrade.borrow_mut() = Some(pending);
                } else {
                    pending.finish();
                }
            }
            this.failed.set(false);
            if structured_data {
                let previous = this.json_ld.borrow_mut().take();
                if let Some(key) = previous {
                    head::release(&key);
                }
                let locale = locale.as_deref().unwrap_or(&a.in_language);
                *this.json_ld.borrow_mut() = head::acquire(&a, locale);
            }
            this.host.loaded(&a);
        })
    }

    fn on_error(&self) -> Callback<LoadError> {
        let this = self.clone();
        Callback::from(move |e: LoadError| {
            this.failed.set(true);
            this.host.failed(&e);
        })
    }

    fn on_script(&self) -> Callback<(Script, Option<String>)> {
        let this = self.clone();
        Callback::from(move |(script, config): (Script, Option<String>)| {
            this.finish_upgrade();
            this.host.script(script, config);
        })
    }

    /// The live widget shows the published text and the error, with its retry.
    fn on_script_error(&self) -> Callback<String> {
        let this = self.clone();
        Callback::from(move |message: String| {
            this.finish_upgrade();
            this.host.dictionary_failed(message);
        })
    }
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
    // A conversion is likely: the engine and the manifest load while the article does.
    if store::explicit().unwrap_or_else(|| script.resolve(&store::reader_languages()))
        != Script::Original
    {
        crate::browser::dicts::warm();
    }
    let shared = Shared {
        host: Host {
            element: host.clone(),
            src: src.clone(),
        },
        upgrade: Rc::new(RefCell::new(None)),
        json_ld: Rc::new(RefCell::new(None)),
        failed: Rc::new(Cell::new(false)),
    };
    let mut props = ArticleWidgetProps {
        src: src.map(Into::into),
        article,
        locale: options.locale.clone().map(Into::into),
        ui_lang: page_lang().map(Into::into),
        chrome_lang: options.ui_lang.clone().map(Into::into),
        timeout_ms: options.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
        max_bytes: options.max_bytes.unwrap_or(DEFAULT_MAX_BYTES),
        on_load: shared.on_load(script, &options),
        on_error: shared.on_error(),
        on_script: shared.on_script(),
        on_script_error: shared.on_script_error(),
        script,
        quote_marks: options.quote_marks.unwrap_or(false),
        with_style: false,
        excerpt: options.excerpt,
        images: ImageOptions {
            referrer_policy: options.referrer_policy.clone().map(Into::into),
            lead_priority: false,
        },
        backend: Some(crate::browser::backend::handle()),
    };
    // A snippet's snapshot stays on screen until the live rendering replaces it (and stays
    // if the live widget fails: the reader keeps a readable article).
    let snapshot_height = snapshot_of(&host).map(|s| s.offset_height());
    let root = shadow::app_root(&host)?;
    // Measured once the shadow root has its stylesheet (the host is then a block).
    props.images.lead_priority = in_viewport(&host);
    if let Some(height) = snapshot_height {
        *shared.upgrade.borrow_mut() = Upgrade::start(&host, height, &root);
    }
    shared.host.set_state("loading");
    let app = yew::Renderer::<ArticleWidget>::with_root_and_props(root, props).render();
    MOUNTED.with(|m| {
        m.borrow_mut().push(Mounted {
            host,
            app,
            options,
            json_ld: shared.json_ld,
            failed: shared.failed,
        })
    });
    Ok(())
}

/// Whether `host` intersects the viewport now (its lead image is then wanted at once: eager,
/// `fetchpriority="high"`). A hidden host (a zero box) is not.
fn in_viewport(host: &HtmlElement) -> bool {
    let rect = host.get_bounding_client_rect();
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    (rect.width() > 0.0 || rect.height() > 0.0) && rect.bottom() >= 0.0 && rect.top() < height
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
        article_widget::give_back(&mut m);
        Some(found)
    });
    let Some(mounted) = found else {
        return false;
    };
    mounted.app.destroy();
    let json_ld = mounted.json_ld.borrow_mut().take();
    if let Some(key) = json_ld {
        head::release(&key);
    }
    shadow::clear(&mounted.host);
    // A snippet's element shows its snapshot again.
    if snapshot_of(&mounted.host).is_some() {
        snapshot_slot(&mounted.host);
    }
    mounted.host.remove_attribute("data-state").ok();
    true
}

/// Number of mounted widgets (for tests and diagnostics).
#[wasm_bindgen(js_name = mountedCount)]
pub fn mounted_count() -> usize {
    MOUNTED.with(|m| m.borrow().len())
}
