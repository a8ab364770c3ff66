//! Script switching, natively: every (source script, target) pair of the seed against PyPI
//! OpenCC 1.4.2 running the same config or chain (tofu-risk dictionaries left out, as the
//! widget does), publisher overrides, quote marks. The oracle is required when `CI` or
//! `AW_REQUIRE_ORACLE` is set (as under `cargo xtask test`).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

use article_convert::{
    self as script, convert_article_native, plan, ConvertOptions, Script, SourceScript,
};
use article_widget::Article;
use serde_json::{json, Value};

fn seed() -> Article {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/article.json"))
        .expect("seed");
    Article::from_json(&text).expect("seed is valid")
}

fn oracle_available() -> bool {
    let ok = Command::new("python3")
        .args([
            "-c",
            "import opencc, sys; sys.exit(0 if opencc.__version__ == '1.4.2' else 1)",
        ])
        .status()
        .is_ok_and(|s| s.success());
    if !ok && (std::env::var_os("CI").is_some() || std::env::var_os("AW_REQUIRE_ORACLE").is_some())
    {
        panic!(
            "PyPI opencc==1.4.2 is required here (CI / AW_REQUIRE_ORACLE); run `cargo xtask setup`"
        );
    }
    if !ok {
        println!("NOTICE: python3 with opencc==1.4.2 not available; oracle comparison skipped");
    }
    ok
}

/// Runs each `(chain, text)` through OpenCC 1.4.2 (`include_tofu_risk_dictionaries=False`),
/// one config after another.
fn oracle(jobs: &[(Vec<&str>, String)]) -> Vec<String> {
    let script = r#"
import sys, json, opencc
jobs = json.load(sys.stdin)
cache = {}
def conv(name):
    if name not in cache:
        cache[name] = opencc.OpenCC(name, include_tofu_risk_dictionaries=False)
    return cache[name]
out = []
for chain, text in jobs:
    for name in chain:
        text = conv(name).convert(text)
    out.append(text)
json.dump(out, sys.stdout, ensure_ascii=False)
"#;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    let input = serde_json::to_vec(&json!(jobs
        .iter()
        .map(|(c, t)| json!([c, t]))
        .collect::<Vec<_>>()))
    .expect("json");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&input)
        .expect("write");
    let out = child.wait_with_output().expect("oracle");
    assert!(out.status.success(), "oracle failed");
    serde_json::from_slice(&out.stdout).expect("oracle JSON")
}

/// Every visible string of an article, in a fixed order.
fn strings(a: &Article) -> Vec<String> {
    let mut v = vec![a.headline.clone(), a.source.name.clone()];
    v.extend(a.authors.iter().map(|p| p.name.clone()));
    v.extend(a.byline.clone());
    for e in &a.editors {
        v.push(e.name.clone());
        v.extend(e.label.clone());
    }
    v.extend(a.sections.iter().map(|s| s.name.clone()));
    v.extend(a.body.iter().map(|b| b.text()));
    if let Some(c) = &a.copyright {
        v.push(c.title.clone());
        v.extend(c.clauses.iter().flat_map(|c| c.paragraphs.iter().cloned()));
        v.extend(c.holder.clone());
    }
    v
}

/// The seed's text in `source`'s script (by OpenCC itself), labelled with its tag.
fn seed_in(source: SourceScript) -> Article {
    let seed = seed();
    let chain: Vec<&str> = match source {
        SourceScript::Hant => return seed,
        SourceScript::Hans => vec!["t2s"],
        SourceScript::HantTw => vec!["t2tw"],
        SourceScript::HantHk => vec!["t2hk"],
    };
    let texts = strings(&seed);
    let converted = oracle(
        &texts
            .iter()
            .map(|t| (chain.clone(), t.clone()))
            .collect::<Vec<_>>(),
    );
    let mut value = serde_json::to_value(&seed).expect("value");
    replace_strings(&mut value, &texts, &converted);
    value["inLanguage"] = json!(source.tag());
    serde_json::from_value(value).expect("article")
}

/// Replaces every string equal to `from[i]` by `to[i]` in a JSON tree (text fields only).
fn replace_strings(v: &mut Value, from: &[String], to: &[String]) {
    match v {
        Value::String(s) => {
            if let Some(i) = from.iter().position(|f| f == s) {
                *s = to[i].clone();
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| replace_strings(x, from, to)),
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                if !matches!(k.as_str(), "url" | "datePublished" | "inLanguage" | "role") {
                    replace_strings(x, from, to);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn every_source_target_pair_matches_opencc() {
    if !oracle_available() {
        return;
    }
    let mut checked = 0;
    for source in SourceScript::ALL {
        let article = seed_in(source);
        let texts = strings(&article);
        for target in Script::ALL {
            let configs = plan(source, target);
            let ours = convert_article_native(&article, target, ConvertOptions::default(), None)
                .expect("converts");
            if configs.is_empty() {
                assert_eq!(
                    ours, article,
                    "{source:?} → {target:?} must be the original"
                );
                continue;
            }
            let expected = oracle(
                &texts
                    .iter()
                    .map(|t| (configs.to_vec(), t.clone()))
                    .collect::<Vec<_>>(),
            );
            let got = strings(&ours);
            for (i, (e, g)) in expected.iter().zip(&got).enumerate() {
                assert_eq!(
                    g,
                    e,
                    "{source:?} → {target:?} ({}), string {i}",
                    configs.join("+")
                );
            }
            assert_eq!(ours.url, article.url);
            assert_eq!(ours.date_published, article.date_published);
            checked += 1;
        }
    }
    // 4 sources × 5 options, less the original and the source's own script.
    assert_eq!(checked, 12);
}

#[test]
fn seed_to_simplified_reads_as_opencc_writes_it() {
    let a = convert_article_native(&seed(), Script::Hans, ConvertOptions::default(), None)
        .expect("converts");
    assert_eq!(a.headline, "南阳发布强市“科技纲领” 力争形成区域创新标杆");
    assert!(
        a.body[4].text().contains("“包干制”"),
        "{}",
        a.body[4].text()
    );
    assert!(
        a.body[0].text().contains("产业创新"),
        "産 becomes 产: {}",
        a.body[0].text()
    );
    assert_eq!(a.editors[0].label.as_deref(), Some("编辑"));
    assert_eq!(script::shown_lang(&seed(), Script::Hans), "zh-Hans");
    assert_eq!(script::shown_lang(&seed(), Script::Hant), "zh-Hant");
    assert_eq!(script::shown_lang(&seed(), Script::HantHk), "zh-Hant-HK");
}

fn simplified_article(body: &str, conversion: Option<Value>) -> Article {
    let mut v = json!({
        "version": 1,
        "headline": "南阳发布强市科技纲领",
        "datePublished": "2025-12-29T18:35:44+08:00",
        "inLanguage": "zh-Hans",
        "source": {"name": "国际在线"},
        "body": [body]
    });
    if let Some(c) = conversion {
        v["conversion"] = c;
    }
    article_model::article_from_value(v).expect("valid")
}

#[test]
fn publisher_overrides_fix_opencc_slips() {
    let body = "这个方法被发明以后，少数组织在南阳发布了王小军的报告。";
    let plain = simplified_article(body, None);
    let o = ConvertOptions::default();
    // OpenCC's known slips, as OpenCC 1.4.2 writes them.
    let s2t = convert_article_native(&plain, Script::Hant, o, None).expect("s2t");
    assert!(
        s2t.body[0].text().contains("被髮明"),
        "{}",
        s2t.body[0].text()
    );
    let tw = convert_article_native(&plain, Script::HantTw, o, None).expect("s2twp");
    assert!(
        tw.body[0].text().contains("少陣列織"),
        "{}",
        tw.body[0].text()
    );
    assert!(
        tw.body[0].text().contains("南陽釋出"),
        "{}",
        tw.body[0].text()
    );

    let fixed = simplified_article(
        body,
        Some(json!({
            "keep": ["王小军"],
            "terms": [
                {"term": "被发明", "traditional": "被發明"},
                {"term": "少数组织", "traditional": "少數組織"},
                {"term": "南阳发布", "hant-tw": "南陽發佈", "hant": "南陽發佈", "hant-hk": "南陽發佈"}
            ]
        })),
    );
    for target in [Script::Hant, Script::HantTw, Script::HantHk] {
        let a = convert_article_native(&fixed, target, o, None).expect("converts");
        let p = &a.body[0].text();
        assert!(p.contains("被發明"), "{target:?}: {p}");
        assert!(p.contains("少數組織"), "{target:?}: {p}");
        assert!(p.contains("南陽發佈"), "{target:?}: {p}");
        assert!(p.contains("王小军"), "{target:?}: kept as printed: {p}");
        assert!(
            !p.contains("被髮明") && !p.contains("釋出"),
            "{target:?}: {p}"
        );
        // The headline is converted with the same overrides.
        assert!(
            a.headline.starts_with("南陽發佈"),
            "{target:?}: {}",
            a.headline
        );
    }
    // Simplified output of a Simplified article is the original: nothing to override.
    let hans = convert_article_native(&fixed, Script::Hans, o, None).expect("hans");
    assert_eq!(hans, fixed);
}

#[test]
fn overrides_leave_the_rest_to_opencc() {
    if !oracle_available() {
        return;
    }
    let body = "这个方法被发明以后，少数组织在南阳发布了报告。";
    let fixed = simplified_article(
        body,
        Some(json!({"terms": [{"term": "被发明", "traditional": "被發明"}]})),
    );
    let a = convert_article_native(&fixed, Script::HantTw, ConvertOptions::default(), None)
        .expect("converts");
    let pieces = oracle(&[
        (vec!["s2twp"], "这个方法".to_owned()),
        (vec!["s2twp"], "以后，少数组织在南阳发布了报告。".to_owned()),
    ]);
    assert_eq!(
        a.body[0].text(),
        format!("{}被發明{}", pieces[0], pieces[1])
    );
}

#[test]
fn quote_marks_on_the_seed_keep_every_character() {
    let seed = seed();
    let o = ConvertOptions { quote_marks: true };
    let tw = convert_article_native(&seed, Script::HantTw, o, None).expect("t2tw");
    let plain =
        convert_article_native(&seed, Script::HantTw, ConvertOptions::default(), None).unwrap();
    assert_eq!(
        tw.headline,
        plain.headline.replace('“', "「").replace('”', "」")
    );
    for (q, p) in tw.body.iter().zip(&plain.body) {
        let (q, p) = (q.text(), p.text());
        assert_eq!(q.chars().count(), p.chars().count());
        let strip = |s: &str| s.replace(['“', '”', '「', '」', '‘', '’', '『', '』'], "");
        assert_eq!(strip(&q), strip(&p), "only quote marks change");
    }
    // The seed's unbalanced mark stays as printed; its neighbours pair up.
    assert!(
        tw.body[3].text().contains("揭榜掛帥”「賽馬制」")
            || tw.body[3].text().contains("揭榜挂帥”「賽馬制」"),
        "{}",
        tw.body[3].text()
    );
    // Back to Simplified: 「」 would become “” — the seed's “” stay “”.
    let hans = convert_article_native(&seed, Script::Hans, o, None).expect("t2s");
    assert!(hans.headline.contains("“科技纲领”"), "{}", hans.headline);
}

/// `tests/fixtures/seed-scripts.json`: the seed's visible strings (in
/// `for_each_visible_string` order) in every script, as OpenCC 1.4.2 writes them. The browser
/// tests compare the widget's DOM with it. Regenerate with `UPDATE_GOLDENS=1`.
#[test]
fn seed_goldens_are_opencc_output() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-scripts.json"
    );
    let seed = seed();
    let texts = script::visible_pieces(&seed).0;
    let committed: Option<Value> = std::fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    // Our engine reproduces the committed goldens exactly (no oracle needed).
    if let Some(golden) = &committed {
        for target in [Script::Hans, Script::HantTw, Script::HantHk] {
            let ours = convert_article_native(&seed, target, ConvertOptions::default(), None)
                .expect("converts");
            let want: Vec<String> =
                serde_json::from_value(golden[target.as_str()]["strings"].clone())
                    .expect("golden strings");
            assert_eq!(script::visible_pieces(&ours).0, want, "{target:?}");
        }
    }
    if !oracle_available() {
        assert!(committed.is_some(), "{path} is missing");
        return;
    }
    let mut generated = serde_json::Map::new();
    for target in [Script::Hans, Script::HantTw, Script::HantHk] {
        let configs = plan(SourceScript::Hant, target);
        let out = oracle(
            &texts
                .iter()
                .map(|t| (configs.to_vec(), t.clone()))
                .collect::<Vec<_>>(),
        );
        generated.insert(
            target.as_str().to_owned(),
            json!({ "config": configs.join("+"), "lang": target.lang_tag(), "strings": out }),
        );
    }
    let generated = Value::Object(generated);
    if std::env::var_os("UPDATE_GOLDENS").is_some() {
        let text = serde_json::to_string_pretty(&generated).expect("json") + "\n";
        std::fs::write(path, text).expect("write goldens");
        return;
    }
    assert_eq!(
        committed.as_ref(),
        Some(&generated),
        "{path} differs from OpenCC's output; regenerate with UPDATE_GOLDENS=1"
    );
}

/// The control under SSR: five options, named as a group, the shown one pressed; a pending
/// option is busy with its percentage; an error is a status message. Not shown for an
/// article that is not Chinese.
#[test]
fn script_control_renders_its_state() {
    use article_widget::{ScriptControl, ScriptControlProps};
    use article_widget::{SwitchingArticle, SwitchingArticleProps};
    use yew::LocalServerRenderer;
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let html = LocalServerRenderer::<ScriptControl>::with_props(ScriptControlProps {
            labels: &article_widget::labels::ZH_HANT,
            shown: Script::Hant,
            pending: Some((Script::Hans, Some(42))),
            error: None,
            on_choose: Default::default(),
        })
        .render()
        .await;
        assert!(html.contains(r#"role="group" aria-label="文字""#), "{html}");
        for label in ["原文", "简体", "繁體", "臺灣", "香港"] {
            assert!(html.contains(label), "{label}: {html}");
        }
        assert_eq!(html.matches(r#"aria-pressed="true""#).count(), 1);
        assert!(
            html.contains(r#"data-script="hant" lang="zh-Hant" aria-pressed="true""#),
            "{html}"
        );
        assert!(
            html.contains(r#"aria-busy="true""#) && html.contains("42%"),
            "{html}"
        );

        let seed = std::rc::Rc::new(seed());
        let html = LocalServerRenderer::<SwitchingArticle>::with_props(SwitchingArticleProps {
            article: seed.clone(),
            locale: None,
            script: script::ScriptDefault::Fixed(Script::Original),
            quote_marks: false,
            on_script: Default::default(),
            on_script_error: Default::default(),
            excerpt: None,
            images: Default::default(),
            chrome_lang: None,
            on_rendered: Default::default(),
            backend: None,
        })
        .render()
        .await;
        assert!(
            html.contains(r#"data-script="original" lang="zh-Hant" aria-pressed="true""#),
            "{html}"
        );
        let mut english = (*seed).clone();
        english.in_language = "en".into();
        let html = LocalServerRenderer::<SwitchingArticle>::with_props(SwitchingArticleProps {
            article: std::rc::Rc::new(english),
            locale: None,
            script: script::ScriptDefault::Fixed(Script::Hans),
            quote_marks: false,
            on_script: Default::default(),
            on_script_error: Default::default(),
            excerpt: None,
            images: Default::default(),
            chrome_lang: None,
            on_rendered: Default::default(),
            backend: None,
        })
        .render()
        .await;
        assert!(
            !html.contains("aw-script"),
            "no control for an English article"
        );
    });
}

/// The mapping table in docs/SCRIPTS.md is `plan()`.
#[test]
fn the_scripts_doc_mapping_table_is_the_plan() {
    let doc = include_str!("../docs/SCRIPTS.md");
    let table = doc
        .split("<!-- script-plan:start -->")
        .nth(1)
        .and_then(|t| t.split("<!-- script-plan:end -->").next())
        .expect("docs/SCRIPTS.md has the mapping table");
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("| `zh")).collect();
    assert_eq!(rows.len(), SourceScript::ALL.len());
    for (source, row) in SourceScript::ALL.into_iter().zip(rows) {
        assert!(row.starts_with(&format!("| `{}`", source.tag())), "{row}");
        let cells: Vec<String> = [Script::Hans, Script::Hant, Script::HantTw, Script::HantHk]
            .into_iter()
            .map(|t| match plan(source, t) {
                [] => "published text".to_owned(),
                configs => configs
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(" then "),
            })
            .collect();
        assert!(
            row.ends_with(&format!("| {} |", cells.join(" | "))),
            "docs/SCRIPTS.md row for {source:?} should read … | {} |\n{row}",
            cells.join(" | ")
        );
        // The aliases the row names map to the same source.
        for alias in row
            .split("also ")
            .nth(1)
            .map(|a| a.split(')').next().unwrap_or(""))
            .unwrap_or("")
            .split(", ")
            .filter(|a| !a.is_empty())
        {
            let tag = alias.trim_matches('`');
            assert_eq!(script::source_script(tag), Some(source), "{tag}");
        }
    }
}
