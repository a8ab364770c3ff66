//! Holds `www/article-widget.css` to the layout table (`crates/syndication/src/layout.rs`),
//! which the snippet's inline styles and the oEmbed height estimate are built from: for every
//! metric, each of its selectors declares its value for its property. The few declarations
//! needed are read with simple string handling: comments removed, rules outside any at-rule
//! (`@media`, `@supports` are other conditions than the layout the table describes),
//! `var(--x, fallback)` read as its fallback (the default), and the longhand taken from the
//! shorthands the stylesheet uses (`margin`, `padding`, `gap`, `border`, `border-*`).

use article_widget_syndication::layout::{self, Metric, Value};

const STYLESHEET: &str = include_str!("../../../www/article-widget.css");

#[test]
fn the_stylesheet_declares_the_layout_table() {
    let problems = check(STYLESHEET);
    assert!(
        problems.is_empty(),
        "www/article-widget.css and the layout table (crates/syndication/src/layout.rs) differ; \
         change both together:\n{}",
        problems.join("\n")
    );
    // Nothing passes by comparing nothing: the table is not empty, each metric names at least
    // one place (the macro asks for one), and `a_changed_value_is_caught` shows the reading
    // finds the values.
    assert!(!layout::ALL.is_empty());
}

/// A deliberate change of one value in the stylesheet, written plainly, in a shorthand or as a
/// custom property's default, fails with the selector, the property and both values.
#[test]
fn a_changed_value_is_caught() {
    for (from, to, expected) in [
        (
            "  line-height: 1.35;",
            "  line-height: 1.4;",
            vec![
                "`.aw-headline` declares line-height: 1.4; the layout table's HEADLINE_LINE_HEIGHT is 1.35",
            ],
        ),
        (
            "  padding: 2px 10px;",
            "  padding: 3px 10px;",
            vec![
                "`.aw-script-option` declares padding-top: 3px; the layout table's SCRIPT_PADDING_Y is 2px",
                "`.aw-script-option` declares padding-bottom: 3px; the layout table's SCRIPT_PADDING_Y is 2px",
            ],
        ),
        (
            "var(--aw-max-width, 736px)",
            "var(--aw-max-width, 740px)",
            vec![
                "`.article-widget` declares max-width: 740px; the layout table's MAX_WIDTH is 736px",
            ],
        ),
        (
            "  gap: 4px 8px;\n  margin: 0 0 8px;",
            "  gap: 4px 8px;\n  margin: 0 0 8px;\n  margin-bottom: 10px;",
            vec![
                "`.aw-script` declares margin-bottom: 10px; the layout table's SCRIPT_MARGIN_BOTTOM is 8px",
            ],
        ),
        (
            "border-bottom: 1px solid var(--aw-color-rule, #d8dee4);",
            "border-bottom: 1px solid var(--aw-color-rule, #c0c0c0);",
            vec![
                "`.aw-meta` declares border-bottom-color: #c0c0c0; the layout table's RULE_COLOR is #d8dee4",
            ],
        ),
    ] {
        assert_eq!(STYLESHEET.matches(from).count(), 1, "{from:?} is in the stylesheet once");
        let changed = STYLESHEET.replacen(from, to, 1);
        let problems = check(&changed);
        let expected: Vec<String> = expected
            .iter()
            .map(|e| format!("www/article-widget.css: {e}"))
            .collect();
        assert_eq!(problems, expected, "after changing {from:?} to {to:?}");
    }
    let gone = STYLESHEET.replacen("  text-indent: 2em;\n", "", 1);
    assert_eq!(
        check(&gone),
        [
            "www/article-widget.css: `.aw-body p` declares no text-indent; the layout table's \
          PARAGRAPH_INDENT is 2em"
        ]
    );
}

/// Every difference between `css` and the layout table, one message each.
fn check(css: &str) -> Vec<String> {
    let rules = rules(css);
    let mut problems = Vec::new();
    // The rich blocks' metrics are checked once the stylesheet has rules for those blocks:
    // all of them (a stylesheet with some of their selectors and not others is a problem).
    let rich_selectors: Vec<&str> = layout::RICH
        .iter()
        .flat_map(|m| m.at.iter().map(|(s, _)| *s))
        .collect();
    let has = |s: &str| rules.iter().any(|r| r.selectors.contains(&normalize(s)));
    let present = rich_selectors.iter().filter(|s| has(s)).count();
    let metrics: Vec<&Metric> = if present == 0 {
        layout::ALL.iter().collect()
    } else {
        layout::ALL.iter().chain(layout::RICH).collect()
    };
    for metric in metrics {
        for &(selector, property) in metric.at {
            if let Err(problem) = check_one(&rules, metric, selector, property) {
                problems.push(format!("www/article-widget.css: {problem}"));
            }
        }
    }
    problems
}

fn check_one(rules: &[Rule], m: &Metric, selector: &str, property: &str) -> Result<(), String> {
    let table = format!("the layout table's {} is {}", m.name, m.value);
    let selector = normalize(selector);
    let mut found = false;
    let mut declared = None;
    for rule in rules.iter().filter(|r| r.selectors.contains(&selector)) {
        found = true;
        for (name, value) in &rule.declarations {
            if let Some(v) = longhand(name, value, property) {
                declared = Some(v);
            }
        }
    }
    if !found {
        return Err(format!(
            "no rule for `{selector}` (outside @media and @supports); {table}"
        ));
    }
    let value = match declared {
        None => return Err(format!("`{selector}` declares no {property}; {table}")),
        Some(Err(why)) => return Err(format!("`{selector}` {property}: {why}; {table}")),
        Some(Ok(v)) => v,
    };
    if same(&m.value, &value) {
        Ok(())
    } else {
        Err(format!(
            "`{selector}` declares {property}: {value}; {table}"
        ))
    }
}

/// Whether the stylesheet's text for a value is the table's value.
fn same(expected: &Value, css: &str) -> bool {
    let number = |unit: &str| css.strip_suffix(unit).and_then(|n| n.parse::<f64>().ok());
    match *expected {
        Value::Px(n) => number("px") == Some(n) || (n == 0.0 && css == "0"),
        Value::Em(n) => number("em") == Some(n) || (n == 0.0 && css == "0"),
        Value::Number(n) => css.parse::<f64>().ok() == Some(n),
        Value::Color(c) => css.eq_ignore_ascii_case(c),
        Value::Families(names) => {
            let listed: Vec<&str> = split_top(css, ',')
                .into_iter()
                .map(|f| f.trim().trim_matches(|c| c == '"' || c == '\''))
                .collect();
            listed == names
        }
    }
}

/// A rule outside any at-rule: its selectors (whitespace collapsed) and its declarations in
/// order, names lowercased.
struct Rule {
    selectors: Vec<String>,
    declarations: Vec<(String, String)>,
}

fn rules(css: &str) -> Vec<Rule> {
    let css = strip_comments(css);
    let mut out = Vec::new();
    let mut at_depth = 0usize;
    let mut rest = css.as_str();
    loop {
        match (rest.find('{'), rest.find('}')) {
            (Some(open), close) if close.is_none_or(|c| open < c) => {
                let prelude = rest[..open].trim();
                if prelude.starts_with('@') {
                    at_depth += 1;
                    rest = &rest[open + 1..];
                    continue;
                }
                let close = open + rest[open..].find('}').expect("every rule is closed");
                if at_depth == 0 {
                    out.push(Rule {
                        selectors: split_top(prelude, ',').into_iter().map(normalize).collect(),
                        declarations: split_top(&rest[open + 1..close], ';')
                            .into_iter()
                            .filter_map(|d| d.split_once(':'))
                            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
                            .collect(),
                    });
                }
                rest = &rest[close + 1..];
            }
            (_, Some(close)) => {
                at_depth = at_depth.checked_sub(1).expect("braces balance");
                rest = &rest[close + 1..];
            }
            // No brace left (a `{` with no `}` after it fails the first arm's `expect`).
            _ => break,
        }
    }
    assert_eq!(at_depth, 0, "braces balance");
    out
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("*/").expect("every comment is closed");
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    out
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` split at each `sep` outside parentheses and quotes.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let (mut parts, mut depth, mut quote, mut start) = (Vec::new(), 0usize, None, 0);
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, _) if c == sep && depth == 0 => {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// `value` with each `var(--name, fallback)` replaced by its fallback.
fn defaults(value: &str) -> Result<String, String> {
    let mut out = value.to_owned();
    while let Some(start) = out.find("var(") {
        let inner_start = start + "var(".len();
        let mut depth = 1;
        let end = out[inner_start..]
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map(|(i, _)| inner_start + i)
            .ok_or_else(|| format!("unclosed var() in {value:?}"))?;
        let inner = &out[inner_start..end];
        let fallback = match inner.find(',') {
            Some(comma) if split_top(inner, ',').len() > 1 => inner[comma + 1..].trim().to_owned(),
            _ => return Err(format!("{value:?} has a var() without a default")),
        };
        out.replace_range(start..end + 1, &fallback);
    }
    Ok(out)
}

/// How a shorthand sets a longhand.
enum Sets {
    /// Value `i` of 1 to 4 (top, right, bottom, left): `margin`, `padding`, `border-width`.
    Side(usize),
    RowGap,
    ColumnGap,
    /// The width, style or colour of a `border` or `border-<side>`.
    Border(&'static str),
    /// Only a CSS-wide keyword is read in `font`.
    Font,
}

/// Whether, and how, shorthand `name` sets longhand `property`.
fn sets(name: &str, property: &str) -> Option<Sets> {
    const SIDES: [&str; 4] = ["top", "right", "bottom", "left"];
    const PARTS: [&str; 3] = ["width", "style", "color"];
    let side = |s: &str| SIDES.iter().position(|x| *x == s);
    let part = |p: &str| PARTS.iter().find(|x| **x == p).copied();
    match name {
        "margin" | "padding" => {
            let rest = property.strip_prefix(name)?.strip_prefix('-')?;
            side(rest).map(Sets::Side)
        }
        "gap" => match property {
            "row-gap" => Some(Sets::RowGap),
            "column-gap" => Some(Sets::ColumnGap),
            _ => None,
        },
        "border" => {
            let (s, p) = property.strip_prefix("border-")?.split_once('-')?;
            side(s)?;
            part(p).map(Sets::Border)
        }
        "border-top" | "border-right" | "border-bottom" | "border-left" => {
            part(property.strip_prefix(name)?.strip_prefix('-')?).map(Sets::Border)
        }
        "border-width" | "border-style" | "border-color" => {
            let (s, p) = property.strip_prefix("border-")?.split_once('-')?;
            (name.strip_prefix("border-") == Some(p))
                .then_some(())
                .and(side(s).map(Sets::Side))
        }
        "font" => [
            "font-size",
            "line-height",
            "font-family",
            "font-weight",
            "font-style",
        ]
        .contains(&property)
        .then_some(Sets::Font),
        _ => None,
    }
}

/// What declaration `name: value` sets longhand `property` to, if it sets it: itself, `all`,
/// or a shorthand.
fn longhand(name: &str, value: &str, property: &str) -> Option<Result<String, String>> {
    const WIDE: [&str; 5] = ["inherit", "initial", "unset", "revert", "revert-layer"];
    if name == property {
        return Some(defaults(value));
    }
    if name == "all" {
        return Some(Ok(value.to_owned()));
    }
    let how = sets(name, property)?;
    let value = match defaults(value) {
        Ok(v) => v,
        Err(e) => return Some(Err(e)),
    };
    let tokens: Vec<&str> = value.split_whitespace().collect();
    Some(match how {
        Sets::Side(i) => {
            let pick = match (tokens.len(), i) {
                (1, _) | (2, 0 | 2) | (3, 0) => Some(0),
                (2 | 3, 1 | 3) => Some(1),
                (3, 2) => Some(2),
                (4, _) => Some(i),
                _ => None,
            };
            pick.map(|p| tokens[p].to_owned())
                .ok_or_else(|| format!("cannot read {name}: {value}"))
        }
        Sets::RowGap => tokens
            .first()
            .map(|t| t.to_string())
            .ok_or_else(|| format!("cannot read gap: {value}")),
        Sets::ColumnGap => tokens
            .get(1)
            .or(tokens.first())
            .map(|t| t.to_string())
            .ok_or_else(|| format!("cannot read gap: {value}")),
        Sets::Border(part) => Ok(border_part(&tokens, part)),
        Sets::Font if WIDE.contains(&value.as_str()) => Ok(value.clone()),
        Sets::Font => Err(format!("cannot read font: {value}")),
    })
}

/// The width, style or colour in a `border` shorthand's tokens, or its initial value.
fn border_part(tokens: &[&str], part: &str) -> String {
    const STYLES: [&str; 10] = [
        "none", "hidden", "dotted", "dashed", "solid", "double", "groove", "ridge", "inset",
        "outset",
    ];
    let is_width = |t: &str| {
        ["thin", "medium", "thick", "0"].contains(&t)
            || t.strip_suffix("px")
                .or_else(|| t.strip_suffix("em"))
                .is_some_and(|n| n.parse::<f64>().is_ok())
    };
    let found = |f: &dyn Fn(&str) -> bool, initial: &str| {
        tokens
            .iter()
            .find(|t| f(t))
            .map_or(initial.to_owned(), |t| t.to_string())
    };
    match part {
        "width" => found(&is_width, "medium"),
        "style" => found(&|t| STYLES.contains(&t), "none"),
        _ => found(&|t| !is_width(t) && !STYLES.contains(&t), "currentcolor"),
    }
}

/// The rich blocks' metrics join the check as soon as the stylesheet has one of their rules:
/// then every one of them must be there, with the table's value.
#[test]
fn rich_metrics_are_checked_once_the_stylesheet_has_rich_rules() {
    // A stylesheet of one rich rule (the table's other metrics fail too, and are left out).
    let problems: Vec<String> = check(".aw-figure { margin: 0 0 2em; }")
        .into_iter()
        .filter(|p| {
            layout::RICH
                .iter()
                .any(|m| p.contains(&format!("table's {} is", m.name)))
        })
        .collect();
    assert!(
        problems.contains(
            &"www/article-widget.css: `.aw-figure` declares margin-bottom: 2em; the layout \
              table's FIGURE_MARGIN_BOTTOM is 1em"
                .to_owned()
        ),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|p| p.contains(
            "no rule for `.aw-lead` (outside @media and @supports); the layout table's \
             LEAD_MARGIN_TOP is 16px"
        )),
        "{problems:#?}"
    );
    // Every rich metric's places are reported when only one rule is there; with no rich rule,
    // none (the stylesheet as it is before the widget's rich rules).
    assert!(check(".aw-meta { padding: 0 0 12px; }")
        .iter()
        .all(|p| !layout::RICH
            .iter()
            .any(|m| p.contains(&format!("table's {} is", m.name)))));
    let places: usize = layout::RICH.iter().map(|m| m.at.len()).sum();
    assert_eq!(problems.len(), places, "{problems:#?}");
}
