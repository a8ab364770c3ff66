//! Which script the reader sees, and how an article is converted into it. Pure logic: no web
//! types, so it runs natively (tests, the CLI's `snippet` and `convert-article`), in the
//! widget's module (options, plans, overrides) and in its lazily loaded engine module (the
//! conversion itself) alike.
//!
//! * [`Script`] is one option of the widget's script control (原文 · 简体 · 繁體 · 臺灣 · 香港).
//! * [`SourceScript`] is what the article's `inLanguage` says its text is written in.
//! * [`plan`] maps (source, target) to the OpenCC configs to run, in order (the mapping table
//!   in docs/SCRIPTS.md is generated from it and checked by a test).
//! * [`convert_article`] converts every visible text of an article ([`units`]) with those converters,
//!   applying the publisher's overrides (`conversion` in the article) and, when asked, the
//!   quote-mark style of the target ([`quote_marks`]).

use article_model::{Article, Conversion};
use script_convert::Converter;

pub mod slice;
pub mod units;

pub use units::{visible_pieces, with_visible_pieces};

/// One option of the script control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    /// As published: no conversion.
    Original,
    /// Simplified Chinese (mainland).
    Hans,
    /// Traditional Chinese (OpenCC standard forms).
    Hant,
    /// Traditional Chinese, Taiwan forms and vocabulary.
    HantTw,
    /// Traditional Chinese, Hong Kong forms.
    HantHk,
}

impl Script {
    /// Every option, in the order the control shows them.
    pub const ALL: [Script; 5] = [
        Script::Original,
        Script::Hans,
        Script::Hant,
        Script::HantTw,
        Script::HantHk,
    ];

    /// Parses the attribute and API spelling (`original`, `hans`, `hant`, `hant-tw`, `hant-hk`).
    pub fn parse(s: &str) -> Option<Script> {
        Script::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The attribute and API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Original => "original",
            Script::Hans => "hans",
            Script::Hant => "hant",
            Script::HantTw => "hant-tw",
            Script::HantHk => "hant-hk",
        }
    }

    /// The option's label; the same in every interface language, as on Chinese sites.
    pub fn label(self) -> &'static str {
        match self {
            Script::Original => "原文",
            Script::Hans => "简体",
            Script::Hant => "繁體",
            Script::HantTw => "臺灣",
            Script::HantHk => "香港",
        }
    }

    /// The language of the label itself (so screen readers pronounce it right).
    pub fn label_lang(self) -> &'static str {
        match self {
            Script::Hans => "zh-Hans",
            _ => "zh-Hant",
        }
    }

    /// The BCP 47 tag of text converted into this script (`None` for the original).
    pub fn lang_tag(self) -> Option<&'static str> {
        match self {
            Script::Original => None,
            Script::Hans => Some("zh-Hans"),
            Script::Hant => Some("zh-Hant"),
            Script::HantTw => Some("zh-Hant-TW"),
            Script::HantHk => Some("zh-Hant-HK"),
        }
    }

    /// The target key of the article's conversion overrides (`conversion.terms[].hans`, …).
    pub fn override_key(self) -> Option<&'static str> {
        match self {
            Script::Original => None,
            other => Some(other.as_str()),
        }
    }

    /// Whether text in this script is Traditional Chinese.
    pub fn is_traditional(self) -> bool {
        matches!(self, Script::Hant | Script::HantTw | Script::HantHk)
    }
}

/// The default script of a widget: a fixed option, or `auto` (from the reader's languages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptDefault {
    Fixed(Script),
    Auto,
}

impl ScriptDefault {
    /// Every accepted spelling, for error messages.
    pub const SPELLINGS: &'static str = "original, hans, hant, hant-tw, hant-hk or auto";

    /// Parses `original`, `hans`, `hant`, `hant-tw`, `hant-hk` or `auto`.
    pub fn parse(s: &str) -> Option<ScriptDefault> {
        match s {
            "auto" => Some(ScriptDefault::Auto),
            other => Script::parse(other).map(ScriptDefault::Fixed),
        }
    }

    /// Resolves `auto` against the reader's preferred languages (`navigator.languages`).
    pub fn resolve(self, languages: &[String]) -> Script {
        match self {
            ScriptDefault::Fixed(s) => s,
            ScriptDefault::Auto => auto_script(languages),
        }
    }
}

/// The script for a reader whose browser prefers `languages`, first match wins:
/// zh-CN, zh-SG, zh-MY and zh-Hans → 简体; zh-TW → 臺灣; zh-HK, zh-MO → 香港; other Chinese
/// with Traditional script → 繁體. A language that is not Chinese ends the search at
/// 原文 only when no Chinese one follows, so `["en", "zh-TW"]` gives 臺灣.
pub fn auto_script(languages: &[String]) -> Script {
    languages
        .iter()
        .find_map(|l| match source_script(l)? {
            SourceScript::Hans => Some(Script::Hans),
            SourceScript::Hant => Some(Script::Hant),
            SourceScript::HantTw => Some(Script::HantTw),
            SourceScript::HantHk => Some(Script::HantHk),
        })
        .unwrap_or(Script::Original)
}

/// The script an article's text is written in, from its language tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceScript {
    Hans,
    Hant,
    HantTw,
    HantHk,
}

impl SourceScript {
    /// Every source script, in the order of the table in docs/SCRIPTS.md.
    pub const ALL: [SourceScript; 4] = [
        SourceScript::Hans,
        SourceScript::Hant,
        SourceScript::HantTw,
        SourceScript::HantHk,
    ];

    /// A representative language tag of this source.
    pub fn tag(self) -> &'static str {
        match self {
            SourceScript::Hans => "zh-Hans",
            SourceScript::Hant => "zh-Hant",
            SourceScript::HantTw => "zh-Hant-TW",
            SourceScript::HantHk => "zh-Hant-HK",
        }
    }

    /// The target that needs no conversion from this source.
    pub fn native(self) -> Script {
        match self {
            SourceScript::Hans => Script::Hans,
            SourceScript::Hant => Script::Hant,
            SourceScript::HantTw => Script::HantTw,
            SourceScript::HantHk => Script::HantHk,
        }
    }
}

/// What script a BCP 47 tag's Chinese text is in; `None` when it is not Chinese. Plain `zh`
/// and unknown regions mean Simplified (as in CLDR); a Traditional script subtag or the
/// regions TW, HK and MO mean Traditional.
pub fn source_script(tag: &str) -> Option<SourceScript> {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    if !matches!(parts.next(), Some("zh" | "cmn" | "yue")) {
        return None;
    }
    let rest: Vec<&str> = parts.collect();
    let region_tw = rest.contains(&"tw");
    let region_hk = rest.iter().any(|p| matches!(*p, "hk" | "mo"));
    let script = if rest.contains(&"hans") {
        "hans"
    } else if rest.contains(&"hant") || region_tw || region_hk || lower.starts_with("yue") {
        "hant"
    } else {
        "hans"
    };
    Some(match (script, region_tw, region_hk) {
        ("hans", _, _) => SourceScript::Hans,
        (_, true, _) => SourceScript::HantTw,
        (_, _, true) => SourceScript::HantHk,
        _ => SourceScript::Hant,
    })
}

/// The OpenCC configs that turn `source` text into `target`, run in order. Empty when the
/// text is shown as published.
pub fn plan(source: SourceScript, target: Script) -> &'static [&'static str] {
    use Script as T;
    use SourceScript as S;
    match (source, target) {
        (_, T::Original) => &[],
        (S::Hans, T::Hans) | (S::Hant, T::Hant) => &[],
        (S::HantTw, T::HantTw) | (S::HantHk, T::HantHk) => &[],
        (S::Hans, T::Hant) => &["s2t"],
        (S::Hans, T::HantTw) => &["s2twp"],
        (S::Hans, T::HantHk) => &["s2hkp"],
        (S::Hant, T::Hans) => &["t2s"],
        (S::Hant, T::HantTw) => &["t2tw"],
        (S::Hant, T::HantHk) => &["t2hk"],
        (S::HantTw, T::Hans) => &["tw2sp"],
        (S::HantTw, T::Hant) => &["tw2t"],
        (S::HantTw, T::HantHk) => &["tw2t", "t2hk"],
        (S::HantHk, T::Hans) => &["hk2sp"],
        (S::HantHk, T::Hant) => &["hk2t"],
        (S::HantHk, T::HantTw) => &["hk2t", "t2tw"],
    }
}

/// The plan for an article: `None` when its language is not Chinese (no control is shown).
pub fn plan_for(article: &Article, target: Script) -> Option<&'static [&'static str]> {
    source_script(&article.in_language).map(|s| plan(s, target))
}

/// The configs joined as the API reports them (`"tw2t+t2hk"`), `None` for no conversion.
pub fn config_label(configs: &[&str]) -> Option<String> {
    (!configs.is_empty()).then(|| configs.join("+"))
}

/// The `lang` of the text shown for `target`: the article's own tag when nothing is
/// converted, else the target's.
pub fn shown_lang(article: &Article, target: Script) -> String {
    match plan_for(article, target) {
        Some(p) if !p.is_empty() => target.lang_tag().unwrap_or_default().to_owned(),
        _ => article.in_language.clone(),
    }
}

/// Options for [`convert_article`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConvertOptions {
    /// Use the target's quote marks: 「」『』 for Traditional, “”‘’ for Simplified.
    pub quote_marks: bool,
}

/// The publisher's overrides that apply to one target, as (term, replacement) pairs.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pairs: Vec<(String, String)>,
    /// Built on the first [`Overrides::apply`]: the widget's module only reads the pairs (and
    /// hands them to the engine), so it neither builds nor links the automaton.
    matcher: std::cell::OnceCell<Matcher>,
}

/// Overrides are equal when their pairs are (the matcher is derived from them).
impl PartialEq for Overrides {
    fn eq(&self, other: &Self) -> bool {
        self.pairs == other.pairs
    }
}

impl Eq for Overrides {}

impl Overrides {
    /// The overrides of `conversion` for `target`: `keep` terms map to themselves, `terms`
    /// to their form for the target (terms without one are left to OpenCC). The first entry
    /// for a term wins, `keep` first.
    pub fn for_target(conversion: Option<&Conversion>, target: Script) -> Overrides {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let (Some(c), Some(key)) = (conversion, target.override_key()) else {
            return Overrides::from_pairs(pairs);
        };
        let keep = c.keep.iter().map(|k| (k.as_str(), k.as_str()));
        let fixed = c
            .terms
            .iter()
            .filter_map(|t| Some((t.term.as_str(), t.form_for(key)?)));
        // At most `MAX_CONVERSION_TERMS` entries: the quadratic check costs little.
        for (term, form) in keep.chain(fixed) {
            if !term.is_empty() && !pairs.iter().any(|(t, _)| t == term) {
                pairs.push((term.to_owned(), form.to_owned()));
            }
        }
        Overrides::from_pairs(pairs)
    }

    /// The (term, replacement) pairs, in priority order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Overrides from (term, replacement) pairs (as [`Overrides::pairs`] gives them).
    /// When a term is listed twice, the last pair wins; empty terms match nothing.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Overrides {
        Overrides {
            pairs,
            matcher: std::cell::OnceCell::new(),
        }
    }

    /// Whether there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Splits `text` at the leftmost-longest occurrences of the terms: the pieces between
    /// them go through `convert`, the terms are replaced by their fixed forms.
    pub fn apply(&self, text: &str, convert: impl FnMut(&str, &mut String)) -> String {
        self.apply_counted(text, convert, &mut 0)
    }

    /// [`Overrides::apply`], adding to `steps` the work it did (for the complexity tests).
    #[doc(hidden)]
    pub fn apply_counted(
        &self,
        text: &str,
        mut convert: impl FnMut(&str, &mut String),
        steps: &mut u64,
    ) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        if self.is_empty() {
            convert(text, &mut out);
            return out;
        }
        let matcher = self.matcher.get_or_init(|| Matcher::new(&self.pairs));
        let longest = matcher.longest_starting_at(text.as_bytes(), steps);
        let mut start = 0;
        let mut i = 0;
        while i < text.len() {
            *steps += 1;
            if let Some((term, form)) = self.pairs.get(longest[i] as usize) {
                if start < i {
                    convert(&text[start..i], &mut out);
                }
                out.push_str(form);
                i += term.len();
                start = i;
            } else {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        if start < text.len() {
            convert(&text[start..], &mut out);
        }
        out
    }
}

/// No pair: the `out` of a node that no term ends at.
const NONE: u32 = u32::MAX;

/// An Aho-Corasick automaton over the reversed terms, which finds in one pass over a text, read
/// backwards, the longest term that starts at each of its positions: O(text + terms), however
/// long the terms are and however much they share with the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Matcher {
    /// The trie of the reversed terms; node 0 is the root (no node at all: no terms).
    nodes: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Node {
    /// The children, sorted by byte.
    next: Vec<(u8, u32)>,
    /// The node of the longest proper suffix of this node's string that is in the trie.
    fail: u32,
    /// The pair of the longest term that is a suffix of this node's string, or [`NONE`].
    out: u32,
}

impl Node {
    fn new() -> Node {
        Node {
            next: Vec::new(),
            fail: 0,
            out: NONE,
        }
    }
}

impl Matcher {
    fn new(pairs: &[(String, String)]) -> Matcher {
        let mut nodes = vec![Node::new()];
        for (k, (term, _)) in pairs.iter().enumerate() {
            if term.is_empty() {
                continue;
            }
            let mut n = 0;
            for &b in term.as_bytes().iter().rev() {
                n = match nodes[n].next.binary_search_by_key(&b, |&(c, _)| c) {
                    Ok(at) => nodes[n].next[at].1 as usize,
                    Err(at) => {
                        nodes.push(Node::new());
                        let child = nodes.len() - 1;
                        nodes[n].next.insert(at, (b, child as u32));
                        child
                    }
                };
            }
            // The last pair of a term wins (as it did when the longest was picked by `max_by_key`).
            nodes[n].out = k as u32;
        }
        // Failure links, breadth first, so that a node's `fail` and its `out` are final
        // before its children's are computed.
        let mut queue = std::collections::VecDeque::from([0usize]);
        while let Some(n) = queue.pop_front() {
            for at in 0..nodes[n].next.len() {
                let (b, child) = nodes[n].next[at];
                let child = child as usize;
                let fail = if n == 0 {
                    0
                } else {
                    let mut f = nodes[n].fail as usize;
                    loop {
                        if let Some(c) = Matcher::step(&nodes, f, b) {
                            break c;
                        }
                        if f == 0 {
                            break 0;
                        }
                        f = nodes[f].fail as usize;
                    }
                };
                nodes[child].fail = fail as u32;
                if nodes[child].out == NONE {
                    nodes[child].out = nodes[fail].out;
                }
                queue.push_back(child);
            }
        }
        Matcher { nodes }
    }

    fn step(nodes: &[Node], n: usize, b: u8) -> Option<usize> {
        let next = &nodes[n].next;
        next.binary_search_by_key(&b, |&(c, _)| c)
            .ok()
            .map(|at| next[at].1 as usize)
    }

    /// For each byte position of `text`, the pair of the longest term that starts there, or
    /// [`NONE`]. Reading `text` backwards, the automaton's state after byte `j` is the longest
    /// reversed prefix of the terms that `text[j..]` starts with, and its `out` the longest
    /// term among its prefixes. Each byte moves one level down the trie at most, and each
    /// failure link one level up, so the pass takes O(text) steps.
    fn longest_starting_at(&self, text: &[u8], steps: &mut u64) -> Vec<u32> {
        let mut longest = vec![NONE; text.len()];
        if self.nodes.is_empty() {
            return longest;
        }
        let mut n = 0;
        for (j, &b) in text.iter().enumerate().rev() {
            loop {
                *steps += 1;
                if let Some(c) = Matcher::step(&self.nodes, n, b) {
                    n = c;
                    break;
                }
                if n == 0 {
                    break;
                }
                n = self.nodes[n].fail as usize;
            }
            longest[j] = self.nodes[n].out;
        }
        longest
    }
}

/// Converts one string: overrides first, `convert` (the OpenCC configs in order) on the
/// pieces between them, then the quote marks when asked.
pub fn convert_text_with(
    text: &str,
    overrides: &Overrides,
    target: Script,
    options: ConvertOptions,
    convert: &mut dyn FnMut(&str, &mut String),
) -> String {
    let converted = overrides.apply(text, |piece, out| convert(piece, out));
    if options.quote_marks {
        quote_marks(&converted, target)
    } else {
        converted
    }
}

/// Runs `converters` in order on `piece`, appending the result to `out`.
pub fn run_chain(converters: &[&Converter], piece: &str, out: &mut String) {
    match converters {
        [] => out.push_str(piece),
        [only] => only.convert_into(piece, out),
        [first, rest @ ..] => {
            let mut cur = first.convert(piece);
            for c in rest {
                cur = c.convert(&cur);
            }
            out.push_str(&cur);
        }
    }
}

/// Converts one string with `converters`; see [`convert_text_with`].
pub fn convert_text(
    text: &str,
    converters: &[&Converter],
    overrides: &Overrides,
    target: Script,
    options: ConvertOptions,
) -> String {
    convert_text_with(text, overrides, target, options, &mut |piece, out| {
        run_chain(converters, piece, out)
    })
}

/// Rewrites paired quote marks in the style of `target`: “…” and ‘…’ become 「…」 and 『…』
/// in Traditional text, and the reverse in Simplified text. Only marks that pair up (an
/// opening mark matched by its closing mark later in the same string, properly nested) are
/// changed; an unbalanced mark is left exactly as it is, so no character is lost or swapped.
pub fn quote_marks(text: &str, target: Script) -> String {
    quote_marks_counted(text, target, &mut 0)
}

/// [`quote_marks`], adding to `steps` the work it did (for the complexity tests).
#[doc(hidden)]
pub fn quote_marks_counted(text: &str, target: Script, steps: &mut u64) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let Some(changes) = quote_pairs(&chars, target, steps) else {
        return text.to_owned();
    };
    for (at, c) in changes {
        chars[at] = c;
    }
    chars.into_iter().collect()
}

/// The marks of `chars` to rewrite in the style of `target`, as (index, new mark); `None`
/// when the target has no style of its own ([`Script::Original`]).
pub(crate) fn quote_pairs(
    chars: &[char],
    target: Script,
    steps: &mut u64,
) -> Option<Vec<(usize, char)>> {
    // (open, close) in the source style → (open, close) in the target style.
    const TO_TRAD: [(char, char, char, char); 2] = [('“', '”', '「', '」'), ('‘', '’', '『', '』')];
    const TO_SIMP: [(char, char, char, char); 2] = [('「', '」', '“', '”'), ('『', '』', '‘', '’')];
    let table = if target.is_traditional() {
        &TO_TRAD
    } else if target == Script::Hans {
        &TO_SIMP
    } else {
        return None;
    };
    // One stack per kind of mark: the indices of its opening marks not yet closed.
    let mut open: Vec<Vec<usize>> = vec![Vec::new(); table.len()];
    let mut changes: Vec<(usize, char)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        *steps += 1;
        if let Some(p) = table.iter().position(|t| t.0 == c) {
            open[p].push(i);
        } else if let Some(p) = table.iter().position(|t| t.1 == c) {
            // Close the nearest opening mark of the same kind; marks opened after it stay
            // unpaired (they were never closed).
            if let Some(start) = open[p].pop() {
                for stack in &mut open {
                    while stack.last().is_some_and(|&j| j > start) {
                        *steps += 1;
                        stack.pop();
                    }
                }
                changes.push((start, table[p].2));
                changes.push((i, table[p].3));
            }
        }
    }
    Some(changes)
}

/// Every text the conversion of `article` into a target reads, in order (see
/// [`units::converted_inputs`]): what a dictionary slice is recorded from.
pub fn converted_inputs(article: &Article) -> Vec<String> {
    let (texts, flags) = units::visible_pieces(article);
    units::converted_inputs(&texts, &flags)
}

/// Converts every visible text of `article` (see [`units::for_each_unit`]) with
/// `converters`, the article's overrides for `target`, and `options`. [`shown_lang`] gives
/// the language tag of the result.
pub fn convert_article(
    article: &Article,
    target: Script,
    converters: &[&Converter],
    options: ConvertOptions,
) -> Article {
    let overrides = Overrides::for_target(article.conversion.as_ref(), target);
    let (texts, flags) = units::visible_pieces(article);
    let out = units::convert_pieces(&texts, &flags, target, options, &mut |run, out| {
        out.push_str(&overrides.apply(run, |piece, o| run_chain(converters, piece, o)))
    });
    units::with_visible_pieces(article, out).unwrap_or_else(|| article.clone())
}

/// Native only: converters for the configs of a plan, built from OpenCC's text dictionaries
/// in `data`, or by default from the dictionaries compiled into the binary
/// (`embedded-dicts`, so the CLI needs no data directory).
#[cfg(all(feature = "embedded", not(target_arch = "wasm32")))]
pub fn native_converters(
    configs: &[&str],
    data: Option<&std::path::Path>,
    tofu: script_convert::TofuRisk,
) -> Result<Vec<Converter>, String> {
    if configs.is_empty() {
        return Ok(Vec::new());
    }
    let Some(data) = data else {
        return configs
            .iter()
            .map(|c| embedded_dicts::converter(c, tofu).map_err(|e| e.to_string()))
            .collect();
    };
    let leaves = script_convert::compile::Leaves::from_dir(&data.join("dictionary"))
        .map_err(|e| e.to_string())?;
    configs
        .iter()
        .map(|c| leaves.converter_with(c, tofu).map_err(|e| e.to_string()))
        .collect()
}

/// Native only: every target's dictionary slice of `article` (see [`slice`]), recorded with the
/// embedded dictionaries, or with those compiled from OpenCC's text data in `data` (the slices
/// then name those files' CRC-32s, so deploy the same `dict build` output).
#[cfg(all(feature = "embedded", not(target_arch = "wasm32")))]
pub fn native_slices(
    article: &Article,
    data: Option<&std::path::Path>,
) -> Result<article_model::Slices, String> {
    use script_convert::crc32::crc32;
    let Some(data) = data else {
        return slice::make_slices(
            article,
            &|configs| native_converters(configs, None, slice::TOFU),
            &|g| embedded_dicts::file(g).map(|(_, bytes)| crc32(bytes)),
        );
    };
    let leaves = script_convert::compile::Leaves::from_dir(&data.join("dictionary"))
        .map_err(|e| e.to_string())?;
    slice::make_slices(
        article,
        &|configs| {
            configs
                .iter()
                .map(|c| {
                    leaves
                        .converter_with(c, slice::TOFU)
                        .map_err(|e| e.to_string())
                })
                .collect()
        },
        &|g| leaves.compile_group(g).ok().map(|bytes| crc32(&bytes)),
    )
}

/// Native only: `article` converted into `target` with the embedded dictionaries (or those
/// compiled from the text data in `data`), the way the widget shows it (tofu-risk dictionaries left out).
#[cfg(all(feature = "embedded", not(target_arch = "wasm32")))]
pub fn convert_article_native(
    article: &Article,
    target: Script,
    options: ConvertOptions,
    data: Option<&std::path::Path>,
) -> Result<Article, String> {
    let Some(configs) = plan_for(article, target) else {
        return Ok(article.clone());
    };
    if configs.is_empty() {
        return Ok(article.clone());
    }
    let converters = native_converters(configs, data, script_convert::TofuRisk::Exclude)?;
    let refs: Vec<&Converter> = converters.iter().collect();
    Ok(convert_article(article, target, &refs, options))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn spellings_round_trip() {
        for s in Script::ALL {
            assert_eq!(Script::parse(s.as_str()), Some(s));
        }
        assert_eq!(ScriptDefault::parse("auto"), Some(ScriptDefault::Auto));
        assert_eq!(Script::parse("Hans"), None);
        assert_eq!(ScriptDefault::parse("zh-Hans"), None);
    }

    #[test]
    fn auto_follows_navigator_languages() {
        let cases: [(&[&str], Script); 12] = [
            (&["zh-CN"], Script::Hans),
            (&["zh-SG", "en"], Script::Hans),
            (&["zh-Hans-HK"], Script::Hans),
            (&["zh-TW"], Script::HantTw),
            (&["zh-HK"], Script::HantHk),
            (&["zh-MO"], Script::HantHk),
            (&["zh-Hant"], Script::Hant),
            (&["zh-Hant-TW"], Script::HantTw),
            (&["en-US", "zh-TW"], Script::HantTw),
            (&["en-US", "fr"], Script::Original),
            (&[], Script::Original),
            (&["zh"], Script::Hans),
        ];
        for (l, want) in cases {
            assert_eq!(auto_script(&langs(l)), want, "{l:?}");
        }
    }

    #[test]
    fn every_pair_has_a_plan_and_identity_costs_nothing() {
        for s in SourceScript::ALL {
            assert!(plan(s, s.native()).is_empty(), "{s:?}");
            assert!(plan(s, Script::Original).is_empty());
            for t in Script::ALL {
                for c in plan(s, t) {
                    assert!(script_convert::config::config(c).is_some(), "{c}");
                }
                if t != Script::Original && t != s.native() {
                    assert!(!plan(s, t).is_empty(), "{s:?} → {t:?}");
                }
            }
        }
        assert_eq!(plan(SourceScript::Hant, Script::Hans), ["t2s"]);
        assert_eq!(plan(SourceScript::Hans, Script::HantTw), ["s2twp"]);
        assert_eq!(plan(SourceScript::HantTw, Script::HantHk), ["tw2t", "t2hk"]);
        assert_eq!(source_script("en"), None);
        assert_eq!(source_script("zh-Hant"), Some(SourceScript::Hant));
        assert_eq!(source_script("zh-TW"), Some(SourceScript::HantTw));
        assert_eq!(source_script("zh-Hans-CN"), Some(SourceScript::Hans));
        assert_eq!(source_script("yue-HK"), Some(SourceScript::HantHk));
    }

    #[test]
    fn quote_marks_pair_and_leave_strays() {
        // The seed's unbalanced mark: a closing ” with no opening one before it.
        let seed = "深化揭榜挂帥”“賽馬制”科研組織模式";
        let out = quote_marks(seed, Script::HantTw);
        assert_eq!(out, "深化揭榜挂帥”「賽馬制」科研組織模式");
        assert_eq!(out.chars().count(), seed.chars().count());
        assert_eq!(quote_marks("“外‘內’外”", Script::Hant), "「外『內』外」");
        assert_eq!(quote_marks("「外『內』外」", Script::Hans), "“外‘內’外”");
        // An opening mark never closed stays; so does an apostrophe.
        assert_eq!(quote_marks("“未完 it’s", Script::Hant), "“未完 it’s");
        // Crossed marks: only the properly nested pair changes.
        assert_eq!(quote_marks("“a‘b”c’", Script::Hant), "「a‘b」c’");
        assert_eq!(quote_marks("“a”", Script::Original), "“a”");
    }

    #[test]
    fn overrides_split_leftmost_longest() {
        let c: Conversion = serde_json::from_value(serde_json::json!({
            "keep": ["南阳"],
            "terms": [
                {"term": "被发明", "traditional": "被發明"},
                {"term": "南阳发布", "hant-tw": "南陽發佈"}
            ]
        }))
        .unwrap();
        let tw = Overrides::for_target(Some(&c), Script::HantTw);
        let upper = |p: &str, out: &mut String| {
            out.push('[');
            out.push_str(p);
            out.push(']');
        };
        assert_eq!(
            tw.apply("南阳发布了被发明的", upper),
            "南陽發佈[了]被發明[的]"
        );
        let hans = Overrides::for_target(Some(&c), Script::Hans);
        assert_eq!(hans.apply("南阳发布", upper), "南阳[发布]");
        assert!(Overrides::for_target(Some(&c), Script::Original).is_empty());
    }
}
