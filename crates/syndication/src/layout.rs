//! The widget's layout metrics, in one table. `www/article-widget.css` lays out the live
//! widget; the snippet's inline styles ([`crate::snippet`]) repeat its metrics so the live
//! widget replaces the snapshot without a jump, and the oEmbed height estimate
//! ([`crate::oembed`]) adds them up. Both are built from this table, and a test
//! (`tests/stylesheet.rs`) holds the stylesheet to it: each metric names the selectors and
//! properties where the stylesheet declares its value. A change of layout is a change here
//! and in the stylesheet, together.

use std::fmt;

/// A value as CSS writes it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// A length in CSS pixels.
    Px(f64),
    /// A length in the element's font size.
    Em(f64),
    /// A unitless number (`line-height`, `font-weight`).
    Number(f64),
    /// A colour, `#rrggbb`.
    Color(&'static str),
    /// A font family list, the most preferred first.
    Families(&'static [&'static str]),
}

/// One metric of the table: its value, and where the stylesheet declares it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metric {
    /// The constant's name, for messages.
    pub name: &'static str,
    pub value: Value,
    /// The (selector, property) pairs of `www/article-widget.css` that declare the value:
    /// a selector as written in a rule's selector list outside any `@media` or `@supports`,
    /// a longhand property (the stylesheet may write it in a shorthand).
    pub at: &'static [(&'static str, &'static str)],
}

impl Metric {
    /// The number, whatever its unit: pixels for [`Value::Px`], the factor for [`Value::Em`].
    /// (For a colour or a font list, a panic; at compile time when used in a constant.)
    pub const fn number(&self) -> f64 {
        match self.value {
            Value::Px(n) | Value::Em(n) | Value::Number(n) => n,
            Value::Color(_) | Value::Families(_) => panic!("not a number"),
        }
    }
}

/// CSS text as an inline `style` attribute writes it: `16px`, `0.875em`, `1.75`, `#d8dee4`,
/// and families separated by bare commas, quoted with `'` where a name has a space.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Px(n) => write!(f, "{n}px"),
            Value::Em(n) => write!(f, "{n}em"),
            Value::Number(n) => write!(f, "{n}"),
            Value::Color(c) => f.write_str(c),
            Value::Families(names) => {
                for (i, name) in names.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    if name.contains(' ') {
                        write!(f, "'{name}'")?;
                    } else {
                        f.write_str(name)?;
                    }
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// Declares each metric as a constant, and [`ALL`], the list the stylesheet test walks.
macro_rules! metrics {
    ($(#[doc = $listdoc:literal])+ $list:ident: $($(#[doc = $doc:literal])+ $name:ident = $value:expr, at $($selector:literal $property:literal),+;)+) => {
        $(
            $(#[doc = $doc])+
            pub const $name: Metric = Metric {
                name: stringify!($name),
                value: $value,
                at: &[$(($selector, $property)),+],
            };
        )+
        $(#[doc = $listdoc])+
        pub const $list: &[Metric] = &[$($name),+];
    };
}

use Value::{Color, Em, Families, Number, Px};

metrics! {
    /// Every metric of the table but the rich blocks' ([`RICH`]).
    ALL:
    // The widget's box and its text.
    /// The widget's width (`--aw-max-width`'s default), and the oEmbed `width`.
    MAX_WIDTH = Px(736.0), at ".article-widget" "max-width";
    /// The padding above and below the widget's content (`--aw-padding`'s default).
    PADDING_Y = Px(16.0), at ".article-widget" "padding-top", ".article-widget" "padding-bottom";
    /// The padding each side of the widget's content (`--aw-padding`'s default).
    PADDING_X = Px(20.0), at ".article-widget" "padding-left", ".article-widget" "padding-right";
    /// The text's size (`--aw-font-size`'s default): px, not rem, so the page's root font size
    /// does not reach the widget; every other size is in em of it.
    FONT_SIZE = Px(16.0), at ".article-widget" "font-size";
    /// The line height of all text but the headline and the script control: 28 px lines.
    LINE_HEIGHT = Number(1.75), at ".article-widget" "line-height";
    /// The text's weight, whatever the page's.
    FONT_WEIGHT = Number(400.0), at ".article-widget" "font-weight";
    /// `--aw-font-family`'s default: the system font, then CJK fonts, Traditional first (the
    /// `:lang()` rules reorder them for the script shown).
    FONT_FAMILY = Families(&[
        "system-ui",
        "-apple-system",
        "PingFang TC",
        "Noto Sans CJK TC",
        "Microsoft JhengHei",
        "Noto Sans CJK SC",
        "Microsoft YaHei",
        "sans-serif",
    ]), at ".article-widget" "font-family";
    /// Secondary text (sections, meta line, credit lines, notice): 14 px.
    SMALL_FONT_SIZE = Em(0.875),
        at ".aw-sections ul" "font-size", ".aw-meta" "font-size", ".aw-authors" "font-size",
        ".aw-credit" "font-size", ".aw-rights" "font-size", ".aw-copyright" "font-size";
    /// The width of the rules under the meta line and above the notice.
    RULE_WIDTH = Px(1.0), at ".aw-meta" "border-bottom-width", ".aw-copyright" "border-top-width";
    /// The rules' colour (`--aw-color-rule`'s default there).
    RULE_COLOR = Color("#d8dee4"),
        at ".aw-meta" "border-bottom-color", ".aw-copyright" "border-top-color";
    /// Between the lines of a row of fields that wraps (sections, meta line, rights line).
    FIELD_ROW_GAP = Px(4.0),
        at ".aw-sections ul" "row-gap", ".aw-meta" "row-gap", ".aw-rights" "row-gap";
    /// Between the fields of the meta line and of the rights line.
    FIELD_COLUMN_GAP = Px(20.0), at ".aw-meta" "column-gap", ".aw-rights" "column-gap";

    // The script control, above the sections and the headline.
    /// The buttons' text size: 13 px.
    SCRIPT_FONT_SIZE = Em(0.8125), at ".aw-script-option" "font-size";
    /// The buttons' line height: a 20.8 px line box.
    SCRIPT_LINE_HEIGHT = Number(1.6), at ".aw-script-option" "line-height";
    /// The padding above and below a button's label.
    SCRIPT_PADDING_Y = Px(2.0),
        at ".aw-script-option" "padding-top", ".aw-script-option" "padding-bottom";
    /// The border around the group of buttons.
    SCRIPT_BORDER = Px(1.0),
        at ".aw-script-options" "border-top-width", ".aw-script-options" "border-bottom-width";
    /// Between the buttons' row and the status line below it, which is always there (empty
    /// until there is something to say), so the gap always counts.
    SCRIPT_ROW_GAP = Px(4.0), at ".aw-script" "row-gap";
    /// Below the control.
    SCRIPT_MARGIN_BOTTOM = Px(8.0), at ".aw-script" "margin-bottom";

    // The header.
    /// Each side of the `|` between two sections.
    SECTION_SEPARATOR_PADDING = Em(0.6),
        at ".aw-sections li + li::before" "padding-left",
        ".aw-sections li + li::before" "padding-right";
    /// The headline's size: 28 px.
    HEADLINE_FONT_SIZE = Em(1.75), at ".aw-headline" "font-size";
    /// Tighter than the text's 1.75, as large type needs less leading: a 37.8 px line box.
    HEADLINE_LINE_HEIGHT = Number(1.35), at ".aw-headline" "line-height";
    /// The headline's weight.
    HEADLINE_FONT_WEIGHT = Number(700.0), at ".aw-headline" "font-weight";
    /// Above the headline (below the sections or the control).
    HEADLINE_MARGIN_TOP = Px(12.0), at ".aw-headline" "margin-top";
    /// Between the headline and the meta line.
    HEADLINE_MARGIN_BOTTOM = Px(8.0), at ".aw-headline" "margin-bottom";
    /// Between the meta line and its rule.
    META_PADDING_BOTTOM = Px(12.0), at ".aw-meta" "padding-bottom";

    // The body.
    /// Between the meta line's rule and the first paragraph.
    BODY_MARGIN_TOP = Px(16.0), at ".aw-body" "margin-top";
    /// Below each paragraph (and the continue-reading link): one line of 16 px.
    PARAGRAPH_GAP = Em(1.0), at ".aw-body p" "margin-bottom";
    /// A paragraph's first line: two CJK glyphs, as Chinese text is set.
    PARAGRAPH_INDENT = Em(2.0), at ".aw-body p" "text-indent";

    // The footer: attribution and notice.
    /// Between the body and the footer.
    FOOTER_MARGIN_TOP = Px(8.0), at ".aw-footer" "margin-top";
    /// Above the attribution block, inside the footer.
    ATTRIBUTION_MARGIN_TOP = Px(8.0), at ".aw-attribution" "margin-top";
    /// Between two lines of the attribution block (byline, authors, credit, rights).
    ATTRIBUTION_LINE_GAP = Px(4.0), at ".aw-attribution > p + p" "margin-top";
    /// Between the attribution block and the notice.
    COPYRIGHT_MARGIN_TOP = Px(20.0), at ".aw-copyright" "margin-top";
    /// Between the notice's rule and its title.
    COPYRIGHT_PADDING_TOP = Px(12.0), at ".aw-copyright" "padding-top";
    /// The notice's title, semibold: the one line of the notice shown while it is closed.
    COPYRIGHT_TITLE_WEIGHT = Number(600.0), at ".aw-copyright summary" "font-weight";
    /// Between the open notice's title and its clauses. (The snapshot has none: see
    /// `style_for` in `snippet.rs`.)
    CLAUSES_MARGIN_TOP = Px(12.0), at ".aw-clauses" "margin-top";
    /// Below each paragraph of a clause.
    CLAUSE_GAP = Em(0.75), at ".aw-clause p" "margin-bottom";
}

metrics! {
    /// The metrics of a rich article's blocks (standfirst, figures, subheads, quotes, lists,
    /// corrections). `tests/stylesheet.rs` holds them to the stylesheet's rules for these
    /// blocks as it does [`ALL`], once the stylesheet has them: its rich rules come with the
    /// widget's own changes (`.aw-figure` and the others), and are checked all or none.
    RICH:
    /// The standfirst's size: 17 px.
    STANDFIRST_FONT_SIZE = Em(1.0625), at ".aw-standfirst" "font-size";
    /// Between the standfirst and the meta line.
    STANDFIRST_MARGIN_BOTTOM = Px(12.0), at ".aw-standfirst" "margin-bottom";
    /// Below a figure, as below a paragraph.
    FIGURE_MARGIN_BOTTOM = Em(1.0), at ".aw-figure" "margin-bottom";
    /// Above the lead image (between the meta line's rule and it).
    LEAD_MARGIN_TOP = Px(16.0), at ".aw-lead" "margin-top";
    /// Between an image and its caption line.
    CAPTION_MARGIN_TOP = Px(6.0), at ".aw-figure figcaption" "margin-top";
    /// The caption line's size: 14 px.
    CAPTION_FONT_SIZE = Em(0.875), at ".aw-figure figcaption" "font-size";
    /// The caption line's line height: 22.4 px lines.
    CAPTION_LINE_HEIGHT = Number(1.6), at ".aw-figure figcaption" "line-height";
    /// Between a caption and the credit after it.
    CREDIT_GAP = Em(0.75), at ".aw-caption + .aw-image-credit" "margin-inline-start";
    /// A subhead's size: 20 px.
    SUBHEAD_FONT_SIZE = Em(1.25), at ".aw-body .aw-subhead" "font-size";
    /// A subhead's line height: 28 px lines.
    SUBHEAD_LINE_HEIGHT = Number(1.4), at ".aw-body .aw-subhead" "line-height";
    /// A subhead's weight.
    SUBHEAD_FONT_WEIGHT = Number(700.0), at ".aw-body .aw-subhead" "font-weight";
    /// Above a subhead, in its own size: 30 px.
    SUBHEAD_MARGIN_TOP = Em(1.5), at ".aw-body .aw-subhead" "margin-top";
    /// Below a subhead, in its own size: 10 px.
    SUBHEAD_MARGIN_BOTTOM = Em(0.5), at ".aw-body .aw-subhead" "margin-bottom";
    /// Below a quote.
    QUOTE_MARGIN_BOTTOM = Em(1.0), at ".aw-quote" "margin-bottom";
    /// Between a quote's rule and its text.
    QUOTE_PADDING_START = Px(16.0), at ".aw-quote" "padding-inline-start";
    /// Between a quote and its cite line.
    CITE_MARGIN_TOP = Px(4.0), at ".aw-cite" "margin-top";
    /// The cite line's size: 14 px.
    CITE_FONT_SIZE = Em(0.875), at ".aw-cite" "font-size";
    /// Below a list.
    LIST_MARGIN_BOTTOM = Em(1.0), at ".aw-body .aw-list" "margin-bottom";
    /// A list's indent, where its markers sit.
    LIST_PADDING_START = Em(2.0), at ".aw-body .aw-list" "padding-inline-start";
    /// Above the corrections box (below the body).
    CORRECTIONS_MARGIN_TOP = Px(16.0), at ".aw-corrections" "margin-top";
    /// Below the corrections box.
    CORRECTIONS_MARGIN_BOTTOM = Px(8.0), at ".aw-corrections" "margin-bottom";
    /// Inside the corrections box, above and below.
    CORRECTIONS_PADDING_Y = Px(8.0),
        at ".aw-corrections" "padding-top", ".aw-corrections" "padding-bottom";
    /// Inside the corrections box, each side.
    CORRECTIONS_PADDING_X = Px(12.0),
        at ".aw-corrections" "padding-left", ".aw-corrections" "padding-right";
    /// The corrections' size: 14 px.
    CORRECTIONS_FONT_SIZE = Em(0.875), at ".aw-corrections" "font-size";
    /// The corrections box's border, all round.
    CORRECTIONS_BORDER = Px(1.0),
        at ".aw-corrections" "border-top-width", ".aw-corrections" "border-bottom-width";
    /// Below the corrections' title.
    CORRECTIONS_TITLE_MARGIN_BOTTOM = Px(4.0), at ".aw-corrections-title" "margin-bottom";
    /// The corrections' title: the box's size, bold.
    CORRECTIONS_TITLE_FONT_SIZE = Em(1.0), at ".aw-corrections-title" "font-size";
    /// The corrections' title's weight.
    CORRECTIONS_TITLE_FONT_WEIGHT = Number(700.0), at ".aw-corrections-title" "font-weight";
}

/// The rule at a quote's start: 3 px (the stylesheet writes it in the `border-inline-start`
/// shorthand, which the stylesheet test does not read).
pub const QUOTE_RULE_WIDTH: Value = Px(3.0);
/// The corrections box's corner radius.
pub const CORRECTIONS_RADIUS: Value = Px(6.0);
/// The height over width of an image without dimensions, for the oEmbed estimate only (the
/// widget and the snippet show it at its natural ratio): 2:3, a common photo's.
pub const DEFAULT_IMAGE_RATIO: f64 = 2.0 / 3.0;
