//! Server-side rendering of the components with the seed article: every part of the seed page
//! is in the HTML, in semantic elements, and the copyright notice starts collapsed.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use article_widget::{Article, ArticleView, ArticleViewProps, ArticleWidget, ArticleWidgetProps};
use yew::LocalServerRenderer;

mod common;

use common::seed;

async fn render_view(article: Rc<Article>) -> String {
    render_instance(article, 0).await
}

async fn render_instance(article: Rc<Article>, instance: u32) -> String {
    LocalServerRenderer::<ArticleView>::with_props(ArticleViewProps {
        instance,
        ..common::view_props(article)
    })
    .render()
    .await
}

/// Collapses the markup to its text, with tags replaced by nothing and entities decoded.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[tokio::test]
async fn renders_every_part_of_the_seed() {
    let article = seed();
    let html = render_view(article.clone()).await;
    let text = text_of(&html);
    for s in &article.sections {
        assert!(
            html.contains(&format!("<li><bdi>{}</bdi></li>", s.name)),
            "section {}",
            s.name
        );
    }
    assert!(
        html.contains("<nav aria-label=\"欄目\" class=\"aw-sections\">"),
        "{html}"
    );
    assert!(html.contains(&format!(">{}</h1>", article.headline)));
    assert!(html.contains("<time datetime=\"2025-12-29T18:35:44+08:00\" class=\"aw-published\">"));
    assert!(text.contains("2025年12月29日 18:35:44 (UTC+8)"));
    assert!(text.contains("來源: 中央廣電總臺國際在線"));
    assert!(html.contains("<a href=\"https://www.cri.cn/\" target=\"_blank\" rel=\"noopener noreferrer\"><bdi>中央廣電總臺國際在線</bdi></a>"));
    assert!(text.contains("編輯: 仝瑞勤"));
    assert!(text.contains("責編: 蔣碩"));
    for p in &article.body {
        assert!(html.contains(&format!("<p>{p}</p>")), "paragraph {p}");
    }
    assert!(html.contains("<p part=\"byline\" class=\"aw-byline\">(文 王小軍)</p>"));
    // The attribution block: credit linked to the source (the seed has no `url`), holder.
    assert!(
        text.contains("原載於 中央廣電總臺國際在線, 2025年12月29日"),
        "{text}"
    );
    assert!(html.contains("<p class=\"aw-credit\">原載於 <a href=\"https://www.cri.cn/\" target=\"_blank\" rel=\"noopener\"><bdi>中央廣電總臺國際在線</bdi></a>, <time datetime=\"2025-12-29T18:35:44+08:00\">2025年12月29日</time></p>"), "{html}");
    assert!(text.contains("版權所有: 國廣國際在線網絡(北京)有限公司"));
    // The byline names the only author: not listed twice.
    assert!(!html.contains("aw-authors"));
    let c = article.copyright.as_ref().unwrap();
    assert!(html.contains(&format!(
        "<summary part=\"notice-summary\">{}</summary>",
        c.title
    )));
    for clause in &c.clauses {
        for p in &clause.paragraphs {
            assert!(text.contains(p.as_str()), "clause {p}");
        }
    }
    // Semantic structure, in order.
    let order = [
        "<article",
        "<header",
        "<nav",
        "<h1",
        "<time",
        "</header>",
        "<footer",
        "aw-byline",
        "aw-credit",
        "<details",
        "</article>",
    ];
    let mut at = 0;
    for tag in order {
        let found = html[at..]
            .find(tag)
            .unwrap_or_else(|| panic!("{tag} missing or out of order"));
        at += found;
    }
    // The notice is collapsed by default: no `open` attribute.
    assert!(html.contains("<details part=\"notice\" class=\"aw-copyright\">"));
    assert!(!html.contains(" open"));
}

#[tokio::test]
async fn text_is_escaped_never_interpreted() {
    let mut article = (*seed()).clone();
    article.headline = "<img src=x onerror=alert(1)>".into();
    article.body[0] = "<script>alert(1)</script> & more".into();
    article.source.url = Some("javascript:alert(1)".into());
    let html = render_view(Rc::new(article)).await;
    assert!(!html.contains("<img"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
    assert!(
        !html.contains("javascript:"),
        "an unsafe link must render as text"
    );
}

#[tokio::test]
async fn labels_follow_the_article_language() {
    let mut article = (*seed()).clone();
    article.in_language = "zh-Hans".into();
    for e in &mut article.editors {
        e.label = None;
    }
    let text = text_of(&render_view(Rc::new(article)).await);
    assert!(text.contains("来源: 中央廣電總臺國際在線"));
    assert!(text.contains("编辑: 仝瑞勤"));
    assert!(text.contains("责编: 蔣碩"));
    assert!(text.contains("原载于 中央廣電總臺國際在線, 2025年12月29日"));
    assert!(text.contains("版权所有: "));
}

#[tokio::test]
async fn widget_shows_loading_state_before_the_fetch() {
    let html = LocalServerRenderer::<ArticleWidget>::with_props(ArticleWidgetProps {
        src: Some("https://example.com/article.json".into()),
        ui_lang: Some("zh-Hant".into()),
        ..common::widget_props()
    })
    .render()
    .await;
    assert!(html.contains("aria-busy=\"true\""));
    assert!(html.contains("正在載入文章…"));
    assert!(
        html.contains("<style>"),
        "the component carries its stylesheet"
    );
}

#[tokio::test]
async fn widget_without_src_explains_itself() {
    let html = LocalServerRenderer::<ArticleWidget>::with_props(common::widget_props())
        .render()
        .await;
    assert!(html.contains("class=\"aw-error\""));
    assert!(
        !html.contains("role=\"alert\""),
        "announced by the polite live region only"
    );
    assert!(html.contains("give the widget a `src` URL"));
    assert!(
        !html.contains("class=\"aw-retry\""),
        "nothing to retry without a src"
    );
}

#[tokio::test]
async fn widget_with_article_renders_it() {
    let html = LocalServerRenderer::<ArticleWidget>::with_props(ArticleWidgetProps {
        article: Some(seed()),
        with_style: false,
        ..common::widget_props()
    })
    .render()
    .await;
    assert!(html.contains("南陽發佈強市“科技綱領” 力爭形成區域創新標杆</h1>"));
    assert!(!html.contains("<style>"));
}

#[tokio::test]
async fn ids_are_reproducible_and_distinct_per_instance() {
    let a = render_instance(seed(), 0).await;
    let b = render_instance(seed(), 0).await;
    assert_eq!(a, b, "the same article renders the same HTML on every run");
    let id = article_widget::headline_id(&seed(), 0);
    assert!(
        a.contains(&format!("aria-labelledby=\"{id}\"")) && a.contains(&format!("id=\"{id}\""))
    );
    let second = render_instance(seed(), 1).await;
    let id1 = article_widget::headline_id(&seed(), 1);
    assert_ne!(id, id1);
    assert!(second.contains(&format!("id=\"{id1}\"")));
    // Another article (its own URL) gets another id.
    let mut other = (*seed()).clone();
    other.url = Some("https://www.cri.cn/20251229/other.html".into());
    assert_ne!(article_widget::headline_id(&other, 0), id);
}

#[tokio::test]
async fn attribution_links_the_article_url_and_shows_every_credit() {
    let mut article = (*seed()).clone();
    article.url = Some("https://www.cri.cn/20251229/nanyang.html".into());
    article.byline = Some("(文 王小軍)".into());
    article.authors.push(article_model::Person {
        name: "李四".into(),
        url: Some("https://www.cri.cn/authors/li".into()),
    });
    article.date_modified = Some("2025-12-30T09:00:00+08:00".into());
    article.copyright.as_mut().unwrap().license = Some("https://www.cri.cn/terms".into());
    let html = render_view(Rc::new(article)).await;
    let text = text_of(&html);
    assert!(html.contains("原載於 <a href=\"https://www.cri.cn/20251229/nanyang.html\" target=\"_blank\" rel=\"noopener\"><bdi>中央廣電總臺國際在線</bdi></a>"), "{html}");
    // The byline does not name 李四: the authors are listed, linked where they have a URL.
    assert!(text.contains("作者: 王小軍、李四"), "{text}");
    assert!(html.contains(
        "<a href=\"https://www.cri.cn/authors/li\" target=\"_blank\" rel=\"noopener\"><bdi>李四</bdi></a>"
    ));
    assert!(
        text.contains("更新於 2025年12月30日 09:00:00 (UTC+8)"),
        "{text}"
    );
    assert!(html.contains("<time datetime=\"2025-12-30T09:00:00+08:00\">"));
    assert!(html.contains("<a href=\"https://www.cri.cn/terms\" target=\"_blank\" rel=\"license noopener\" class=\"aw-license\">授權條款</a>"), "{html}");
    // The license link is visible, not inside the collapsed notice.
    let details = html.find("<details").unwrap();
    assert!(html.find("aw-license").unwrap() < details);
}

#[tokio::test]
async fn attribution_is_shown_without_any_optional_field() {
    let mut article = (*seed()).clone();
    article.source.url = None;
    article.byline = None;
    article.authors.clear();
    article.copyright = None;
    article.in_language = "en".into();
    let html = render_view(Rc::new(article)).await;
    assert!(
        html.contains("<p class=\"aw-credit\">Originally published by <bdi>中央廣電總臺國際在線</bdi> on <time datetime=\"2025-12-29T18:35:44+08:00\">December 29, 2025</time></p>"),
        "{html}"
    );
    assert!(html.contains("aria-label=\"Attribution\""));
}

#[tokio::test]
async fn ui_lang_puts_the_widget_words_in_that_language_with_their_own_lang() {
    let html = LocalServerRenderer::<ArticleView>::with_props(ArticleViewProps {
        ui_lang: Some("en".into()),
        ..common::view_props(seed())
    })
    .render()
    .await;
    // The article stays Chinese; the labels are English and say so.
    assert!(html.contains("<article lang=\"zh-Hant\""), "{html}");
    assert!(html.contains("<span lang=\"en\">Source</span>: "), "{html}");
    // The seed's editors carry the publisher's own labels, which stay as printed.
    assert!(
        html.contains("><bdi>編輯</bdi>: <bdi>仝瑞勤</bdi></span>"),
        "{html}"
    );
    assert!(html.contains("><bdi>責編</bdi>: <bdi>蔣碩</bdi></span>"));
    assert!(html
        .contains("<span lang=\"en\">Copyright</span>: <bdi>國廣國際在線網絡(北京)有限公司</bdi>"));
    // The credit line is English around the source's Chinese name, dated in English.
    assert!(
        html.contains("<p lang=\"en\" class=\"aw-credit\">Originally published by <span lang=\"zh-Hant\"><a href=\"https://www.cri.cn/\""),
        "{html}"
    );
    assert!(
        html.contains(
            " on <time datetime=\"2025-12-29T18:35:44+08:00\" lang=\"en\">December 29, 2025</time></p>"
        ),
        "{html}"
    );
    // Without ui_lang nothing is marked.
    let plain = render_instance(seed(), 0).await;
    assert!(!plain.contains("lang=\"en\""));
}

/// A long body (over `LONG_BODY` paragraphs) is marked `aw-long` (its paragraphs get
/// `content-visibility: auto`), and server-side rendering shows all of it, in order, as
/// `<p>` children of `.aw-body`: the steps of a progressive body are the browser's only,
/// and the widget renders progressively only there.
#[tokio::test]
async fn a_long_body_renders_whole_and_is_marked_long() {
    use article_widget::{LONG_BODY, STEP_PARAGRAPHS};
    let mut long = (*seed()).clone();
    let n = LONG_BODY + 2 * STEP_PARAGRAPHS + 7;
    long.body = (0..n).map(|i| format!("段落 {i}").into()).collect();
    let long = Rc::new(long);
    for html in [
        LocalServerRenderer::<ArticleView>::with_props(common::view_props(long.clone()))
            .hydratable(false)
            .render()
            .await,
        LocalServerRenderer::<ArticleWidget>::with_props(ArticleWidgetProps {
            article: Some(long.clone()),
            ..common::widget_props()
        })
        .hydratable(false)
        .render()
        .await,
    ] {
        let at = html
            .find(r#"class="aw-body aw-long">"#)
            .expect("marked long");
        let body = &html[at..at + html[at..].find("</div>").unwrap()];
        let texts: Vec<&str> = body
            .split("<p>")
            .skip(1)
            .map(|p| &p[..p.find("</p>").unwrap()])
            .collect();
        let expected: Vec<String> = (0..n).map(|i| format!("段落 {i}")).collect();
        assert_eq!(texts, expected);
    }
    // The seed's body is short: not marked.
    let html = render_view(seed()).await;
    assert!(html.contains(r#"class="aw-body">"#), "{html}");
    assert!(!html.contains("aw-long"), "{html}");
}
