//! The override matcher and the quote-mark pairing against straightforward reference
//! implementations (the code they replaced), on random texts.
// proptest is a native-only dev-dependency (it pulls getrandom, which has no wasm32 build here).
#![cfg(not(target_arch = "wasm32"))]

use article_convert::{quote_marks, Overrides, Script};
use proptest::prelude::*;

/// The reference: at each position the longest term that starts there (the last pair of
/// equally long ones, as `max_by_key` picks), else one character on; empty terms ignored
/// (the old code looped forever on one).
fn reference_apply(pairs: &[(String, String)], text: &str) -> String {
    let mut out = String::new();
    let mut start = 0;
    let mut i = 0;
    let piece = |p: &str, out: &mut String| {
        out.push('[');
        out.push_str(p);
        out.push(']');
    };
    if pairs.is_empty() {
        // No overrides: the whole text, even empty, is one piece.
        piece(text, &mut out);
        return out;
    }
    while i < text.len() {
        let best = pairs
            .iter()
            .filter(|(t, _)| !t.is_empty() && text[i..].starts_with(t.as_str()))
            .max_by_key(|(t, _)| t.len());
        if let Some((term, form)) = best {
            if start < i {
                piece(&text[start..i], &mut out);
            }
            out.push_str(form);
            i += term.len();
            start = i;
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if start < text.len() {
        piece(&text[start..], &mut out);
    }
    out
}

/// The reference pairing: one stack of (index, kind); a closing mark closes the nearest
/// opening mark of its kind and drops every mark opened after it.
fn reference_quotes(text: &str, target: Script) -> String {
    let table: [(char, char, char, char); 2] = if target.is_traditional() {
        [('“', '”', '「', '」'), ('‘', '’', '『', '』')]
    } else if target == Script::Hans {
        [('「', '」', '“', '”'), ('『', '』', '‘', '’')]
    } else {
        return text.to_owned();
    };
    let mut chars: Vec<char> = text.chars().collect();
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut pairs = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(p) = table.iter().position(|t| t.0 == c) {
            open.push((i, p));
        } else if let Some(p) = table.iter().position(|t| t.1 == c) {
            if let Some(k) = open.iter().rposition(|&(_, q)| q == p) {
                pairs.push((open[k].0, i, p));
                open.truncate(k);
            }
        }
    }
    for (start, end, p) in pairs {
        chars[start] = table[p].2;
        chars[end] = table[p].3;
    }
    chars.into_iter().collect()
}

/// Texts over a small alphabet (one-, two- and three-byte characters, including ones that
/// share bytes), so that terms occur, overlap and are prefixes of one another.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec!['a', 'b', 'é', '中', '中', '文']),
        0..max,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// Terms: random short ones and pieces of the body (so they match), with forms that show
/// which pair was used; duplicates and prefixes of each other come up often.
fn case() -> impl Strategy<Value = (String, Vec<(String, String)>)> {
    (
        text(60),
        prop::collection::vec((text(4), any::<prop::sample::Index>(), 0..6usize), 0..12),
    )
        .prop_map(|(body, raw)| {
            let chars: Vec<char> = body.chars().collect();
            let pairs = raw
                .into_iter()
                .enumerate()
                .map(|(k, (random, at, len))| {
                    let term = if k % 2 == 0 || chars.is_empty() {
                        random
                    } else {
                        let from = at.index(chars.len());
                        chars[from..(from + len).min(chars.len())].iter().collect()
                    };
                    (term, format!("<{k}>"))
                })
                .collect();
            (body, pairs)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn matcher_agrees_with_reference((body, pairs) in case()) {
        let overrides = Overrides::from_pairs(pairs.clone());
        let got = overrides.apply(&body, |p, out| {
            out.push('[');
            out.push_str(p);
            out.push(']');
        });
        prop_assert_eq!(got, reference_apply(&pairs, &body));
    }

    #[test]
    fn quote_pairing_agrees_with_reference(
        v in prop::collection::vec(
            prop::sample::select(vec!['“', '”', '‘', '’', '「', '」', '『', '』', 'a']),
            0..40,
        ),
        target in prop::sample::select(Script::ALL.to_vec()),
    ) {
        let text: String = v.into_iter().collect();
        prop_assert_eq!(quote_marks(&text, target), reference_quotes(&text, target));
    }
}

#[test]
fn prefixes_duplicates_and_empty_terms() {
    let pairs: Vec<(String, String)> = [
        ("中", "1"),
        ("中文", "2"),
        ("中文字", "3"),
        ("文字", "4"),
        ("中文", "5"),
        ("", "never"),
    ]
    .iter()
    .map(|(t, f)| (t.to_string(), f.to_string()))
    .collect();
    let o = Overrides::from_pairs(pairs.clone());
    let keep = |p: &str, out: &mut String| out.push_str(p);
    // 中文字 is longest at 0; at 中文中 the later 中文 pair wins; 文字 only where no term starts earlier.
    assert_eq!(o.apply("中文字中文中x文字", keep), "351x4");
    assert_eq!(o.apply("中文中", keep), "51");
    // The old matcher never ended on an empty term; this one ignores it.
    assert_eq!(
        Overrides::from_pairs(vec![(String::new(), "!".into())]).apply("ab", keep),
        "ab"
    );
    for text in ["中文字中文中x文字", "文中文字", ""] {
        assert_eq!(
            o.apply(text, |p, out| {
                out.push('[');
                out.push_str(p);
                out.push(']');
            }),
            reference_apply(&pairs, text)
        );
    }
}
