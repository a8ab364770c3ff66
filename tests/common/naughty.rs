//! Untrusted strings for the tests: the Big List of Naughty Strings
//! (`tests/fixtures/blns/`, MIT) and the string fields of the article they go into.

/// String fields as JSON pointers into the seed; `true` for URLs.
pub const FIELDS: &[(&str, bool)] = &[
    ("/headline", false),
    ("/byline", false),
    ("/source/name", false),
    ("/authors/0/name", false),
    ("/editors/0/name", false),
    ("/editors/0/label", false),
    ("/sections/0/name", false),
    ("/body/0", false),
    ("/copyright/title", false),
    ("/copyright/holder", false),
    ("/copyright/clauses/0/paragraphs/0", false),
    ("/url", true),
    ("/source/url", true),
    ("/sections/0/url", true),
    ("/copyright/license", true),
];

/// Characters the list does not contain that the DOM and the HTML parser treat specially:
/// U+0000, CR and CR LF, the other C0 and C1 controls, line and paragraph separators, a
/// byte order mark, noncharacters, and bidi controls left open.
pub const CONTROLS: &[&str] = &[
    "a\u{0}b",
    "\u{0}",
    "a\r\nb",
    "a\rb\r",
    "\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{b}\u{c}\u{e}\u{f}\u{10}\u{1b}\u{1f}x",
    "x\u{7f}\u{80}\u{85}\u{9f}",
    "a\u{2028}b\u{2029}c",
    "\u{feff}BOM",
    "x\u{fffe}\u{ffff}\u{fdd0}\u{10ffff}",
    "\u{202e}RLO \u{202b}RLE \u{202d}LRO \u{2067}RLI \u{2068}FSI",
];

/// Every string of the list, then [`CONTROLS`].
pub fn strings() -> Vec<String> {
    let mut list: Vec<String> =
        serde_json::from_str(include_str!("../fixtures/blns/blns.json")).expect("blns.json");
    assert!(list.len() > 400, "the list is vendored whole");
    list.extend(CONTROLS.iter().map(|s| s.to_string()));
    list
}

/// The seed article as JSON with `value` at `pointer`.
pub fn doc_with(pointer: &str, value: &str) -> String {
    set(super::SEED, pointer, value)
}

/// The path validation names for `pointer`: `/editors/0/name` is `$.editors[0].name`.
pub fn json_path(pointer: &str) -> String {
    let mut path = String::from("$");
    for part in pointer.split('/').skip(1) {
        match part.parse::<usize>() {
            Ok(i) => path.push_str(&format!("[{i}]")),
            Err(_) => {
                path.push('.');
                path.push_str(part);
            }
        }
    }
    path
}

/// The rich fixture (`tests/fixtures/rich/rich.hant.json`), which has every rich field.
pub const RICH: &str = include_str!("../fixtures/rich/rich.hant.json");

/// How a rich string field is read and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RichKind {
    /// Text: refused when blank, shown as text.
    Text,
    /// A string or span of inline content beside others that have text: refused only when
    /// empty (spaces between spans are text), shown as text.
    Piece,
    /// An image's alt text: refused when blank (the image is not decorative), shown in the
    /// `alt` attribute.
    Alt,
    /// An absolute http(s) URL, shown in the named attribute (`src`, `srcset`, `href`).
    Url(&'static str),
}

/// The rich fields' strings as JSON pointers into [`RICH`]: the standfirst, the lead image's
/// and a figure's caption, credit, alt and URLs, a srcset URL, a subhead, a quote's text and
/// cite, span text, a plain string between spans, a list item, a link, a correction.
pub const RICH_FIELDS: &[(&str, RichKind)] = &[
    ("/description", RichKind::Text),
    ("/image/caption", RichKind::Text),
    ("/image/credit", RichKind::Text),
    ("/image/alt", RichKind::Alt),
    ("/body/4/image/caption", RichKind::Text),
    ("/body/4/image/credit", RichKind::Text),
    ("/body/4/image/alt", RichKind::Alt),
    ("/body/2/content/0", RichKind::Text),
    ("/body/5/cite", RichKind::Text),
    ("/body/5/content/1/text", RichKind::Piece),
    ("/body/1/content/0", RichKind::Piece),
    ("/body/1/content/1/text", RichKind::Piece),
    ("/body/8/items/1/1", RichKind::Piece),
    ("/corrections/0/text", RichKind::Text),
    ("/image/src", RichKind::Url("src")),
    ("/image/srcset/0/src", RichKind::Url("srcset")),
    ("/body/4/image/src", RichKind::Url("src")),
    ("/body/1/content/5/link", RichKind::Url("href")),
];

/// The rich fixture as JSON with `value` at `pointer`, its body cut after the blocks
/// [`RICH_FIELDS`] point into (the first nine: each kind of block is there), so that the
/// thousands of renders stay quick.
pub fn rich_doc_with(pointer: &str, value: &str) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(RICH).unwrap();
    doc["body"].as_array_mut().unwrap().truncate(9);
    set(&doc.to_string(), pointer, value)
}

fn set(doc: &str, pointer: &str, value: &str) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(doc).unwrap();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = doc
        .pointer_mut(parent)
        .expect("the document has the field's parent");
    match target {
        serde_json::Value::Array(items) => items[key.parse::<usize>().unwrap()] = value.into(),
        serde_json::Value::Object(map) => {
            map.insert(key.to_owned(), value.into());
        }
        _ => panic!("{pointer}"),
    }
    doc.to_string()
}
