//! Per-article dictionary slices (`article-widget prepare`, `conversion.slices`): the sliced
//! converters the engine module builds give exactly the full dictionaries' output, on the seed
//! (in each source script it can be written in) and on random documents; a slice that no longer
//! fits (edited, stale dictionaries, other text, other plan) is refused with the reason, so the
//! widget falls back to the full dictionaries; and `www/article.prepared.json` is up to date.
#![cfg(not(target_arch = "wasm32"))]

use article_convert::slice::{self, slice_for, sliced_converters};
use article_convert::{
    convert_article_native, plan_for, run_chain, units, visible_pieces, ConvertOptions, Overrides,
    Script,
};
use article_widget::Article;
use proptest::prelude::*;
use script_convert::crc32::crc32;
use script_convert::Converter;

const SEED: &str = include_str!("../www/article.json");
const PREPARED: &str = include_str!("../www/article.prepared.json");

fn seed() -> Article {
    article_model::parse_article(SEED).expect("seed")
}

/// The CRC-32 of the deployed (built-in) full file of `group`, as the manifest lists it.
fn deployed(group: &str) -> Option<String> {
    embedded_dicts::file(group).map(|(_, b)| format!("{:08x}", crc32(b)))
}

/// The article converted as the engine's `convertSliced` does: checks, sliced converters, the
/// input check, then the same per-string conversion as the full path.
fn convert_sliced(
    article: &Article,
    target: Script,
    quote_marks: bool,
) -> Result<Vec<String>, String> {
    let configs = plan_for(article, target).expect("Chinese");
    let slices = article.conversion.as_ref().and_then(|c| c.slices.as_ref());
    let s = slice_for(slices, target).ok_or("no slice")?;
    let built = sliced_converters(s, configs, &deployed)?;
    let overrides = Overrides::for_target(article.conversion.as_ref(), target);
    let (texts, flags) = visible_pieces(article);
    let input = slice::input_crc(texts.iter().map(String::as_str), &flags, overrides.pairs());
    if input != s.input {
        return Err(format!("input {input}, the slice's {}", s.input));
    }
    let chain: Vec<&Converter> = built.iter().collect();
    let options = ConvertOptions { quote_marks };
    Ok(units::convert_pieces(
        &texts,
        &flags,
        target,
        options,
        &mut |run, out| out.push_str(&overrides.apply(run, |p, o| run_chain(&chain, p, o))),
    ))
}

fn full(article: &Article, target: Script, quote_marks: bool) -> Vec<String> {
    visible_pieces(
        &convert_article_native(article, target, ConvertOptions { quote_marks }, None)
            .expect("converts"),
    )
    .0
}

fn prepared(article: &Article) -> Article {
    let mut a = article.clone();
    let slices = article_convert::native_slices(article, None).expect("slices");
    a.conversion.get_or_insert_with(Default::default).slices = Some(slices);
    a
}

/// Every target with a conversion: the slice exists and gives the full output.
fn assert_exact(article: &Article) {
    let p = prepared(article);
    for target in slice::TARGETS {
        if plan_for(article, target).is_none_or(|c| c.is_empty()) {
            continue;
        }
        for quote_marks in [false, true] {
            let sliced = convert_sliced(&p, target, quote_marks)
                .unwrap_or_else(|e| panic!("{target:?}: {e}"));
            assert_eq!(sliced, full(article, target, quote_marks), "{target:?}");
        }
    }
}

/// The seed written in `lang`'s script (converted with the full dictionaries).
fn seed_in(target: Script, lang: &str) -> Article {
    let mut a =
        convert_article_native(&seed(), target, ConvertOptions::default(), None).expect("converts");
    a.in_language = lang.to_owned();
    a
}

#[test]
fn the_prepared_seed_is_up_to_date() {
    let want = article_widget_syndication::prepare::prepare(
        concat!(env!("CARGO_MANIFEST_DIR"), "/www/article.json"),
        None,
    )
    .expect("prepares");
    assert!(
        PREPARED == want,
        "www/article.prepared.json is stale: run `cargo run -- prepare www/article.json -o www/article.prepared.json`"
    );
    // It is the seed plus its slices, nothing else changed.
    let mut p = article_model::parse_article(PREPARED).expect("valid");
    let slices = p.conversion.take().and_then(|c| c.slices).expect("slices");
    assert_eq!(p, seed());
    let targets: Vec<&str> = slices.targets.iter().map(|t| t.target.as_str()).collect();
    assert_eq!(targets, ["hans", "hant-tw", "hant-hk"]);
    // Small beside the dictionaries the first switch would otherwise fetch (ts-notofu: 33 KB).
    assert!(
        PREPARED.len() - SEED.len() < 8_000,
        "{} bytes of slices",
        PREPARED.len() - SEED.len()
    );
}

#[test]
fn slices_give_the_full_output_for_the_seed_in_every_script() {
    assert_exact(&seed());
    assert_exact(&seed_in(Script::Hans, "zh-Hans"));
    assert_exact(&seed_in(Script::HantTw, "zh-Hant-TW"));
    assert_exact(&seed_in(Script::HantHk, "zh-Hant-HK"));
}

/// A rich article's slices cover every new string (standfirst, captions, credits, alt text,
/// quotes, cites, list items, corrections) and the runs its spans make: the sliced output is
/// the full output in every target, with and without quote marks, and with an override that
/// crosses a span's edge.
#[test]
fn slices_give_the_full_output_for_the_rich_article() {
    for text in [
        include_str!("fixtures/rich/rich.hant.json"),
        include_str!("fixtures/rich/rich.hans.json"),
    ] {
        let mut a = article_model::parse_article(text).expect("rich fixture");
        assert_exact(&a);
        a.conversion = Some(article_model::Conversion {
            keep: vec!["乾隆".into()],
            terms: vec![article_model::Term {
                term: "自習".into(),
                hans: Some("自修".into()),
                hant: None,
                hant_tw: None,
                hant_hk: None,
                traditional: Some("自修".into()),
            }],
            slices: None,
        });
        assert_exact(&a);
    }
}

#[test]
fn overrides_are_part_of_the_slice() {
    let mut a = seed_in(Script::Hans, "zh-Hans");
    a.conversion = Some(article_model::Conversion {
        keep: vec!["南阳".into()],
        terms: vec![article_model::Term {
            term: "科技".into(),
            hans: None,
            hant: None,
            hant_tw: Some("科學技術".into()),
            hant_hk: None,
            traditional: None,
        }],
        slices: None,
    });
    assert_exact(&a);
    // Changing an override after prepare makes the slice unused, not wrong.
    let mut p = prepared(&a);
    p.conversion.as_mut().expect("conversion").keep.clear();
    let e = convert_sliced(&p, Script::HantTw, false).expect_err("other overrides");
    assert!(e.contains("input"), "{e}");
}

#[test]
fn a_slice_that_no_longer_fits_is_refused_with_the_reason() {
    let a = seed_in(Script::Hans, "zh-Hans");
    let p = prepared(&a);
    let with = |f: &dyn Fn(&mut article_model::Slice)| {
        let mut q = p.clone();
        let slices = q
            .conversion
            .as_mut()
            .and_then(|c| c.slices.as_mut())
            .expect("slices");
        let s = slices
            .targets
            .iter_mut()
            .find(|t| t.target == "hant")
            .expect("hant");
        f(s);
        q
    };
    assert!(convert_sliced(&p, Script::Hant, false).is_ok());
    // A value changed by hand: the slice's CRC-32 no longer matches.
    let q = with(&|s| {
        let g = s.groups.iter_mut().find(|g| g.group == "st").expect("st");
        let (k, rest) = g.other.split_once(' ').expect("entries");
        let (_, tail) = rest.split_once(' ').unwrap_or((rest, ""));
        g.other = format!("{k} 錯 {tail}").trim_end().to_owned();
    });
    let e = convert_sliced(&q, Script::Hant, false).expect_err("edited");
    assert!(e.contains("CRC-32"), "{e}");
    // Made from other dictionaries than the deployed ones (CRC-32 recomputed: a stale slice).
    let q = with(&|s| {
        s.groups[0].dict = "00000000".into();
        s.crc32 = slice::slice_crc(s);
    });
    let e = convert_sliced(&q, Script::Hant, false).expect_err("stale");
    assert!(e.contains("deployed"), "{e}");
    // A group left out, or the slice of another plan.
    let q = with(&|s| {
        s.groups.pop();
        s.crc32 = slice::slice_crc(s);
    });
    assert!(convert_sliced(&q, Script::Hant, false)
        .expect_err("group")
        .contains("groups"));
    let q = with(&|s| {
        s.configs = "s2twp".into();
        s.crc32 = slice::slice_crc(s);
    });
    assert!(convert_sliced(&q, Script::Hant, false)
        .expect_err("plan")
        .contains("s2twp"));
    // The text edited after prepare.
    let mut q = p.clone();
    q.body[0] = format!("{}发", q.body[0].text()).into();
    assert!(convert_sliced(&q, Script::Hant, false)
        .expect_err("text")
        .contains("input"));
    // Entries that are not pairs, or a duplicate key.
    let q = with(&|s| {
        s.groups[1].other.push_str(" 发");
        s.crc32 = slice::slice_crc(s);
    });
    assert!(convert_sliced(&q, Script::Hant, false).is_err());
    let q = with(&|s| {
        let g = s.groups.iter_mut().find(|g| g.group == "st").expect("st");
        let dup = g.other.split(' ').take(2).collect::<Vec<_>>().join(" ");
        g.other = format!("{dup} {}", g.other);
        s.crc32 = slice::slice_crc(s);
    });
    assert!(convert_sliced(&q, Script::Hant, false).is_err());
}

#[test]
fn prepare_keeps_the_document_and_refuses_what_it_cannot_slice() {
    let dir = std::env::temp_dir().join(format!("aw-prepare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    // Unknown fields and their order survive; an existing slice is replaced.
    let mut doc: serde_json::Value = serde_json::from_str(SEED).expect("json");
    doc["x-publisher"] = serde_json::json!({"id": 7});
    // A newer slice format is valid (and unused); prepare replaces it with this one.
    doc["conversion"] =
        serde_json::json!({"keep": ["南陽"], "slices": {"version": 2, "future": true}});
    let file = dir.join("a.json");
    std::fs::write(&file, serde_json::to_string(&doc).expect("text")).expect("write");
    let out = article_widget_syndication::prepare::prepare(&file.to_string_lossy(), None)
        .expect("prepares");
    let back: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(back["x-publisher"]["id"], 7);
    assert_eq!(back["conversion"]["keep"][0], "南陽");
    assert_eq!(
        back["conversion"]["slices"]["targets"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    // Not Chinese: nothing to slice.
    doc["inLanguage"] = "en".into();
    std::fs::write(&file, serde_json::to_string(&doc).expect("text")).expect("write");
    let e = article_widget_syndication::prepare::prepare(&file.to_string_lossy(), None)
        .expect_err("en");
    assert!(e.contains("$.inLanguage"), "{e}");
    // Invalid documents are refused with their paths.
    std::fs::write(&file, "{\"version\": 1}").expect("write");
    let e = article_widget_syndication::prepare::prepare(&file.to_string_lossy(), None)
        .expect_err("invalid");
    assert!(e.contains("$.headline"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Characters that make conversions interesting: phrases of every group, variants, IDS.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(
            "发後乾隆干于於里裏周週头發網絡信息皇后包制臺台灣台湾軟件软件著着面條条干燥髮科技南阳陽綱纲领領標杆杆區区域創新市強强"
                .chars()
                .collect::<Vec<_>>()
        ),
        2 => (0x4E00u32..=0x9FFF).prop_map(|c| char::from_u32(c).unwrap_or('一')),
        1 => prop::sample::select(vec!['a', ' ', '，', '。', '“', '”', '「', '」', '⿰']),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(any_char(), 1..40).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn slices_give_the_full_output_on_random_documents(
        headline in text(),
        body in prop::collection::vec(text(), 1..5),
        lang in prop::sample::select(vec!["zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK", "zh-CN"]),
        keep in prop::option::of(text()),
    ) {
        let mut a = seed();
        a.headline = headline;
        a.body = body.into_iter().map(Into::into).collect();
        a.in_language = lang.to_owned();
        if let Some(k) = keep {
            let k: String = k.chars().take(4).collect();
            if !k.trim().is_empty() {
                a.conversion = Some(article_model::Conversion { keep: vec![k], ..Default::default() });
            }
        }
        assert_exact(&a);
    }
}
