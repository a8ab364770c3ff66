//! `article-widget snippet`, run as a process: snapshots of the seed, the attribution in every
//! mode, options errors, SRI, and a document full of hostile strings.
//!
//! The snapshots in `tests/snapshots/` are the command's own reviewed output, not an
//! independent reference: they catch unintended changes. When a change to the view is
//! intended, regenerate them with `AW_UPDATE_SNAPSHOTS=1 cargo test -p article-widget-cli
//! --test snippet` and review the diff. (The independent goldens are OpenCC's outputs, in
//! `tests/fixtures/seed-scripts.json` and `crates/script-convert/tests/corpus/`.)
#![cfg(not(target_arch = "wasm32"))]

/// The repository root: the tests read its files and run the CLI there.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

use std::path::PathBuf;
use std::process::Command;

const LOADER: &str = "https://cdn.example/article-widget/article-widget.js";
const JSON_URL: &str = "https://publisher.example/news/2025/nanyang.json";

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("run article-widget");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn snippet(args: &[&str]) -> String {
    let mut all = vec!["snippet"];
    all.extend_from_slice(args);
    let (code, out, err) = cli(&all);
    assert_eq!(code, 0, "{err}");
    out
}

fn snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(ROOT).join("tests/snapshots").join(name);
    if std::env::var_os("AW_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (AW_UPDATE_SNAPSHOTS=1 writes it)", path.display()));
    assert!(
        expected == actual,
        "{name} differs from its snapshot; if the change is intended, run \
         AW_UPDATE_SNAPSHOTS=1 cargo test -p article-widget-cli --test snippet and review the diff\n{actual}"
    );
}

/// The text of `<script …>…</script>` elements whose opening tag contains `marker`.
fn script_bodies<'a>(html: &'a str, marker: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let open_end = start + rest[start..].find('>').unwrap() + 1;
        let close = open_end + rest[open_end..].find("</script>").unwrap();
        if rest[start..open_end].contains(marker) {
            out.push(&rest[open_end..close]);
        }
        rest = &rest[close..];
    }
    out
}

fn assert_attribution(html: &str) {
    assert!(
        html.contains("<p class=\"aw-credit\" style=\"margin:4px 0 0;padding:0;font-size:0.875em\">原載於 <a href=\"https://www.cri.cn/\" target=\"_blank\" rel=\"noopener\"><bdi>中央廣電總臺國際在線</bdi></a>, <time datetime=\"2025-12-29T18:35:44+08:00\">2025年12月29日</time></p>"),
        "attribution missing:\n{html}"
    );
    assert!(html.contains(">(文 王小軍)</p>"));
    assert!(html.contains("版權所有: <bdi>國廣國際在線網絡(北京)有限公司</bdi>"));
    assert!(html.contains("<details class=\"aw-copyright\""));
    assert!(!html.contains(" open"), "the notice starts collapsed");
    assert!(
        !html.contains("<style"),
        "no <style> element: blog platforms strip it"
    );
}

#[test]
fn seed_snippet_matches_its_golden_file() {
    let html = snippet(&["www/article.json", "--loader", LOADER]);
    snapshot("seed.html", &html);
    assert_attribution(&html);
    assert!(html.starts_with(
        "<article-widget data-snapshot style=\"display:block\">\n<div class=\"aw-snapshot\""
    ));
    assert!(html.ends_with(&format!(
        "</article-widget>\n<script async src=\"{LOADER}\"></script>\n"
    )));
    // Every paragraph, and the article inline for an upgrade without a fetch.
    let seed: serde_json::Value =
        serde_json::from_str(include_str!("../../../www/article.json")).unwrap();
    for p in seed["body"].as_array().unwrap() {
        assert!(html.contains(p.as_str().unwrap()));
    }
    let data = script_bodies(&html, "application/json");
    assert_eq!(data.len(), 1);
    let inline: serde_json::Value = serde_json::from_str(data[0]).unwrap();
    assert_eq!(inline, seed);
}

#[test]
fn excerpt_snippet_matches_its_golden_file() {
    let html = snippet(&[
        "www/article.json",
        "--loader",
        LOADER,
        "--excerpt",
        "2",
        "--json-url",
        JSON_URL,
    ]);
    snapshot("seed-excerpt.html", &html);
    assert_attribution(&html);
    assert!(html.starts_with(&format!(
        "<article-widget data-snapshot style=\"display:block\" src=\"{JSON_URL}\" excerpt=\"2\">"
    )));
    let seed: serde_json::Value =
        serde_json::from_str(include_str!("../../../www/article.json")).unwrap();
    let body = seed["body"].as_array().unwrap();
    assert!(html.contains(body[1].as_str().unwrap()));
    assert!(
        !html.contains(body[2].as_str().unwrap()),
        "only 2 paragraphs"
    );
    assert!(html.contains("<a href=\"https://www.cri.cn/\" target=\"_blank\" rel=\"noopener\">到原網站繼續閱讀全文</a>"));
    assert!(
        script_bodies(&html, "application/json").is_empty(),
        "with --json-url the article is fetched, not inlined"
    );
}

#[test]
fn an_excerpt_as_long_as_the_article_is_the_whole_article() {
    let whole = snippet(&["www/article.json", "--loader", LOADER]);
    let long = snippet(&["www/article.json", "--loader", LOADER, "--excerpt", "5"]);
    assert_eq!(long, whole);
}

#[test]
fn loader_file_pins_the_loader_with_sri() {
    let html = snippet(&[
        "www/article.json",
        "--loader",
        LOADER,
        "--loader-file",
        "www/article-widget.js",
    ]);
    let loader = std::fs::read(format!("{ROOT}/www/article-widget.js")).unwrap();
    let expected = article_widget_syndication::snippet::sri_sha384(&loader);
    assert!(html.ends_with(&format!(
        "<script async src=\"{LOADER}\" integrity=\"{expected}\" crossorigin=\"anonymous\"></script>\n"
    )));
}

#[test]
fn errors_name_the_option_and_the_fix() {
    let dir = std::env::temp_dir().join(format!("aw-snippet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let no_url = dir.join("no-url.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("../../../www/article.json")).unwrap();
    doc["source"].as_object_mut().unwrap().remove("url");
    std::fs::write(&no_url, doc.to_string()).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"version": 1, "headline": ""}"#).unwrap();
    let no_url = no_url.to_str().unwrap();
    let bad = bad.to_str().unwrap();
    // Invalid input (the document, or what it lacks for an option): exit 1.
    let invalid: [(&[&str], &str); 2] = [
        (
            &[no_url, "--loader", LOADER, "--excerpt", "1"],
            "the article has neither `url` nor `source.url`",
        ),
        (
            &[bad, "--loader", LOADER],
            "$.datePublished: required field is missing",
        ),
    ];
    // Usage (a missing, unknown or malformed option or argument): exit 2, from clap, naming
    // the option, with the fix or a suggestion.
    let usage: [(&[&str], &str); 6] = [
        (&["www/article.json"], "--loader <URL>"),
        (
            &["www/article.json", "--loader", "cdn/aw.js"],
            "invalid value 'cdn/aw.js' for '--loader <URL>': give the absolute http(s) URL",
        ),
        (
            &[
                "www/article.json",
                "--loader",
                LOADER,
                "--json-url",
                "javascript:x",
            ],
            "invalid value 'javascript:x' for '--json-url <URL>'",
        ),
        (
            &["www/article.json", "--loader", LOADER, "--excerpt", "0"],
            "invalid value '0' for '--excerpt <N>'",
        ),
        (
            &["www/article.json", "--loader", LOADER, "--scirpt", "hans"],
            "a similar argument exists: '--script'",
        ),
        (&["--loader", LOADER], "<ARTICLE.json>"),
    ];
    for (code_wanted, cases) in [(1, &invalid[..]), (2, &usage[..])] {
        for (args, message) in cases {
            let mut all = vec!["snippet"];
            all.extend_from_slice(args);
            let (code, out, err) = cli(&all);
            assert_eq!(code, code_wanted, "{args:?}: {err}");
            assert!(out.is_empty(), "nothing printed on failure");
            assert!(err.contains(message), "{args:?}: {err}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn hostile_strings_stay_one_inert_block() {
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("../../../www/article.json")).unwrap();
    doc["headline"] = "</script><script>alert(1)</script> \"quoted\" 'single'".into();
    doc["body"][0] = "<!-- not a comment --> </SCRIPT > & \u{2028}line\u{2029}para".into();
    doc["byline"] = "<img src=x onerror=alert(1)>".into();
    doc["source"]["name"] = "\"><script>alert(2)</script>".into();
    let dir = std::env::temp_dir().join(format!("aw-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("hostile.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let html = snippet(&[
        file.to_str().unwrap(),
        "--loader",
        LOADER,
        "--structured-data",
    ]);
    std::fs::remove_dir_all(&dir).ok();

    let lower = html.to_ascii_lowercase();
    // Exactly our three script elements: the inline data, the JSON-LD and the loader.
    assert_eq!(lower.matches("<script").count(), 3, "{html}");
    assert_eq!(lower.matches("</script").count(), 3, "{html}");
    assert!(!html.contains("<!--"), "no comment can open");
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    // The inline JSON is the document, exactly.
    let data = script_bodies(&html, "application/json");
    assert_eq!(data.len(), 1);
    assert!(!data[0].contains('\u{2028}') && !data[0].contains('\u{2029}'));
    let back: serde_json::Value = serde_json::from_str(data[0]).unwrap();
    assert_eq!(back["headline"], doc["headline"]);
    assert_eq!(back["body"], doc["body"]);
    assert_eq!(back["source"], doc["source"]);
    let ld = script_bodies(&html, "application/ld+json");
    assert_eq!(ld.len(), 1);
    assert!(!ld[0].contains('<') && !ld[0].contains('\u{2028}'));
    let ld: serde_json::Value = serde_json::from_str(ld[0]).unwrap();
    assert_eq!(ld["headline"], doc["headline"]);
    assert_eq!(ld["publisher"]["name"], doc["source"]["name"]);
}

#[test]
fn structured_data_carries_the_articles_values() {
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("../../../www/article.json")).unwrap();
    doc["url"] = "https://www.cri.cn/20251229/nanyang.html".into();
    doc["dateModified"] = "2025-12-30T09:00:00+08:00".into();
    doc["authors"][0]["url"] = "https://www.cri.cn/authors/wang".into();
    doc["copyright"]["license"] = "https://www.cri.cn/terms".into();
    let dir = std::env::temp_dir().join(format!("aw-ld-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("article.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let html = snippet(&[
        file.to_str().unwrap(),
        "--loader",
        LOADER,
        "--structured-data",
    ]);
    std::fs::remove_dir_all(&dir).ok();
    let blocks = script_bodies(&html, "application/ld+json");
    assert_eq!(blocks.len(), 1, "one block");
    let ld: serde_json::Value = serde_json::from_str(blocks[0]).expect("JSON-LD parses");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    for (prop, field) in [
        ("headline", "headline"),
        ("datePublished", "datePublished"),
        ("dateModified", "dateModified"),
        ("inLanguage", "inLanguage"),
        ("isBasedOn", "url"),
    ] {
        assert_eq!(ld[prop], doc[field], "{prop}");
    }
    let names = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&ld["author"]), names(&doc["authors"]));
    assert_eq!(ld["author"][0]["url"], doc["authors"][0]["url"]);
    assert_eq!(ld["author"][0]["@type"], "Person");
    assert_eq!(names(&ld["editor"]), names(&doc["editors"]));
    assert_eq!(ld["publisher"]["@type"], "Organization");
    assert_eq!(ld["publisher"]["name"], doc["source"]["name"]);
    assert_eq!(ld["publisher"]["url"], doc["source"]["url"]);
    let c = &doc["copyright"];
    let mut notice = vec![c["title"].as_str().unwrap().to_owned()];
    for clause in c["clauses"].as_array().unwrap() {
        for p in clause["paragraphs"].as_array().unwrap() {
            notice.push(p.as_str().unwrap().to_owned());
        }
    }
    assert_eq!(ld["copyrightNotice"], notice.join("\n"));
    assert_eq!(ld["copyrightHolder"]["name"], c["holder"]);
    assert_eq!(ld["license"], c["license"]);
    assert_eq!(
        ld["creditText"],
        "原載於 中央廣電總臺國際在線, 2025年12月29日"
    );
    // The block names the article, so the widget can find it and not add a second one.
    let key = html
        .split("data-aw-ld=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap();
    assert_eq!(key.len(), 8);
    assert!(html.contains(&format!("aria-labelledby=\"aw-h-{key}-0\"")));
}

#[test]
fn structured_data_is_opt_in() {
    let html = snippet(&["www/article.json", "--loader", LOADER]);
    assert!(!html.contains("ld+json"));
}

/// The snippet section of docs/SYNDICATION.md shows the command's real output for the seed.
#[test]
fn the_syndication_doc_shows_the_real_output() {
    let path = PathBuf::from(ROOT).join("docs/SYNDICATION.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- snippet:start -->\n", "<!-- snippet:end -->");
    let a = doc
        .find(start)
        .expect("docs/SYNDICATION.md has a snippet section")
        + start.len();
    let b = a + doc[a..].find(end).unwrap();
    let command = "cargo run --release -p article-widget-cli -- ";
    let args = "snippet www/article.json --loader https://cdn.example/article-widget/article-widget.js --json-url https://publisher.example/news/2025/nanyang.json --excerpt 1";
    let argv: Vec<&str> = args.split(' ').collect();
    let (code, out, err) = cli(&argv);
    assert_eq!(code, 0, "{err}");
    let expected = format!("```sh\n{command}{args}\n```\n\n```html\n{out}```\n");
    if std::env::var_os("AW_UPDATE_SNAPSHOTS").is_some() {
        let updated = format!("{}{expected}{}", &doc[..a], &doc[b..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        doc[a..b] == expected,
        "docs/SYNDICATION.md's snippet section is stale; AW_UPDATE_SNAPSHOTS=1 cargo test -p article-widget-cli --test snippet \
         rewrites it:\n{expected}"
    );
}

fn oembed(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["oembed"];
    all.extend_from_slice(args);
    let (code, out, err) = cli(&all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("the response is JSON")
}

#[test]
fn oembed_is_a_rich_response_around_the_snippet() {
    let seed: serde_json::Value =
        serde_json::from_str(include_str!("../../../www/article.json")).unwrap();
    let args = ["www/article.json", "--loader", LOADER, "--excerpt", "2"];
    let r = oembed(&args);
    // oEmbed 1.0, section 2.3.4: type and version; rich: html, width, height.
    assert_eq!(r["type"], "rich");
    assert_eq!(r["version"], "1.0");
    assert_eq!(r["html"].as_str().unwrap(), snippet(&args));
    assert_eq!(r["width"], 736);
    let height = r["height"].as_u64().expect("height is an integer");
    assert!(height > 300, "{height}");
    assert_eq!(r["title"], seed["headline"]);
    assert_eq!(r["author_name"], "王小軍");
    assert_eq!(r["provider_name"], seed["source"]["name"]);
    assert_eq!(r["provider_url"], seed["source"]["url"]);
    assert_eq!(r["cache_age"], 3600);
    // The whole article needs more room than a two-paragraph excerpt.
    let whole = oembed(&["www/article.json", "--loader", LOADER, "--cache-age", "60"]);
    assert!(whole["height"].as_u64().unwrap() > height + 500);
    assert_eq!(whole["cache_age"], 60);
    let (code, _, err) = cli(&[
        "oembed",
        "www/article.json",
        "--loader",
        LOADER,
        "--cache-age",
        "soon",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("invalid value 'soon' for '--cache-age <SECONDS>'"),
        "{err}"
    );
}

#[test]
fn each_script_matches_its_golden_file() {
    for script in ["original", "hans", "hant", "hant-tw", "hant-hk"] {
        let html = snippet(&[
            "www/article.json",
            "--loader",
            LOADER,
            "--json-url",
            JSON_URL,
            "--script",
            script,
        ]);
        snapshot(&format!("seed-{script}.html"), &html);
        assert!(
            html.contains("<p class=\"aw-credit\""),
            "{script}: attribution"
        );
        assert!(
            html.contains("<details class=\"aw-copyright\""),
            "{script}: notice"
        );
        // The live widget is told to keep the script (no attribute: as published).
        assert_eq!(
            html.contains(&format!(" script=\"{script}\">")),
            script != "original",
            "{script}"
        );
    }
}

#[test]
fn script_converts_with_the_widgets_engine_and_labels() {
    let html = snippet(&["www/article.json", "--loader", LOADER, "--script", "hans"]);
    // OpenCC 1.4.2's t2s of the seed's headline (the reference output).
    assert!(html.contains(">南阳发布强市“科技纲领” 力争形成区域创新标杆</h1>"));
    assert!(html.contains("<article lang=\"zh-Hans\""));
    assert!(html.contains(">原载于 <a href=\"https://www.cri.cn/\""));
    assert!(html.contains("<bdi>编辑</bdi>: <bdi>仝瑞勤</bdi>"));
    assert!(html.contains("<bdi>责编</bdi>: <bdi>蒋硕</bdi>"));
    assert!(html.contains("版权所有: "));
    // Every paragraph is the engine's conversion (same configs, tofu-risk dictionaries out).
    let seed =
        article_widget::Article::from_json(include_str!("../../../www/article.json")).unwrap();
    let shown = article_convert::convert_article_native(
        &seed,
        article_convert::Script::Hans,
        Default::default(),
        None,
    )
    .unwrap();
    for (p, original) in shown.body.iter().zip(&seed.body) {
        assert_ne!(p, original);
        assert!(html.contains(&format!("text-indent:2em\">{p}</p>")), "{p}");
    }
    // The inline data stays as published: the live widget converts it itself.
    let data = script_bodies(&html, "application/json");
    let inline = article_widget::Article::from_json(data[0]).unwrap();
    assert_eq!(inline, seed);
    // A wrong name lists the right ones.
    let (code, _, err) = cli(&[
        "snippet",
        "www/article.json",
        "--loader",
        LOADER,
        "--script",
        "auto",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("invalid value 'auto' for '--script <SCRIPT>'")
            && err.contains("[possible values: original, hans, hant, hant-tw, hant-hk]"),
        "{err}"
    );
}

/// The snippet of a rich article, in each script: a no-JS reader sees every block styled as the
/// widget's stylesheet lays it out, and every photo with its caption and credit; the JSON-LD
/// carries the standfirst, the images and the corrections.
#[test]
fn rich_snippets_show_every_block_without_javascript() {
    for (file, script) in [
        ("tests/fixtures/rich/rich.hant.json", None),
        ("tests/fixtures/rich/rich.hans.json", None),
        ("tests/fixtures/rich/rich.hant.json", Some("hans")),
    ] {
        let mut args = vec![file, "--loader", LOADER, "--structured-data"];
        if let Some(s) = script {
            args.extend(["--script", s]);
        }
        let html = snippet(&args);
        let name = format!("{file} {script:?}");
        assert!(!html.contains("<style"), "{name}: no <style> element");
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(PathBuf::from(ROOT).join(file)).unwrap())
                .unwrap();
        // Every image, with its reserved ratio when its size is known, never wider than the
        // column; then its caption and credit, as published when shown as published.
        let mut images = vec![doc["image"].clone()];
        images.extend(
            doc["body"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|b| b["type"] == "figure")
                .map(|b| b["image"].clone()),
        );
        assert_eq!(images.len(), 4);
        for image in &images {
            let src = image["src"].as_str().unwrap();
            let at = html
                .find(&format!("<img src=\"{src}\""))
                .unwrap_or_else(|| panic!("{name}: no <img> for {src}"));
            let tag = &html[at..at + html[at..].find('>').unwrap()];
            let ratio = match (image["width"].as_u64(), image["height"].as_u64()) {
                (Some(w), Some(h)) => format!(";aspect-ratio:{w}/{h}\""),
                _ => "height:auto\"".to_owned(),
            };
            assert!(
                tag.contains(&format!(
                    "style=\"display:block;max-width:100%;height:auto{}",
                    ratio.trim_start_matches("height:auto")
                )),
                "{name}: {tag}"
            );
            if script.is_none() {
                for field in ["caption", "credit", "alt"] {
                    assert!(
                        html.contains(image[field].as_str().unwrap()),
                        "{name}: {field} of {src}"
                    );
                }
            }
        }
        for styled in [
            "<p class=\"aw-standfirst\" style=\"margin:0 0 12px;padding:0;font-size:1.0625em\">",
            "<figure class=\"aw-figure aw-lead\" style=\"display:block;margin:0 0 1em;padding:0;margin-top:16px\">",
            "<h2 class=\"aw-subhead\" style=\"margin:1.5em 0 0.5em;padding:0;font-size:1.25em;font-weight:700;line-height:1.4\">",
            "<figure class=\"aw-quote\" style=\"display:block;margin:0 0 1em;padding:0;padding-inline-start:16px;border-inline-start:3px solid var(--aw-color-rule,#d8dee4)\"><blockquote style=\"display:block;margin:0;padding:0;text-indent:0\"><p style=\"display:block;margin:0;padding:0;text-indent:0\">",
            "<figcaption class=\"aw-cite\" style=\"display:block;margin:4px 0 0;padding:0;font-size:0.875em\">",
            "<ul class=\"aw-list\" style=\"margin:0 0 1em;padding:0;padding-inline-start:2em\"><li style=\"margin:0;padding:0\">",
            "<ol class=\"aw-list\" style=\"margin:0 0 1em;padding:0;padding-inline-start:2em\"><li style=\"margin:0;padding:0\">",
            "<section class=\"aw-corrections\" style=\"display:block;margin:16px 0 8px;padding:8px 12px;border:1px solid var(--aw-color-rule,#d8dee4);border-radius:6px;font-size:0.875em\">",
            "<ul style=\"list-style:none;margin:0;padding:0\"><li style=\"margin:0;padding:0\"><time datetime=\"2026-11-20T15:00:00+08:00\">",
            "<span class=\"aw-image-credit\" style=\"margin-inline-start:0.75em\">",
        ] {
            assert!(html.contains(styled), "{name}: {styled} missing");
        }
        // Paragraphs after figures are still the body's (an <img> has no end tag).
        let after_figure = html
            .rfind("</figure><p")
            .expect("a paragraph after a figure");
        assert!(
            html[after_figure..]
                .starts_with("</figure><p style=\"margin:0 0 1em;padding:0;text-indent:2em\">"),
            "{name}"
        );
        let ld = script_bodies(&html, "application/ld+json");
        let ld: serde_json::Value = serde_json::from_str(ld[0]).unwrap();
        assert_eq!(ld["image"].as_array().unwrap().len(), 4, "{name}");
        assert_eq!(ld["correction"].as_array().unwrap().len(), 2, "{name}");
        assert_eq!(ld["correction"][0]["@type"], "CorrectionComment");
        assert!(ld["description"].is_string(), "{name}");
    }
}
