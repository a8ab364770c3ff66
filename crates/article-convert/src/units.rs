//! The text of an article as the converter reads it: **units** of **pieces**.
//!
//! A unit is what a reader sees as one text: the headline, a name, a caption, or the inline
//! content of a paragraph, heading, quote or list item. A unit is made of pieces: a plain
//! string is one piece; inline content has one piece per string or span. A `keep` span is a
//! piece that is never converted.
//!
//! Conversion works on **runs**: the pieces of a unit between its `keep` pieces, joined. A run
//! converts exactly as OpenCC converts its joined text, however it is split into spans, so a
//! link or emphasis in the middle of a phrase never changes how the phrase converts. The
//! converted run is then cut back into its pieces ([`split_run`]). Quote marks pair across the
//! whole unit, and marks inside `keep` pieces are left alone.
//!
//! Pieces travel as two parallel lists, `texts` and `flags` ([`NEW_UNIT`], [`KEEP`]), so that
//! the widget's module can hand them to the engine module as plain arrays.

use article_model::{Article, Block, Image, Inline};

use crate::{quote_pairs, ConvertOptions, Script};

/// Flag of a piece that begins a unit.
pub const NEW_UNIT: u32 = 1;
/// Flag of a piece that is never converted (a `keep` span).
pub const KEEP: u32 = 2;

/// One piece of a unit, borrowed from an article.
pub struct Piece<'a> {
    pub text: &'a mut String,
    pub keep: bool,
}

fn one(text: &mut String) -> [Piece<'_>; 1] {
    [Piece { text, keep: false }]
}

fn inline_unit(content: &mut [Inline]) -> Vec<Piece<'_>> {
    content
        .iter_mut()
        .map(|i| match i {
            Inline::Text(text) => Piece { text, keep: false },
            Inline::Span(s) => Piece {
                text: &mut s.text,
                keep: s.keep,
            },
        })
        .collect()
}

fn image_units(image: &mut Image, f: &mut dyn FnMut(&mut [Piece<'_>])) {
    if !image.alt.is_empty() {
        f(&mut one(&mut image.alt));
    }
    if let Some(c) = &mut image.caption {
        f(&mut one(c));
    }
    if let Some(c) = &mut image.credit {
        f(&mut one(c));
    }
}

/// Calls `f` on every unit of visible text of `article`, in a fixed order: headline,
/// standfirst, source, authors, byline, editor names and labels, sections, the lead image's
/// alt text, caption and credit, the body's blocks (each paragraph, heading, quote and its
/// cite, list item, figure's alt, caption and credit), corrections, copyright title, clauses
/// and holder. URLs, dates and the language tag are not text shown and are left alone.
pub fn for_each_unit(article: &mut Article, f: &mut dyn FnMut(&mut [Piece<'_>])) {
    let a = article;
    f(&mut one(&mut a.headline));
    if let Some(d) = &mut a.description {
        f(&mut one(d));
    }
    f(&mut one(&mut a.source.name));
    for p in &mut a.authors {
        f(&mut one(&mut p.name));
    }
    if let Some(b) = &mut a.byline {
        f(&mut one(b));
    }
    for e in &mut a.editors {
        f(&mut one(&mut e.name));
        if let Some(l) = &mut e.label {
            f(&mut one(l));
        }
    }
    for s in &mut a.sections {
        f(&mut one(&mut s.name));
    }
    if let Some(image) = &mut a.image {
        image_units(image, f);
    }
    for block in &mut a.body {
        match block {
            Block::Text(s) => f(&mut one(s)),
            Block::Paragraph(c) | Block::Heading(c) => f(&mut inline_unit(c)),
            Block::Quote { content, cite } => {
                f(&mut inline_unit(content));
                if let Some(c) = cite {
                    f(&mut one(c));
                }
            }
            Block::List { items, .. } => {
                for item in items {
                    f(&mut inline_unit(item));
                }
            }
            Block::Figure(image) => image_units(image, f),
        }
    }
    for c in &mut a.corrections {
        f(&mut one(&mut c.text));
    }
    if let Some(c) = &mut a.copyright {
        f(&mut one(&mut c.title));
        for clause in &mut c.clauses {
            for p in &mut clause.paragraphs {
                f(&mut one(p));
            }
        }
        if let Some(h) = &mut c.holder {
            f(&mut one(h));
        }
    }
}

/// Every piece of visible text of `article`, in [`for_each_unit`]'s order, with its flags.
pub fn visible_pieces(article: &Article) -> (Vec<String>, Vec<u32>) {
    let (mut texts, mut flags) = (Vec::new(), Vec::new());
    let mut copy = article.clone();
    for_each_unit(&mut copy, &mut |unit| {
        for (i, p) in unit.iter_mut().enumerate() {
            let new = if i == 0 { NEW_UNIT } else { 0 };
            flags.push(new | if p.keep { KEEP } else { 0 });
            texts.push(std::mem::take(p.text));
        }
    });
    (texts, flags)
}

/// `article` with its pieces replaced, in [`for_each_unit`]'s order; `None` when `texts` has
/// not exactly one string for each.
pub fn with_visible_pieces(article: &Article, texts: Vec<String>) -> Option<Article> {
    let mut a = article.clone();
    let mut it = texts.into_iter();
    let mut short = false;
    for_each_unit(&mut a, &mut |unit| {
        for p in unit.iter_mut() {
            match it.next() {
                Some(t) => *p.text = t,
                None => short = true,
            }
        }
    });
    (!short && it.next().is_none()).then_some(a)
}

/// The units of `flags` as ranges of piece indices.
fn units(flags: &[u32]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = 0;
    (0..flags.len()).filter_map(move |i| {
        let last = i + 1 == flags.len() || flags[i + 1] & NEW_UNIT != 0;
        last.then(|| {
            let r = start..i + 1;
            start = i + 1;
            r
        })
    })
}

/// The runs of the unit `range`: ranges of consecutive pieces that are not [`KEEP`].
fn runs(flags: &[u32], range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for i in range.clone() {
        if flags[i] & KEEP != 0 {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(s..range.end);
    }
    out
}

/// Converts pieces (as [`visible_pieces`] lists them): each run through `convert` (the
/// overrides and OpenCC configs, on the run's joined text), cut back into its pieces; `keep`
/// pieces as they are; then, when asked, the target's quote marks over each unit. Returns one
/// string per piece. `texts` and `flags` must have the same length (extra texts are returned
/// unchanged).
pub fn convert_pieces(
    texts: &[String],
    flags: &[u32],
    target: Script,
    options: ConvertOptions,
    convert: &mut dyn FnMut(&str, &mut String),
) -> Vec<String> {
    let n = texts.len().min(flags.len());
    let mut out: Vec<String> = texts.to_vec();
    for unit in units(&flags[..n]) {
        for run in runs(flags, unit.clone()) {
            let pieces: Vec<&str> = texts[run.clone()].iter().map(String::as_str).collect();
            for (slot, text) in out[run].iter_mut().zip(split_run(&pieces, convert)) {
                *slot = text;
            }
        }
        if options.quote_marks {
            let keep: Vec<bool> = flags[unit.clone()].iter().map(|f| f & KEEP != 0).collect();
            quote_unit(&mut out[unit], &keep, target);
        }
    }
    out
}

/// The texts the conversion of `texts` reads, for recording a slice: each run joined, then
/// each piece of a run of several pieces (see [`split_run`], which converts both).
pub fn converted_inputs(texts: &[String], flags: &[u32]) -> Vec<String> {
    let n = texts.len().min(flags.len());
    let mut out = Vec::new();
    for unit in units(&flags[..n]) {
        for run in runs(flags, unit) {
            if run.len() == 1 {
                out.push(texts[run.start].clone());
            } else {
                out.push(texts[run.clone()].concat());
                out.extend(texts[run].iter().cloned());
            }
        }
    }
    out
}

/// Converts the run made of `pieces` with `convert` and cuts the result into one string per
/// piece. The strings joined are always exactly `convert` of the joined run. When each piece
/// converted on its own gives the same text, those are the pieces (no dictionary phrase
/// crosses a cut). Otherwise the cuts that lie where both agree (the common start and end)
/// stay exact, and the cuts between move in proportion, by characters. Linear in the run.
pub fn split_run(pieces: &[&str], convert: &mut dyn FnMut(&str, &mut String)) -> Vec<String> {
    let mut whole = String::new();
    if let [only] = pieces {
        convert(only, &mut whole);
        return vec![whole];
    }
    convert(&pieces.concat(), &mut whole);
    let alone: Vec<String> = pieces
        .iter()
        .map(|p| {
            let mut s = String::new();
            convert(p, &mut s);
            s
        })
        .collect();
    let joined = alone.concat();
    if joined == whole {
        return alone;
    }
    // Where the pieces' own conversions agree with the run's: a common start and end.
    let prefix = common_prefix(&joined, &whole);
    let suffix = common_suffix(&joined[prefix..], &whole[prefix..]);
    let (mid_j, mid_w) = (
        &joined[prefix..joined.len() - suffix],
        &whole[prefix..whole.len() - suffix],
    );
    let (chars_j, chars_w) = (mid_j.chars().count(), mid_w.chars().count());
    let mut cuts = Vec::with_capacity(alone.len());
    let mut at = 0;
    for piece in &alone[..alone.len() - 1] {
        at += piece.len();
        let cut = if at <= prefix {
            at
        } else if at >= joined.len() - suffix {
            at + whole.len() - joined.len()
        } else {
            let k = mid_j[..at - prefix].chars().count();
            let share = (k * chars_w + chars_j / 2)
                .checked_div(chars_j)
                .unwrap_or(0);
            prefix
                + mid_w
                    .char_indices()
                    .nth(share)
                    .map_or(mid_w.len(), |(b, _)| b)
        };
        let last = cuts.last().copied().unwrap_or(0);
        cuts.push(cut.max(last));
    }
    let mut out = Vec::with_capacity(alone.len());
    let mut start = 0;
    for cut in cuts {
        out.push(whole[start..cut].to_owned());
        start = cut;
    }
    out.push(whole[start..].to_owned());
    out
}

/// Length in bytes of the longest common start of `a` and `b`, on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for ((i, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            return i;
        }
        n = i + x.len_utf8();
    }
    n
}

/// Length in bytes of the longest common end of `a` and `b`, on a character boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        n += x.len_utf8();
    }
    n
}

/// The target's quote marks over one unit's pieces: marks pair across pieces, and marks in
/// `keep` pieces neither pair nor change.
fn quote_unit(pieces: &mut [String], keep: &[bool], target: Script) {
    let mut chars: Vec<char> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        for c in p.chars() {
            chars.push(if keep[i] { '\0' } else { c });
            owner.push(i);
        }
    }
    let Some(changes) = quote_pairs(&chars, target, &mut 0) else {
        return;
    };
    if changes.is_empty() {
        return;
    }
    let mut changed = vec![None; chars.len()];
    for (at, c) in changes {
        changed[at] = Some(c);
    }
    let mut at = 0;
    for (i, p) in pieces.iter_mut().enumerate() {
        let n = p.chars().count();
        if changed[at..at + n].iter().any(Option::is_some) {
            *p = p
                .chars()
                .zip(&changed[at..at + n])
                .map(|(c, new)| new.unwrap_or(c))
                .collect();
        }
        debug_assert!(owner[at..at + n].iter().all(|&o| o == i));
        at += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in converter with one two-character phrase that changes length (AB → X) and
    /// characters that change one to one (a → b).
    fn toy(text: &str, out: &mut String) {
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if let Some(r) = rest.strip_prefix("AB") {
                out.push('X');
                rest = r;
                continue;
            }
            out.push(if c == 'a' { 'b' } else { c });
            rest = &rest[c.len_utf8()..];
        }
    }

    #[test]
    fn a_run_converts_as_a_whole_however_it_is_cut() {
        for pieces in [
            vec!["aaAB", "ccAB"],
            vec!["aaA", "Bcc"],
            vec!["A", "B", "a"],
            vec!["xA", "By", "zAB", "w"],
        ] {
            let mut whole = String::new();
            toy(&pieces.concat(), &mut whole);
            let out = split_run(&pieces, &mut toy);
            assert_eq!(out.len(), pieces.len());
            assert_eq!(out.concat(), whole, "{pieces:?}");
        }
        // No phrase across a cut: each piece is its own conversion.
        assert_eq!(split_run(&["aaAB", "ca"], &mut toy), ["bbX", "cb"]);
        // A phrase across the cut: the start and the end stay where they agree.
        assert_eq!(split_run(&["aaA", "Bcc"], &mut toy), ["bbX", "cc"]);
    }

    #[test]
    fn quote_marks_pair_across_spans_but_not_into_kept_ones() {
        let mut p = vec!["“他說".to_owned(), "好".to_owned(), "”".to_owned()];
        quote_unit(&mut p, &[false, true, false], Script::Hant);
        assert_eq!(p, ["「他說", "好", "」"]);
        let mut p = vec!["“他說".to_owned(), "好”".to_owned()];
        quote_unit(&mut p, &[false, true], Script::Hant);
        assert_eq!(p, ["“他說", "好”"]);
    }

    #[test]
    fn units_and_runs_follow_the_flags() {
        let flags = [NEW_UNIT, 0, KEEP, 0, NEW_UNIT, NEW_UNIT | KEEP];
        let u: Vec<_> = units(&flags).collect();
        assert_eq!(u, [0..4, 4..5, 5..6]);
        assert_eq!(runs(&flags, 0..4), [0..2, 3..4]);
        assert!(runs(&flags, 5..6).is_empty());
    }
}
