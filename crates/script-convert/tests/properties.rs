//! Property tests: no panics, non-Han text passes through, streaming == one-shot.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{converter, leaves};
use proptest::prelude::*;

/// Han characters in the broad sense (radicals, ideographs, compatibility
/// ideographs, the ideographic number zero and iteration marks).
fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3005..=0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Mostly-interesting characters: Han from dictionaries, IDS operators, ASCII,
/// punctuation, emoji, and anything else.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select("发後乾隆干于於里裏周週头發網絡信息皇后包制臺台灣台湾軟件软件著着".chars().collect::<Vec<_>>()),
        1 => (0x2FF0u32..=0x2FFF).prop_map(|c| char::from_u32(c).unwrap_or('⿰')),
        1 => (0x4E00u32..=0x9FFF).prop_map(|c| char::from_u32(c).unwrap_or('一')),
        1 => (0xF900u32..=0xFAFF).prop_map(|c| char::from_u32(c).unwrap_or('豈')),
        1 => prop::sample::select(vec!['a', ' ', '\n', '，', '。', '-', '·', 'B', 'S', '😀', '𠀀', '\0']),
        1 => any::<char>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(any_char(), 0..80).prop_map(|v| v.into_iter().collect())
}

const CONFIGS: &[&str] = &["s2t", "t2s", "s2twp", "tw2sp", "hk2s", "jp2t"];

#[test]
fn every_key_contains_a_han_character() {
    // Premise of the pass-through property: without a Han character nothing can match.
    for (name, leaf) in &leaves().leaves {
        for (k, _) in leaf {
            assert!(
                k.chars().any(is_han),
                "{name}: key {k:?} has no Han character"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn never_panics(s in text(), raw in any::<String>()) {
        for c in CONFIGS {
            let conv = converter(c);
            let _ = conv.convert(&s);
            let _ = conv.convert(&raw);
        }
    }

    #[test]
    fn non_han_text_passes_through(s in any::<String>(), t in text()) {
        let s: String = s.chars().chain(t.chars()).filter(|&c| !is_han(c)).collect();
        for c in script_convert::CONFIG_NAMES {
            prop_assert_eq!(converter(c).convert(&s), s.clone(), "config {}", c);
        }
    }

    #[test]
    fn streaming_equals_one_shot(parts in prop::collection::vec(text(), 0..12), chunk in 1usize..64) {
        let whole: String = parts.concat();
        for c in CONFIGS {
            let conv = converter(c);
            let mut stream = conv.stream_with_chunk(chunk);
            let mut out = String::new();
            for p in &parts {
                stream.push(p, &mut out);
            }
            stream.finish(&mut out);
            prop_assert_eq!(&out, &conv.convert(&whole), "config {}", c);
        }
    }
}

#[test]
fn stream_without_cut_points_buffers_then_flushes_at_the_first_one() {
    let conv = converter("s2twp");
    let mut stream = conv.stream_with_chunk(1024);
    let mut out = String::new();
    let piece = "发展".repeat(700); // 4200 bytes of Han text: no safe cut point
    for _ in 0..500 {
        stream.push(&piece, &mut out); // each push rescans only the new bytes
    }
    assert!(out.is_empty());
    assert_eq!(stream.buffered(), 500 * piece.len());
    stream.push("\n后来", &mut out);
    assert!(
        stream.buffered() < 16,
        "flushed at the line break, {} bytes left",
        stream.buffered()
    );
    stream.finish(&mut out);
    let whole = format!("{}\n后来", piece.repeat(500));
    assert!(out == conv.convert(&whole));
}
