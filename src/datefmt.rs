//! Formats publication times for the reader, in the article's own UTC offset.
//!
//! In the browser this goes through `Intl.DateTimeFormat`; elsewhere (server-side rendering,
//! native tests) it falls back to the publisher's wall-clock form `2025-12-29 18:35:44`.
//! Either way the offset is printed (`UTC+8`), since the reader may live in another zone.

use article_model::DateTime;

/// The human-readable text for `time`, e.g. `2025年12月29日 18:35:44 (UTC+8)`.
pub fn display(time: &DateTime, locale: &str) -> String {
    let wall = intl_wall_clock(time, locale).unwrap_or_else(|| time.wall_clock());
    format!("{wall} ({})", time.offset_label())
}

#[cfg(target_arch = "wasm32")]
fn intl_wall_clock(time: &DateTime, locale: &str) -> Option<String> {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
        type Dtf;
        #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "DateTimeFormat")]
        fn new(locale: &str, options: &JsValue) -> Result<Dtf, JsValue>;
        #[wasm_bindgen(method, catch)]
        fn format(this: &Dtf, date: &js_sys::Date) -> Result<String, JsValue>;
    }

    let options = js_sys::Object::new();
    for (k, v) in [
        ("year", "numeric"),
        ("month", "long"),
        ("day", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("second", "2-digit"),
        ("hourCycle", "h23"),
        // The instant is shifted by the article's offset and shown as UTC, which gives the
        // wall-clock time at the publisher whatever the reader's own zone is.
        ("timeZone", "UTC"),
    ] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).ok()?;
    }
    let formatter = Dtf::new(locale, &options)
        .or_else(|_| Dtf::new("en", &options))
        .ok()?;
    let shifted = time.unix_millis() + i64::from(time.offset_minutes) * 60_000;
    let date = js_sys::Date::new(&JsValue::from_f64(shifted as f64));
    formatter.format(&date).ok()
}

#[cfg(not(target_arch = "wasm32"))]
fn intl_wall_clock(_time: &DateTime, _locale: &str) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_fallback_keeps_publisher_wall_clock() {
        let t = DateTime::parse("2025-12-29T18:35:44+08:00").unwrap();
        assert_eq!(display(&t, "zh-Hant"), "2025-12-29 18:35:44 (UTC+8)");
    }
}
