//! Formats publication times for the reader, in the article's own UTC offset.
//!
//! In the browser this goes through `Intl.DateTimeFormat`. Elsewhere (server-side rendering:
//! the syndication snippet, native tests) Chinese and English get the same wording Intl gives
//! them (`2025年12月29日 18:35:44`, `December 29, 2025 at 18:35:44` in en and en-US), so a
//! snapshot and the live widget that replaces it read alike; other languages get the
//! publisher's wall-clock form `2025-12-29 18:35:44`. Either way the offset is printed
//! (`UTC+8`), since the reader may live in another zone. (`crate::platform` has both sides.)

use article_model::DateTime;

use crate::platform;

/// The human-readable text for `time`, e.g. `2025年12月29日 18:35:44 (UTC+8)`.
pub fn display(time: &DateTime, locale: &str) -> String {
    let wall = platform::format_date(time, locale, true);
    format!("{wall} ({})", time.offset_label())
}

/// The calendar date alone, in the article's offset: `2025年12月29日`, `December 29, 2025`.
pub fn display_date(time: &DateTime, locale: &str) -> String {
    platform::format_date(time, locale, false)
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
