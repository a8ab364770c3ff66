//! The widget's own words, per language. Pure data: no web types, testable natively.
//!
//! The article's language picks the table (so a Traditional Chinese article is labelled in
//! Traditional Chinese); the host page's language is used for states without an article
//! (loading, errors). Publisher-supplied labels, such as an editor's `label`, always win.

/// All user-visible strings of one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Labels {
    pub lang: &'static str,
    pub source: &'static str,
    pub editor: &'static str,
    pub responsible_editor: &'static str,
    pub other_editor: &'static str,
    pub sections: &'static str,
    pub copyright_fallback_title: &'static str,
    pub loading: &'static str,
    pub error_title: &'static str,
    pub retry: &'static str,
    /// Separator printed between a label and its value (`來源: 國際在線`).
    pub colon: &'static str,
    /// Accessible name of the script control (文字 / Script).
    pub script_control: &'static str,
    /// Shown when a conversion dictionary could not be loaded; the text stays as it was.
    pub script_failed: &'static str,
    /// Announced while a conversion dictionary loads (followed by a percentage when known).
    pub script_loading: &'static str,
    // Attribution and syndication (issue 7).
    /// Label of the modification time.
    pub modified: &'static str,
    /// Label of the credited authors, shown when the byline does not already name them.
    pub authors: &'static str,
    /// Separator between names in a list (`王小軍、李四`).
    pub list_separator: &'static str,
    /// The credit line: `{source}` becomes the source (linked), `{date}` the publication date
    /// (the source first).
    pub originally: &'static str,
    /// Accessible name of the attribution block.
    pub attribution: &'static str,
    /// Label of the copyright holder.
    pub copyright_holder: &'static str,
    /// Text of the license link.
    pub license: &'static str,
    /// The link under an excerpt to the whole article at the source.
    pub continue_reading: &'static str,
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
    modified: "更新",
    authors: "作者",
    list_separator: "、",
    originally: "原載於 {source}, {date}",
    attribution: "出處",
    copyright_holder: "版權所有",
    license: "授權條款",
    continue_reading: "到原網站繼續閱讀全文",
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
    modified: "更新",
    authors: "作者",
    list_separator: "、",
    originally: "原载于 {source}, {date}",
    attribution: "出处",
    copyright_holder: "版权所有",
    license: "授权条款",
    continue_reading: "到原网站继续阅读全文",
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
    authors: "Authors",
    list_separator: ", ",
    originally: "Originally published by {source} on {date}",
    attribution: "Attribution",
    copyright_holder: "Copyright",
    license: "License",
    continue_reading: "Continue reading at the source",
};

/// Picks the table for a BCP 47 tag. Chinese without a script subtag follows the region:
/// mainland China, Singapore and Malaysia write Simplified; elsewhere Traditional.
pub fn for_language(tag: &str) -> &'static Labels {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    match parts.next() {
        Some("zh" | "yue" | "cmn") => {
            let rest: Vec<&str> = parts.collect();
            if rest.contains(&"hans") {
                &ZH_HANS
            } else if rest.contains(&"hant") {
                &ZH_HANT
            } else if rest.iter().any(|p| matches!(*p, "cn" | "sg" | "my")) {
                &ZH_HANS
            } else {
                &ZH_HANT
            }
        }
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
