//! Browser tests of script switching (wasm-bindgen-test in headless Chromium), against the
//! release build's `www/pkg` (engine module) and `www/dict` served by `cargo xtask test`,
//! whose URL it passes at build time as `AW_ASSETS` (with the test server's fault routes).
//! Expected text is OpenCC 1.4.2's own output (`tests/fixtures/seed-scripts.json`).
//!
//! Without `AW_ASSETS` (a bare `wasm-pack test`), these tests say so and pass only the checks
//! that need no files; `cargo xtask test` always sets it.
#![cfg(target_arch = "wasm32")]

use article_convert::{self as script, Script, ScriptDefault};
use article_widget::{store, Article, ArticleWidget, ArticleWidgetProps};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

mod common;

use common::browser::{new_host, texts, tick, until};
use common::{seed, widget_props};

wasm_bindgen_test_configure!(run_in_browser);
const GOLDEN: &str = include_str!("fixtures/seed-scripts.json");
/// The served `www/` folder (`http://127.0.0.1:PORT/www/`).
const ASSETS: Option<&str> = option_env!("AW_ASSETS");
/// The same server's origin, for its `/__faults/` routes.
const SERVER: Option<&str> = option_env!("AW_SERVER");

#[wasm_bindgen(inline_js = r#"
export function engine_importer(base) {
  return () => import(base + "pkg/article_widget_engine.js").then((m) =>
    m.default({ module_or_path: base + "pkg/article_widget_engine_bg.wasm" }).then(() => m));
}
export function stub_languages(list) {
  Object.defineProperty(navigator, "languages", { configurable: true, get: () => list });
}
export function unstub_languages() {
  delete navigator.languages;
}
export function break_storage() {
  const original = Object.getOwnPropertyDescriptor(window, "localStorage");
  Object.defineProperty(window, "localStorage", {
    configurable: true,
    get() { throw new DOMException("storage is blocked", "SecurityError"); },
  });
  return () => Object.defineProperty(window, "localStorage", original);
}
export function resource_count(part) {
  return performance.getEntriesByType("resource").filter((e) => e.name.includes(part)).length;
}
"#)]
extern "C" {
    fn engine_importer(base: &str) -> js_sys::Function;
    fn stub_languages(list: js_sys::Array);
    fn unstub_languages();
    fn break_storage() -> js_sys::Function;
    fn resource_count(part: &str) -> u32;
}

/// The seed as OpenCC writes it in `target`.
fn golden(target: Script) -> Article {
    let g: serde_json::Value = serde_json::from_str(GOLDEN).expect("golden JSON");
    let strings: Vec<String> =
        serde_json::from_value(g[target.as_str()]["strings"].clone()).expect("golden strings");
    script::units::with_visible_pieces(&seed(), strings).expect("one string per field")
}

/// Points the page's dictionaries at `dict_base` (a folder holding `dict/`) and the engine at
/// the served build. Returns false when no assets are served (bare `wasm-pack test`).
fn configure(dict_base: Option<String>) -> bool {
    let Some(assets) = ASSETS else {
        web_sys::console::log_1(&"AW_ASSETS not set: run through `cargo xtask test`".into());
        return false;
    };
    let options = js_sys::Object::new();
    let base = dict_base.unwrap_or_else(|| assets.to_owned());
    js_sys::Reflect::set(&options, &"base".into(), &base.into()).unwrap();
    js_sys::Reflect::set(&options, &"engine".into(), &engine_importer(assets)).unwrap();
    article_widget_embed::configure(options.into());
    article_widget_embed::dicts::reset();
    store::set_explicit(None);
    true
}

fn mount(script: ScriptDefault) -> (Element, yew::AppHandle<ArticleWidget>) {
    let host = new_host("div");
    let props = ArticleWidgetProps {
        article: Some(seed()),
        script,
        ..widget_props()
    };
    let app =
        yew::Renderer::<ArticleWidget>::with_root_and_props(host.clone().into(), props).render();
    (host.into(), app)
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn button(root: &Element, script: Script) -> HtmlElement {
    root.query_selector(&format!("button[data-script=\"{}\"]", script.as_str()))
        .unwrap()
        .expect("script option rendered")
        .dyn_into()
        .unwrap()
}

fn pressed(root: &Element) -> Vec<String> {
    texts(root, "button[aria-pressed=\"true\"]")
}

fn lang(root: &Element) -> String {
    root.query_selector("article")
        .unwrap()
        .and_then(|a| a.get_attribute("lang"))
        .unwrap_or_default()
}

/// Every visible field of `expected` is what the widget shows.
fn assert_shows(root: &Element, expected: &Article) {
    assert_eq!(text(root, "h1"), expected.headline);
    let sections: Vec<String> = expected.sections.iter().map(|s| s.name.clone()).collect();
    assert_eq!(texts(root, ".aw-sections li"), sections);
    let body: Vec<String> = expected.body.iter().map(|b| b.text()).collect();
    assert_eq!(texts(root, ".aw-body p"), body);
    assert_eq!(
        text(root, ".aw-byline"),
        expected.byline.clone().unwrap_or_default()
    );
    assert!(
        text(root, ".aw-source").ends_with(&expected.source.name),
        "{}",
        text(root, ".aw-source")
    );
    let editors: Vec<String> = expected
        .editors
        .iter()
        .map(|e| format!("{}: {}", e.label.clone().unwrap_or_default(), e.name))
        .collect();
    assert_eq!(texts(root, ".aw-editor"), editors);
    let c = expected.copyright.as_ref().unwrap();
    assert_eq!(text(root, "summary"), c.title);
    let clauses: Vec<String> = c
        .clauses
        .iter()
        .flat_map(|c| c.paragraphs.clone())
        .collect();
    assert_eq!(texts(root, ".aw-clause p"), clauses);
}

#[wasm_bindgen_test]
async fn each_option_converts_every_field_and_original_restores() {
    if !configure(None) {
        return;
    }
    let (root, app) = mount(ScriptDefault::Fixed(Script::Original));
    until("render", || !text(&root, "h1").is_empty()).await;
    assert_eq!(pressed(&root), ["原文"]);
    assert_shows(&root, &seed());

    button(&root, Script::Hans).click();
    until("简体", || lang(&root) == "zh-Hans").await;
    assert_eq!(pressed(&root), ["简体"]);
    assert_eq!(
        text(&root, "h1"),
        "南阳发布强市“科技纲领” 力争形成区域创新标杆"
    );
    // 産 and 包乾制 as OpenCC writes them.
    let body = texts(&root, ".aw-body p").join("");
    assert!(body.contains("产业") && !body.contains('産'), "{body}");
    assert!(body.contains("“包干制”"), "{body}");
    assert_shows(&root, &golden(Script::Hans));
    // The widget's own labels follow (编辑 / 来源).
    assert!(text(&root, ".aw-source").starts_with("来源"));

    for target in [Script::HantTw, Script::HantHk] {
        button(&root, target).click();
        let want = target.lang_tag().unwrap();
        until(want, || lang(&root) == want).await;
        assert_shows(&root, &golden(target));
    }
    // 繁體 is the seed's own script: the published text, nothing fetched for it.
    button(&root, Script::Hant).click();
    until("繁體", || pressed(&root) == ["繁體"]).await;
    assert_eq!(lang(&root), "zh-Hant");
    assert_shows(&root, &seed());

    button(&root, Script::Original).click();
    until("原文", || pressed(&root) == ["原文"]).await;
    assert_shows(&root, &seed());
    assert_eq!(lang(&root), "zh-Hant");
    app.destroy();
    store::set_explicit(None);
}

#[wasm_bindgen_test]
async fn two_instances_switch_together_and_fetch_once() {
    if !configure(None) {
        return;
    }
    let before = resource_count("ts-notofu.");
    let (a, app_a) = mount(ScriptDefault::Fixed(Script::Original));
    let (b, app_b) = mount(ScriptDefault::Fixed(Script::Original));
    until("render", || {
        !text(&a, "h1").is_empty() && !text(&b, "h1").is_empty()
    })
    .await;
    button(&b, Script::Hans).click();
    until("both in 简体", || {
        lang(&a) == "zh-Hans" && lang(&b) == "zh-Hans"
    })
    .await;
    assert_eq!(text(&a, "h1"), text(&b, "h1"));
    assert_eq!(
        resource_count("ts-notofu.") - before,
        1,
        "one request for the shared file"
    );
    app_a.destroy();
    app_b.destroy();
    store::set_explicit(None);
}

#[wasm_bindgen_test]
async fn auto_follows_navigator_languages() {
    if !configure(None) {
        return;
    }
    let list: js_sys::Array = ["en-US", "zh-HK"]
        .iter()
        .map(|s| JsValue::from(*s))
        .collect();
    stub_languages(list);
    let (root, app) = mount(ScriptDefault::Auto);
    until("香港", || lang(&root) == "zh-Hant-HK").await;
    assert_eq!(pressed(&root), ["香港"]);
    assert_shows(&root, &golden(Script::HantHk));
    app.destroy();
    let list: js_sys::Array = ["fr-FR", "en"].iter().map(|s| JsValue::from(*s)).collect();
    stub_languages(list);
    let (root, app) = mount(ScriptDefault::Auto);
    until("render", || !text(&root, "h1").is_empty()).await;
    tick(100).await;
    assert_eq!(pressed(&root), ["原文"]);
    app.destroy();
    unstub_languages();
}

#[wasm_bindgen_test]
async fn storage_that_throws_does_not_break_switching() {
    if !configure(None) {
        return;
    }
    let restore = break_storage();
    let (root, app) = mount(ScriptDefault::Fixed(Script::Original));
    until("render", || !text(&root, "h1").is_empty()).await;
    button(&root, Script::Hans).click();
    until("简体 without storage", || lang(&root) == "zh-Hans").await;
    app.destroy();
    store::set_explicit(None);
    restore.call0(&JsValue::UNDEFINED).unwrap();
}

#[wasm_bindgen_test]
async fn a_failing_dictionary_keeps_the_text_and_a_second_choice_retries() {
    let Some(server) = SERVER else {
        return;
    };
    // Every file fails once with 503, then is served.
    let key = format!("k{}", js_sys::Date::now() as u64);
    configure(Some(format!("{server}/__faults/dictfault/flaky/{key}/")));
    let (root, app) = mount(ScriptDefault::Fixed(Script::Original));
    until("render", || !text(&root, "h1").is_empty()).await;
    button(&root, Script::Hans).click();
    until("error", || !text(&root, ".aw-script-error").is_empty()).await;
    assert_eq!(
        text(&root, ".aw-script-error"),
        article_widget::labels::ZH_HANT.script_failed
    );
    assert_shows(&root, &seed());
    assert_eq!(pressed(&root), ["原文"]);
    // Choosing the option again retries, and the files now arrive.
    button(&root, Script::Hans).click();
    until("简体 after retry", || lang(&root) == "zh-Hans").await;
    assert_eq!(text(&root, ".aw-script-error"), "");
    assert_shows(&root, &golden(Script::Hans));
    app.destroy();
    store::set_explicit(None);
}

#[wasm_bindgen_test]
async fn a_corrupt_dictionary_is_refused() {
    let Some(server) = SERVER else {
        return;
    };
    configure(Some(format!("{server}/__faults/dictfault/corrupt/c/")));
    let (root, app) = mount(ScriptDefault::Fixed(Script::Original));
    until("render", || !text(&root, "h1").is_empty()).await;
    button(&root, Script::HantTw).click();
    until("error", || !text(&root, ".aw-script-error").is_empty()).await;
    assert_shows(&root, &seed());
    assert_eq!(lang(&root), "zh-Hant");
    app.destroy();
    store::set_explicit(None);
}
