//! Formats publication times for the reader, in the article's own UTC offset.
//!
//! In the browser this goes through `Intl.DateTimeFormat`. Elsewhere (server-side rendering:
//! the syndication snippet, native tests) Chinese and English get the same wording Intl gives
//! them (`2025年12月29日 18:35:44`, `December 29, 2025 at 18:35:44` in en and en-US), so a snapshot and the live
//! widget that replaces it read alike; other languages get the publisher's wall-clock form
//! `2025-12-29 18:35:44`. Either way the offset is printed (`UTC+8`), since the reader may live
//! in another zone.

use article_model::DateTime;

/// The human-readable text for `time`, e.g. `2025年12月29日 18:35:44 (UTC+8)`.
pub fn display(time: &DateTime, locale: &str) -> String {
    let wall = intl_format(time, locale, true).unwrap_or_else(|| native(time, locale, true));
    format!("{wall} ({})", time.offset_label())
}

/// The calendar date alone, in the article's offset: `2025年12月29日`, `December 29, 2025`.
pub fn display_date(time: &DateTime, locale: &str) -> String {
    intl_format(time, locale, false).unwrap_or_else(|| native(time, locale, false))
}

#[cfg(not(target_arch = "wasm32"))]
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// In the browser Intl answers; should it fail, the ISO wall clock is enough (and keeps the
/// widget's module small).
#[cfg(target_arch = "wasm32")]
fn native(t: &DateTime, _locale: &str, with_time: bool) -> String {
    if with_time {
        t.wall_clock()
    } else {
        format!("{:04}-{:02}-{:02}", t.year, t.month, t.day)
    }
}

/// The native rendering: Intl's wording for `zh*` and `en*`, the ISO wall clock otherwise.
#[cfg(not(target_arch = "wasm32"))]
fn native(t: &DateTime, locale: &str, with_time: bool) -> String {
    let lower = locale.to_ascii_lowercase().replace('_', "-");
    // English word order differs by region (en-GB writes 29 December 2025): only en and
    // en-US get Intl's wording, other regions the ISO form.
    let primary = match lower.split('-').next().unwrap_or("") {
        "en" if lower != "en" && !lower.starts_with("en-us") => "",
        p => p,
    };
    let clock = format!("{:02}:{:02}:{:02}", t.hour, t.minute, t.second);
    let month = usize::from(t.month.clamp(1, 12) - 1);
    let date = match primary {
        "zh" => format!("{}年{}月{}日", t.year, t.month, t.day),
        "en" => format!("{} {}, {}", MONTHS[month], t.day, t.year),
        _ if with_time => return t.wall_clock(),
        _ => return format!("{:04}-{:02}-{:02}", t.year, t.month, t.day),
    };
    match (with_time, primary) {
        (false, _) => date,
        (true, "en") => format!("{date} at {clock}"),
        (true, _) => format!("{date} {clock}"),
    }
}

#[cfg(target_arch = "wasm32")]
fn intl_format(time: &DateTime, locale: &str, with_time: bool) -> Option<String> {
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
    let date_fields = [("year", "numeric"), ("month", "long"), ("day", "numeric")];
    let time_fields = [
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("second", "2-digit"),
        ("hourCycle", "h23"),
    ];
    // The instant is shifted by the article's offset and shown as UTC, which gives the
    // wall-clock time at the publisher whatever the reader's own zone is.
    let fields = date_fields
        .iter()
        .chain(time_fields.iter().filter(|_| with_time))
        .chain(&[("timeZone", "UTC")]);
    for (k, v) in fields {
        js_sys::Reflect::set(&options, &(*k).into(), &(*v).into()).ok()?;
    }
    let formatter = Dtf::new(locale, &options)
        .or_else(|_| Dtf::new("en", &options))
        .ok()?;
    let shifted = time.unix_millis() + i64::from(time.offset_minutes) * 60_000;
    let date = js_sys::Date::new(&JsValue::from_f64(shifted as f64));
    formatter.format(&date).ok()
}

#[cfg(not(target_arch = "wasm32"))]
fn intl_format(_time: &DateTime, _locale: &str, _with_time: bool) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_wording_follows_intl_for_chinese_and_english() {
        let t = DateTime::parse("2025-12-29T18:35:44+08:00").unwrap();
        assert_eq!(display(&t, "zh-Hant"), "2025年12月29日 18:35:44 (UTC+8)");
        assert_eq!(display(&t, "zh-Hans-CN"), "2025年12月29日 18:35:44 (UTC+8)");
        assert_eq!(display(&t, "en"), "December 29, 2025 at 18:35:44 (UTC+8)");
        assert_eq!(display_date(&t, "zh-Hant"), "2025年12月29日");
        assert_eq!(display_date(&t, "en-US"), "December 29, 2025");
        assert_eq!(display_date(&t, "en-GB"), "2025-12-29");
        let t = DateTime::parse("2024-03-05T07:08:09-05:00").unwrap();
        assert_eq!(display(&t, "zh"), "2024年3月5日 07:08:09 (UTC-5)");
        assert_eq!(display_date(&t, "en"), "March 5, 2024");
    }

    #[test]
    fn other_languages_keep_the_publisher_wall_clock() {
        let t = DateTime::parse("2025-12-29T18:35:44+08:00").unwrap();
        assert_eq!(display(&t, "fr"), "2025-12-29 18:35:44 (UTC+8)");
        assert_eq!(display_date(&t, "ja"), "2025-12-29");
    }
}
