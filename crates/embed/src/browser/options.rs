//! The options of `ArticleWidget.mount(element, options)`, read from the JavaScript object one
//! known key at a time, own properties only, into [`MountOptions`].
//!
//! A hand-written reader rather than serde-wasm-bindgen: the options are ten flat fields, and
//! the generic deserializer (with serde's error machinery, which formats floating-point
//! numbers) cost the module several KB. Every malformed option is a `TypeError` naming it.

use wasm_bindgen::{JsCast, JsValue};

use article_model::quote;

use article_convert::ScriptDefault;

use crate::MOUNT_OPTIONS;

/// Options accepted by `ArticleWidget.mount(element, options)`.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct MountOptions {
    /// URL of the article JSON, absolute or relative to the page.
    pub src: Option<String>,
    /// An article document given inline instead of `src`, as JSON text: the loader writes an
    /// object with `JSON.stringify` (which refuses cycles) and the text is read by the same
    /// depth-limited reader as fetched documents.
    pub article: Option<String>,
    /// Locale for dates (BCP 47); defaults to the article's language.
    pub locale: Option<String>,
    /// Fetch timeout in milliseconds (1 ms to 10 minutes).
    pub timeout_ms: Option<u32>,
    /// Largest accepted document in bytes.
    pub max_bytes: Option<u32>,
    /// Default script: original, hans, hant, hant-tw, hant-hk or auto.
    pub script: Option<String>,
    /// Use the target script's quote marks in converted text.
    pub quote_marks: Option<bool>,
    /// Add the article's schema.org JSON-LD to the page's `<head>` (once per article).
    pub structured_data: Option<bool>,
    /// Show only the first N paragraphs and a link to the rest (a snapshot's `excerpt`).
    pub excerpt: Option<u32>,
    /// The language of the widget's own words (BCP 47); by default the text's, and the
    /// page's while loading or failing.
    pub ui_lang: Option<String>,
    /// The images' `referrerpolicy`: one of `article_widget::REFERRER_POLICIES` (the default,
    /// `strict-origin-when-cross-origin`, or a stricter one).
    pub referrer_policy: Option<String>,
}

/// A `TypeError` whose message starts with `ArticleWidget.mount: `.
pub(crate) fn options_error(message: impl Into<String>) -> JsValue {
    let mut text = String::from("ArticleWidget.mount: ");
    text.push_str(&message.into());
    js_sys::TypeError::new(&text).into()
}

/// The own property `key` of `object`, never one inherited through its prototype chain (a
/// page with a prototype-pollution bug may have set `Object.prototype.article`): `None` when
/// `object` is not an object or has no such own property. A getter runs, as for a plain read.
pub(crate) fn own(object: &JsValue, key: &str) -> Option<JsValue> {
    if !object.is_object() {
        return None;
    }
    let object = object.unchecked_ref::<js_sys::Object>();
    let key = JsValue::from_str(key);
    if js_sys::Object::get_own_property_descriptor(object, &key).is_undefined() {
        return None;
    }
    js_sys::Reflect::get(object, &key).ok()
}

/// The option `key` of `object`, an own property: `None` when absent, `undefined` or `null`.
fn get(object: &JsValue, key: &str) -> Option<JsValue> {
    own(object, key).filter(|v| !v.is_undefined() && !v.is_null())
}

/// "must be …, not a number" (the JavaScript type of what was given).
fn wrong_type(key: &str, wanted: &str, value: &JsValue) -> JsValue {
    let given = value.js_typeof().as_string().unwrap_or_default();
    let given = if js_sys::Array::is_array(value) {
        "an array"
    } else {
        match given.as_str() {
            "object" | "undefined" => "an object",
            "number" => "a number",
            "string" => "a string",
            "boolean" => "a boolean",
            "function" => "a function",
            "bigint" => "a BigInt",
            "symbol" => "a symbol",
            _ => "something else",
        }
    };
    let mut message = String::from(key);
    message.push_str(" must be ");
    message.push_str(wanted);
    message.push_str(", not ");
    message.push_str(given);
    options_error(message)
}

fn string(object: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    get(object, key)
        .map(|v| v.as_string().ok_or_else(|| wrong_type(key, "a string", &v)))
        .transpose()
}

fn boolean(object: &JsValue, key: &str) -> Result<Option<bool>, JsValue> {
    get(object, key)
        .map(|v| {
            v.as_bool()
                .ok_or_else(|| wrong_type(key, "true or false", &v))
        })
        .transpose()
}

/// A whole number from 0 to `u32::MAX` (a JavaScript number, not a numeric string).
fn whole_number(object: &JsValue, key: &str, wanted: &str) -> Result<Option<u32>, JsValue> {
    let Some(value) = get(object, key) else {
        return Ok(None);
    };
    let Some(n) = value.as_f64() else {
        return Err(wrong_type(key, wanted, &value));
    };
    if n.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&n) {
        let mut message = String::from(key);
        message.push_str(" must be ");
        message.push_str(wanted);
        return Err(options_error(message));
    }
    Ok(Some(n as u32))
}

/// Reads and checks the options; `undefined` and `null` mean none. Unknown keys (typos) and
/// malformed values are refused with a `TypeError` naming the option.
pub(crate) fn read_options(value: JsValue) -> Result<MountOptions, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(MountOptions::default());
    }
    if !value.is_object() {
        return Err(options_error(
            "options must be an object such as { src: \"https://…/article.json\" }",
        ));
    }
    let keys = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>());
    for key in keys.iter().filter_map(|k| k.as_string()) {
        if !MOUNT_OPTIONS.contains(&key.as_str()) {
            let mut message = String::from("unknown option `");
            message.push_str(&key);
            message.push_str("`; accepted options are ");
            message.push_str(&MOUNT_OPTIONS.join(", "));
            return Err(options_error(message));
        }
    }
    // An `article` object is taken as JSON text (the loader hands it over so too): the
    // browser's `JSON.stringify` refuses cycles, and the text is read by the depth-limited
    // reader, so nothing walks a live object graph recursively in the module.
    let article =
        match get(&value, "article") {
            None => None,
            Some(text) if text.is_string() => text.as_string(),
            Some(object) if object.is_object() => {
                let text = js_sys::JSON::stringify(&object).map_err(|e| {
                    let why = e
                        .dyn_ref::<js_sys::Error>()
                        .map(|e| String::from(e.message()))
                        .unwrap_or_default();
                    options_error(String::from("article is not JSON: ") + &why)
                })?;
                Some(text.as_string().ok_or_else(|| {
                    options_error("article is not JSON: it stringifies to nothing")
                })?)
            }
            Some(other) => {
                return Err(wrong_type(
                    "article",
                    "an article object or its JSON text",
                    &other,
                ))
            }
        };
    let options = MountOptions {
        src: string(&value, "src")?,
        article,
        locale: string(&value, "locale")?,
        timeout_ms: whole_number(&value, "timeoutMs", "a number of milliseconds, 1 to 600000")?,
        max_bytes: whole_number(&value, "maxBytes", "a whole number of bytes, at least 1")?,
        script: string(&value, "script")?,
        quote_marks: boolean(&value, "quoteMarks")?,
        structured_data: boolean(&value, "structuredData")?,
        excerpt: whole_number(
            &value,
            "excerpt",
            "a whole number of paragraphs, at least 1",
        )?,
        ui_lang: string(&value, "uiLang")?,
        referrer_policy: string(&value, "referrerPolicy")?,
    };
    if let Some(policy) = options
        .referrer_policy
        .as_deref()
        .filter(|p| !article_widget::REFERRER_POLICIES.contains(p))
    {
        return Err(options_error(
            String::from("referrerPolicy ")
                + &quote(policy)
                + " is not accepted; give "
                + &article_widget::REFERRER_POLICIES.join(", "),
        ));
    }
    if let Some(script) = &options.script {
        if ScriptDefault::parse(script).is_none() {
            return Err(options_error(
                String::from("script ")
                    + &quote(script)
                    + " is not known; give "
                    + ScriptDefault::SPELLINGS,
            ));
        }
    }
    if let Some(ms) = options.timeout_ms {
        if ms == 0 || ms > 600_000 {
            return Err(options_error(
                String::from("timeoutMs ")
                    + &ms.to_string()
                    + " is out of range; give 1 to 600000 milliseconds",
            ));
        }
    }
    if options.excerpt == Some(0) {
        return Err(options_error(
            "excerpt must be at least 1 (the number of paragraphs to show)",
        ));
    }
    if options.max_bytes == Some(0) {
        return Err(options_error("maxBytes must be at least 1"));
    }
    for (name, tag) in [("locale", &options.locale), ("uiLang", &options.ui_lang)] {
        if let Some(tag) = tag
            .as_deref()
            .filter(|t| !article_model::is_language_tag(t))
        {
            return Err(options_error(
                String::from(name)
                    + " "
                    + &quote(tag)
                    + " is not a BCP 47 language tag such as zh-Hant",
            ));
        }
    }
    Ok(options)
}
