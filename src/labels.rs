//! The widget's own words, per language. Pure data: no web types, testable natively.
//!
//! The article's language picks the table (so a Traditional Chinese article is labelled in
//! Traditional Chinese); the host page's language is used for states without an article
//! (loading, errors). Publisher-supplied labels, such as an editor's `label`, always win.

/// Defines [`Labels`] and [`Labels::entries`] from one list of keys, so the tests can walk
/// every key of every table (a table without a key does not compile; an empty string or a
/// placeholder missing in one language fails `tables_have_the_same_keys_and_placeholders`).
macro_rules! labels {
    ($($(#[$doc:meta])* $key:ident,)*) => {
        /// All user-visible strings of one language.
        #[derive(Debug, PartialEq, Eq)]
        pub struct Labels {
            /// The table's BCP 47 tag (`zh-Hant`, `zh-Hans`, `en`), for `lang` attributes.
            pub lang: &'static str,
            $($(#[$doc])* pub $key: &'static str,)*
        }

        impl Labels {
            /// Every string of the table, with its key.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key),)*]
            }
        }
    };
}

labels! {
    source,
    editor,
    responsible_editor,
    other_editor,
    sections,
    copyright_fallback_title,
    loading,
    error_title,
    retry,
    /// Separator printed between a label and its value (`來源: 國際在線`).
    colon,
    /// Accessible name of the script control (文字 / Script).
    script_control,
    /// Shown when a conversion dictionary could not be loaded; the text stays as it was.
    script_failed,
    /// Announced while a conversion dictionary loads (followed by a percentage when known).
    script_loading,
    // Attribution and syndication.
    /// Label of the modification time (`更新於 2025年12月30日 09:10`).
    modified,
    /// Heading of the article's corrections.
    corrections,
    /// Label of the credited authors, shown when the byline does not already name them.
    authors,
    /// Separator between names in a list (`王小軍、李四`).
    list_separator,
    /// The credit line: `{source}` becomes the source (linked), `{date}` the publication date
    /// (the source first).
    originally,
    /// Accessible name of the attribution block.
    attribution,
    /// Label of the copyright holder.
    copyright_holder,
    /// Text of the license link.
    license,
    /// The link under an excerpt to the whole article at the source.
    continue_reading,
    /// Error messages shown (localized); `{ms}`, `{status}` and `{limit}` are filled in. The
    /// English developer detail goes to the `article-widget:error` event and the console.
    error_options,
    error_network,
    error_timeout,
    error_http,
    error_too_large,
    error_not_text,
    error_invalid,
    error_cancelled,
    /// Title of the box the loader draws in a widget's place once the module has crashed (a
    /// trap); the module builds the box beforehand (the embed's `stoppedView`).
    stopped,
    /// That box's button, which starts a fresh module.
    reload,
}

pub const ZH_HANT: Labels = Labels {
    lang: "zh-Hant",
    source: "來源",
    editor: "編輯",
    responsible_editor: "責編",
    other_editor: "編輯",
    sections: "欄目",
    copyright_fallback_title: "版權聲明",
    loading: "正在載入文章…",
    error_title: "無法載入文章",
    retry: "重試",
    colon: ": ",
    script_control: "文字",
    script_failed: "無法載入轉換字表，文字保持不變。請再選一次以重試。",
    script_loading: "正在載入字表",
    modified: "更新於",
    corrections: "更正",
    authors: "作者",
    list_separator: "、",
    originally: "原載於 {source}, {date}",
    attribution: "出處",
    copyright_holder: "版權所有",
    license: "授權條款",
    continue_reading: "到原網站繼續閱讀全文",
    error_options: "嵌入選項有誤。",
    error_network: "網路錯誤，無法連線到文章的伺服器。",
    error_timeout: "{ms} 毫秒內沒有回應。",
    error_http: "伺服器回應 HTTP {status}。",
    error_too_large: "文章超過 {limit} 位元組的上限。",
    error_not_text: "回應不是 UTF-8 文字。",
    error_invalid: "文章文件格式不正確。",
    error_cancelled: "已取消載入。",
    stopped: "文章小工具已停止運作",
    reload: "重新載入",
};

pub const ZH_HANS: Labels = Labels {
    lang: "zh-Hans",
    source: "来源",
    editor: "编辑",
    responsible_editor: "责编",
    other_editor: "编辑",
    sections: "栏目",
    copyright_fallback_title: "版权声明",
    loading: "正在加载文章…",
    error_title: "无法加载文章",
    retry: "重试",
    colon: ": ",
    script_control: "文字",
    script_failed: "无法加载转换字表，文字保持不变。请再选一次以重试。",
    script_loading: "正在加载字表",
    modified: "更新于",
    corrections: "更正",
    authors: "作者",
    list_separator: "、",
    originally: "原载于 {source}, {date}",
    attribution: "出处",
    copyright_holder: "版权所有",
    license: "授权条款",
    continue_reading: "到原网站继续阅读全文",
    error_options: "嵌入选项有误。",
    error_network: "网络错误，无法连接到文章的服务器。",
    error_timeout: "{ms} 毫秒内没有响应。",
    error_http: "服务器响应 HTTP {status}。",
    error_too_large: "文章超过 {limit} 字节的上限。",
    error_not_text: "响应不是 UTF-8 文本。",
    error_invalid: "文章文件格式不正确。",
    error_cancelled: "已取消加载。",
    stopped: "文章小组件已停止运行",
    reload: "重新加载",
};

pub const EN: Labels = Labels {
    lang: "en",
    source: "Source",
    editor: "Editor",
    responsible_editor: "Responsible editor",
    other_editor: "Editor",
    sections: "Sections",
    copyright_fallback_title: "Copyright notice",
    loading: "Loading article…",
    error_title: "The article could not be loaded",
    retry: "Retry",
    colon: ": ",
    script_control: "Script",
    script_failed: "The conversion dictionary could not be loaded; the text is unchanged. Choose the option again to retry.",
    script_loading: "Loading dictionary",
    modified: "Updated",
    corrections: "Corrections",
    authors: "Authors",
    list_separator: ", ",
    originally: "Originally published by {source} on {date}",
    attribution: "Attribution",
    copyright_holder: "Copyright",
    license: "License",
    continue_reading: "Continue reading at the source",
    error_options: "The widget's options are invalid.",
    error_network: "Network error: the article's server could not be reached.",
    error_timeout: "No response within {ms} ms.",
    error_http: "The server answered HTTP {status}.",
    error_too_large: "The article is larger than the limit of {limit} bytes.",
    error_not_text: "The response is not UTF-8 text.",
    error_invalid: "The article document is not valid.",
    error_cancelled: "The load was cancelled.",
    stopped: "The article widget stopped working",
    reload: "Reload",
};

/// Picks the table for a BCP 47 tag. Chinese without a script subtag follows CLDR's likely
/// scripts: Traditional in Taiwan, Hong Kong and Macau, Simplified elsewhere, so plain `zh`
/// means Simplified; Cantonese (`yue`) is Traditional unless tagged Simplified.
pub fn for_language(tag: &str) -> &'static Labels {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    let primary = parts.next();
    let rest: Vec<&str> = parts.collect();
    let traditional_region = rest.iter().any(|p| matches!(*p, "tw" | "hk" | "mo"));
    match primary {
        Some("zh" | "cmn" | "yue") if rest.contains(&"hans") => &ZH_HANS,
        Some("zh" | "cmn" | "yue") if rest.contains(&"hant") => &ZH_HANT,
        Some("yue") => &ZH_HANT,
        Some("zh" | "cmn") if traditional_region => &ZH_HANT,
        Some("zh" | "cmn") => &ZH_HANS,
        _ => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_tables() {
        assert_eq!(for_language("zh-Hant").lang, "zh-Hant");
        assert_eq!(for_language("zh-TW").lang, "zh-Hant");
        assert_eq!(for_language("zh-HK").lang, "zh-Hant");
        assert_eq!(for_language("zh-CN").lang, "zh-Hans");
        assert_eq!(for_language("zh-Hans-HK").lang, "zh-Hans");
        assert_eq!(for_language("zh_sg").lang, "zh-Hans");
        assert_eq!(for_language("en-GB").lang, "en");
        assert_eq!(for_language("").lang, "en");
        assert_eq!(for_language("fr").lang, "en");
        // CLDR: plain zh is Simplified; Macau is Traditional; yue is Traditional.
        assert_eq!(for_language("zh").lang, "zh-Hans");
        assert_eq!(for_language("zh-MO").lang, "zh-Hant");
        assert_eq!(for_language("zh-US").lang, "zh-Hans");
        assert_eq!(for_language("yue").lang, "zh-Hant");
        assert_eq!(for_language("cmn-Hant-TW").lang, "zh-Hant");
        // The script subtag wins over the region (the loader's crash box once said otherwise).
        assert_eq!(for_language("zh-Hans-TW").lang, "zh-Hans");
        assert_eq!(for_language("yue-HK").lang, "zh-Hant");
        assert_eq!(for_language("yue-Hans").lang, "zh-Hans");
    }

    /// `{name}` placeholders of a string, sorted.
    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn tables_have_the_same_keys_and_placeholders() {
        let tables = [&ZH_HANT, &ZH_HANS, &EN];
        let keys: Vec<Vec<&str>> = tables
            .iter()
            .map(|t| t.entries().into_iter().map(|(k, _)| k).collect())
            .collect();
        assert!(
            keys.iter().all(|k| *k == keys[0]),
            "every table has every key"
        );
        for key in [
            "loading",
            "retry",
            "script_control",
            "originally",
            "error_timeout",
        ] {
            assert!(keys[0].contains(&key), "entries() lists {key}");
        }
        for (i, (key, reference)) in EN.entries().into_iter().enumerate() {
            for t in tables {
                let (k, value) = t.entries()[i];
                assert_eq!(k, key);
                assert!(!value.trim().is_empty(), "{}: {key} is empty", t.lang);
                assert_eq!(
                    placeholders(value),
                    placeholders(reference),
                    "{}: {key} has other placeholders than en",
                    t.lang
                );
            }
        }
        // The placeholder check itself can fail.
        assert_ne!(placeholders("{ms} ms"), placeholders("{limit}"));
    }

    #[test]
    fn credit_templates_name_the_source_and_the_date_once() {
        for l in [&ZH_HANT, &ZH_HANS, &EN] {
            for slot in ["{source}", "{date}"] {
                assert_eq!(l.originally.matches(slot).count(), 1, "{} {slot}", l.lang);
            }
            // view::fill expects the source first.
            assert!(l.originally.find("{source}") < l.originally.find("{date}"));
        }
    }
}
