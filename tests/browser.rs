//! Browser tests (wasm-bindgen-test in headless Chromium): the component renders every field of
//! the seed, the notice toggles, and the embed mounts in a shadow root and reports by events.
//!
//! Run: `cargo xtask test`, `cargo test -p article-widget --target wasm32-unknown-unknown`, or
//! `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use article_widget::{ArticleWidget, ArticleWidgetProps};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

mod common;

use common::browser::{document, new_host, one, texts, until};
use common::{seed, widget_props, SEED};

wasm_bindgen_test_configure!(run_in_browser);

fn assert_seed_rendered(root: &Element) {
    let a = seed();
    let names: Vec<String> = a.sections.iter().map(|s| s.name.clone()).collect();
    assert_eq!(texts(root, ".aw-sections li"), names);
    assert_eq!(one(root, "h1").text_content().unwrap(), a.headline);
    let time = one(root, "time");
    assert_eq!(
        time.get_attribute("datetime").unwrap(),
        "2025-12-29T18:35:44+08:00"
    );
    // Intl.DateTimeFormat in the article's language and its own offset.
    assert_eq!(
        time.text_content().unwrap(),
        "2025年12月29日 18:35:44 (UTC+8)"
    );
    assert_eq!(texts(root, ".aw-source"), ["來源: 中央廣電總臺國際在線"]);
    assert_eq!(
        one(root, ".aw-source a").get_attribute("href").unwrap(),
        "https://www.cri.cn/"
    );
    assert_eq!(texts(root, ".aw-editor"), ["編輯: 仝瑞勤", "責編: 蔣碩"]);
    let body: Vec<String> = a.body.iter().map(|b| b.text()).collect();
    assert_eq!(texts(root, ".aw-body p"), body);
    assert_eq!(texts(root, ".aw-byline"), ["(文 王小軍)"]);
    // The attribution block, with the date from Intl in the article's language.
    assert_eq!(
        texts(root, ".aw-credit"),
        ["原載於 中央廣電總臺國際在線, 2025年12月29日"]
    );
    let credit = one(root, ".aw-credit a");
    assert_eq!(credit.get_attribute("href").unwrap(), "https://www.cri.cn/");
    assert_eq!(credit.get_attribute("target").unwrap(), "_blank");
    assert_eq!(credit.get_attribute("rel").unwrap(), "noopener");
    assert_eq!(
        texts(root, ".aw-holder"),
        ["版權所有: 國廣國際在線網絡(北京)有限公司"]
    );
    let c = a.copyright.as_ref().unwrap();
    assert_eq!(one(root, "summary").text_content().unwrap(), c.title);
    let clauses: Vec<String> = c
        .clauses
        .iter()
        .flat_map(|c| c.paragraphs.clone())
        .collect();
    assert_eq!(texts(root, ".aw-clause p"), clauses);
    for tag in ["article", "header", "nav", "footer", "details"] {
        one(root, tag);
    }
}

/// `Element.checkVisibility()`: false inside a closed `<details>`.
fn visible(el: &Element) -> bool {
    let f: js_sys::Function = js_sys::Reflect::get(el, &"checkVisibility".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    f.call0(el).unwrap().as_bool().unwrap()
}

fn details_open(root: &Element) -> bool {
    one(root, "details")
        .dyn_into::<web_sys::HtmlDetailsElement>()
        .unwrap()
        .open()
}

#[wasm_bindgen_test]
async fn component_renders_every_field_and_toggles_the_notice() {
    let host = new_host("div");
    let props = ArticleWidgetProps {
        article: Some(seed()),
        ..widget_props()
    };
    let app =
        yew::Renderer::<ArticleWidget>::with_root_and_props(host.clone().into(), props).render();
    let root: Element = host.clone().into();
    until("the article", || {
        root.query_selector("h1").unwrap().is_some()
    })
    .await;
    assert_seed_rendered(&root);

    // Collapsed by default; the clauses are not rendered visible.
    assert!(!details_open(&root));
    let clause = one(&root, ".aw-clause p");
    assert!(!visible(&clause), "a closed notice hides its clauses");
    // Activating the summary (what a click, Enter or Space does) opens and closes it.
    let summary: HtmlElement = one(&root, "summary").dyn_into().unwrap();
    summary.click();
    until("the notice to open", || details_open(&root)).await;
    assert!(visible(&clause));
    summary.click();
    until("the notice to close", || !details_open(&root)).await;
    app.destroy();
    host.remove();
}

fn listen(
    host: &HtmlElement,
    name: &str,
    log: Rc<RefCell<Vec<String>>>,
) -> Closure<dyn FnMut(web_sys::CustomEvent)> {
    let name_owned = name.to_owned();
    let cb = Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        let detail = e.detail();
        let field = |k: &str| {
            js_sys::Reflect::get(&detail, &k.into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        log.borrow_mut().push(format!(
            "{name_owned}|{}|{}",
            field("kind"),
            field("headline")
        ));
    });
    host.add_event_listener_with_callback(name, cb.as_ref().unchecked_ref())
        .unwrap();
    cb
}

#[wasm_bindgen_test]
async fn embed_mounts_in_an_open_shadow_root_and_reports_load() {
    let host = new_host("article-widget");
    let log = Rc::new(RefCell::new(Vec::new()));
    let _keep = listen(&host, "article-widget:load", log.clone());
    let options = js_sys::Object::new();
    let article = js_sys::JSON::parse(SEED).unwrap();
    js_sys::Reflect::set(&options, &"article".into(), &article).unwrap();
    article_widget_embed::mount(host.clone().into(), options.clone().into()).unwrap();
    // Mounting again with the same options is a no-op, not a second app.
    article_widget_embed::mount(host.clone().into(), options.into()).unwrap();

    let shadow = host.shadow_root().expect("an open shadow root");
    until("the article in the shadow root", || {
        shadow.query_selector("h1").unwrap().is_some()
    })
    .await;
    assert_eq!(
        shadow
            .query_selector_all(".article-widget")
            .unwrap()
            .length(),
        1
    );
    // The stylesheet is adopted (no <style>, which a strict CSP would block).
    assert_eq!(adopted_css(&shadow).len(), 1);
    assert!(adopted_css(&shadow)[0].contains(":host"));
    assert!(shadow.query_selector("style, link").unwrap().is_none());
    let inner = shadow.query_selector(".article-widget").unwrap().unwrap();
    assert_seed_rendered(&inner);
    // Yew's scheduler may yield to the page between the render and its effects (after 16 ms
    // of work, as under load), so the state and the event can follow the article a turn later.
    until("data-state loaded", || {
        host.get_attribute("data-state").as_deref() == Some("loaded")
    })
    .await;
    until("the load event", || !log.borrow().is_empty()).await;
    assert_eq!(
        *log.borrow(),
        [format!("article-widget:load||{}", seed().headline)]
    );
    // Nothing leaks into the light DOM.
    assert_eq!(host.children().length(), 0);
    assert!(article_widget_embed::unmount(host.clone().into()));
    assert!(!article_widget_embed::unmount(host.clone().into()));
    assert_eq!(shadow.child_element_count(), 0);
    host.remove();
}

/// The CSS text of each stylesheet adopted by `shadow`.
fn adopted_css(shadow: &web_sys::ShadowRoot) -> Vec<String> {
    let sheets: js_sys::Array = js_sys::Reflect::get(shadow, &"adoptedStyleSheets".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    sheets
        .iter()
        .map(|sheet| {
            let rules = js_sys::Reflect::get(&sheet, &"cssRules".into()).unwrap();
            let rules: js_sys::Array = js_sys::Array::from(&rules);
            rules
                .iter()
                .map(|r| {
                    js_sys::Reflect::get(&r, &"cssText".into())
                        .unwrap()
                        .as_string()
                        .unwrap()
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

fn inline_seed_options() -> JsValue {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(
        &options,
        &"article".into(),
        &js_sys::JSON::parse(SEED).unwrap(),
    )
    .unwrap();
    options.into()
}

#[wasm_bindgen_test]
async fn embed_remounts_in_the_same_shadow_root_sharing_one_stylesheet() {
    let host = new_host("div");
    article_widget_embed::mount(host.clone().into(), inline_seed_options()).unwrap();
    let shadow = host.shadow_root().unwrap();
    until("the first mount", || {
        shadow.query_selector("h1").unwrap().is_some()
    })
    .await;
    let first_sheet = js_sys::Reflect::get(&shadow, &"adoptedStyleSheets".into()).unwrap();
    let first_sheet = js_sys::Array::from(&first_sheet).get(0);

    // Unmount empties the shadow root and drops the adopted sheet.
    assert!(article_widget_embed::unmount(host.clone().into()));
    assert_eq!(shadow.child_nodes().length(), 0);
    assert!(adopted_css(&shadow).is_empty());

    // Mounting again reuses the same shadow root.
    article_widget_embed::mount(host.clone().into(), inline_seed_options()).unwrap();
    assert_eq!(host.shadow_root().unwrap(), shadow);
    until("the second mount", || {
        shadow.query_selector("h1").unwrap().is_some()
    })
    .await;
    assert_eq!(shadow.query_selector_all(".aw-root").unwrap().length(), 1);
    assert_eq!(
        shadow
            .query_selector_all(".article-widget")
            .unwrap()
            .length(),
        1
    );
    assert_seed_rendered(&shadow.query_selector(".article-widget").unwrap().unwrap());

    // A second widget adopts the very same CSSStyleSheet object.
    let other = new_host("div");
    article_widget_embed::mount(other.clone().into(), inline_seed_options()).unwrap();
    let other_sheet =
        js_sys::Reflect::get(&other.shadow_root().unwrap(), &"adoptedStyleSheets".into()).unwrap();
    let other_sheet = js_sys::Array::from(&other_sheet).get(0);
    assert!(js_sys::Object::is(&first_sheet, &other_sheet));
    article_widget_embed::unmount(host.clone().into());
    article_widget_embed::unmount(other.clone().into());
    host.remove();
    other.remove();
}

#[wasm_bindgen_test]
async fn embed_reuses_a_shadow_root_holding_its_own_root() {
    // What a mount by another copy of the module, or with the <link> fallback, leaves behind:
    // a stylesheet element and the widget's root, directly in the shadow root, both marked
    // as the embed's.
    let host = new_host("div");
    let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
    let shadow = host.attach_shadow(&init).unwrap();
    let doc = document();
    let link = doc.create_element("link").unwrap();
    link.set_attribute("rel", "stylesheet").unwrap();
    link.set_attribute("data-aw-shadow", "").unwrap();
    shadow.append_child(&link).unwrap();
    let root = doc.create_element("div").unwrap();
    root.set_attribute("class", "aw-root").unwrap();
    root.set_attribute("data-aw-shadow", "").unwrap();
    root.append_child(&doc.create_element("p").unwrap())
        .unwrap();
    shadow.append_child(&root).unwrap();

    article_widget_embed::mount(host.clone().into(), inline_seed_options())
        .expect("a shadow root holding the widget's root is reused");
    until("the article", || {
        shadow.query_selector("h1").unwrap().is_some()
    })
    .await;
    // The leftovers are gone: one root, the article in it, no stale link.
    assert_eq!(shadow.query_selector_all(".aw-root").unwrap().length(), 1);
    assert!(shadow.query_selector("link").unwrap().is_none());
    assert_seed_rendered(&shadow.query_selector(".article-widget").unwrap().unwrap());
    article_widget_embed::unmount(host.clone().into());
    host.remove();
}

#[wasm_bindgen_test]
async fn embed_reports_a_network_failure_and_offers_retry() {
    let host = new_host("div");
    let log = Rc::new(RefCell::new(Vec::new()));
    let _keep = listen(&host, "article-widget:error", log.clone());
    let options = js_sys::Object::new();
    // Port 9 (discard) on loopback: nothing listens, the fetch fails at once.
    js_sys::Reflect::set(
        &options,
        &"src".into(),
        &"http://127.0.0.1:9/article.json".into(),
    )
    .unwrap();
    js_sys::Reflect::set(&options, &"timeoutMs".into(), &JsValue::from(5000)).unwrap();
    article_widget_embed::mount(host.clone().into(), options.into()).unwrap();
    let shadow = host.shadow_root().unwrap();
    until("the error state", || {
        host.get_attribute("data-state").as_deref() == Some("error")
    })
    .await;
    // The reader's message in the page's language (one of the tables), the browser's own
    // error as the English detail.
    let message = shadow
        .query_selector(".aw-error-message")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    use article_widget::labels::{EN, ZH_HANS, ZH_HANT};
    assert!(
        [&EN, &ZH_HANS, &ZH_HANT]
            .iter()
            .any(|l| l.error_network == message),
        "{message}"
    );
    let detail = shadow.query_selector(".aw-error-detail").unwrap().unwrap();
    assert_eq!(detail.get_attribute("lang").as_deref(), Some("en"));
    assert!(shadow.query_selector("button.aw-retry").unwrap().is_some());
    assert_eq!(*log.borrow(), ["article-widget:error|network|".to_owned()]);
    article_widget_embed::unmount(host.clone().into());
    host.remove();
}

#[wasm_bindgen_test]
fn embed_rejects_malformed_options_with_a_named_field() {
    let host = new_host("div");
    let bad = js_sys::Object::new();
    js_sys::Reflect::set(&bad, &"src".into(), &"/article.json".into()).unwrap();
    js_sys::Reflect::set(&bad, &"maxbytes".into(), &JsValue::from(10)).unwrap();
    let err = article_widget_embed::mount(host.clone().into(), bad.into()).unwrap_err();
    let message = err.dyn_into::<js_sys::Error>().unwrap().message();
    assert!(
        String::from(message).contains("unknown option `maxbytes`"),
        "message names the field"
    );
    assert!(host.shadow_root().is_none(), "nothing mounted");
    host.remove();
}

#[wasm_bindgen_test]
fn embed_rejects_options_of_the_wrong_type_naming_the_option() {
    let host = new_host("div");
    let cases: [(&str, JsValue, &str); 9] = [
        (
            "timeoutMs",
            "fast".into(),
            "timeoutMs must be a number of milliseconds, 1 to 600000, not a string",
        ),
        (
            "timeoutMs",
            1.5.into(),
            "timeoutMs must be a number of milliseconds",
        ),
        ("timeoutMs", 0.into(), "timeoutMs 0 is out of range"),
        (
            "maxBytes",
            (-1).into(),
            "maxBytes must be a whole number of bytes",
        ),
        (
            "excerpt",
            true.into(),
            "excerpt must be a whole number of paragraphs, at least 1, not a boolean",
        ),
        (
            "quoteMarks",
            "yes".into(),
            "quoteMarks must be true or false, not a string",
        ),
        (
            "locale",
            js_sys::Array::new().into(),
            "locale must be a string, not an array",
        ),
        (
            "article",
            5.into(),
            "article must be an article object or its JSON text, not a number",
        ),
        (
            "script",
            "latin\n".into(),
            "script \"latin\\n\" is not known",
        ),
    ];
    for (key, value, expected) in cases {
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"src".into(), &"/article.json".into()).unwrap();
        js_sys::Reflect::set(&options, &key.into(), &value).unwrap();
        let err = article_widget_embed::mount(host.clone().into(), options.into()).unwrap_err();
        assert!(
            err.is_instance_of::<js_sys::TypeError>(),
            "{key}: a TypeError"
        );
        let message = String::from(err.dyn_into::<js_sys::Error>().unwrap().message());
        assert!(
            message.starts_with("ArticleWidget.mount: ") && message.contains(expected),
            "{key}: {message}"
        );
        assert!(host.shadow_root().is_none(), "{key}: nothing mounted");
    }
    // `null` and `undefined` stand for an absent option.
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"src".into(), &"/article.json".into()).unwrap();
    js_sys::Reflect::set(&options, &"timeoutMs".into(), &JsValue::NULL).unwrap();
    js_sys::Reflect::set(&options, &"locale".into(), &JsValue::UNDEFINED).unwrap();
    article_widget_embed::mount(host.clone().into(), options.into()).unwrap();
    assert!(article_widget_embed::unmount(host.clone().into()));
    host.remove();
}

#[wasm_bindgen_test]
fn embed_leaves_a_foreign_shadow_root_alone() {
    let host = new_host("div");
    let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
    let shadow = host.attach_shadow(&init).unwrap();
    shadow.set_inner_html("<p>the page's own component</p>");
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"src".into(), &"/article.json".into()).unwrap();
    let err = article_widget_embed::mount(host.clone().into(), options.into()).unwrap_err();
    let message = String::from(err.dyn_into::<js_sys::Error>().unwrap().message());
    assert!(message.contains("already has a shadow root"), "{message}");
    assert_eq!(shadow.inner_html(), "<p>the page's own component</p>");
    host.remove();
}

fn json_ld_blocks() -> Vec<String> {
    let head = document().head().unwrap();
    let list = head
        .query_selector_all("script[type=\"application/ld+json\"]")
        .unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn structured_data_is_one_block_per_article_and_leaves_with_its_last_widget() {
    let mount_seed = |structured: bool| {
        let host = new_host("article-widget");
        let options = js_sys::Object::new();
        let article = js_sys::JSON::parse(SEED).unwrap();
        js_sys::Reflect::set(&options, &"article".into(), &article).unwrap();
        js_sys::Reflect::set(&options, &"structuredData".into(), &structured.into()).unwrap();
        article_widget_embed::mount(host.clone().into(), options.into()).unwrap();
        host
    };
    let loaded = |h: &HtmlElement| h.get_attribute("data-state").as_deref() == Some("loaded");
    let plain = mount_seed(false);
    until("a widget without the option", || loaded(&plain)).await;
    assert!(json_ld_blocks().is_empty(), "opt-in only");

    let a = mount_seed(true);
    let b = mount_seed(true);
    until("both widgets", || loaded(&a) && loaded(&b)).await;
    let blocks = json_ld_blocks();
    assert_eq!(blocks.len(), 1, "one block for the same article twice");
    let ld: serde_json::Value = serde_json::from_str(&blocks[0]).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], seed().headline.as_str());
    assert_eq!(
        ld["creditText"],
        "原載於 中央廣電總臺國際在線, 2025年12月29日"
    );

    assert!(article_widget_embed::unmount(a.clone().into()));
    assert_eq!(json_ld_blocks().len(), 1, "still used by the other widget");
    assert!(article_widget_embed::unmount(b.clone().into()));
    assert!(json_ld_blocks().is_empty(), "removed with its last widget");
    article_widget_embed::unmount(plain.clone().into());
    for h in [a, b, plain] {
        h.remove();
    }
}

#[wasm_bindgen_test]
async fn embed_upgrades_a_snapshot_and_gives_it_back_on_unmount() {
    let host = new_host("article-widget");
    host.set_inner_html(
        "<div class=\"aw-snapshot\" style=\"height: 500px\"><h1>snapshot</h1></div>",
    );
    let snapshot = one(&host, ".aw-snapshot");
    let mount = || {
        let options = js_sys::Object::new();
        let article = js_sys::JSON::parse(SEED).unwrap();
        js_sys::Reflect::set(&options, &"article".into(), &article).unwrap();
        js_sys::Reflect::set(&options, &"excerpt".into(), &JsValue::from(1)).unwrap();
        article_widget_embed::mount(host.clone().into(), options.into()).unwrap();
    };
    mount();
    let shadow = host.shadow_root().unwrap();
    until("the live article", || {
        host.get_attribute("data-state").as_deref() == Some("loaded")
    })
    .await;
    assert!(
        !visible(&snapshot),
        "the live rendering replaces the snapshot"
    );
    let root: HtmlElement = shadow
        .query_selector(".aw-root")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(!root.hidden());
    // The excerpt option: one paragraph and the link to the rest.
    assert_eq!(texts(&root, ".aw-body > p:not(.aw-continue)").len(), 1);
    assert_eq!(texts(&root, ".aw-continue"), ["到原網站繼續閱讀全文"]);
    // The snapshot's height was reserved, and is released once the live article has painted.
    until("the reserved height to go", || {
        root.style()
            .get_property_value("min-height")
            .unwrap()
            .is_empty()
    })
    .await;
    // Unmounted, the element shows its snapshot again; mounting again reuses the shadow root.
    assert!(article_widget_embed::unmount(host.clone().into()));
    assert!(visible(&snapshot), "the snapshot is back");
    mount();
    until("the live article again", || {
        host.get_attribute("data-state").as_deref() == Some("loaded")
    })
    .await;
    assert!(!visible(&snapshot));
    assert!(article_widget_embed::unmount(host.clone().into()));
    host.remove();
}
