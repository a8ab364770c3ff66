//! Conversion time must stay linear in the input. Each test builds an
//! adversarial input at two sizes a factor of 10 apart, counts the work the code does (the
//! `*_counted` entry points add their steps to a counter) and requires the larger to cost at
//! most 12 times the smaller.

use article_convert::{quote_marks_counted, Overrides, Script};

const MAX_RATIO: f64 = 12.0;

fn check(what: &str, small: u64, large: u64) {
    let ratio = large as f64 / small.max(1) as f64;
    eprintln!("{what}: {small} steps → {large} steps at 10× the size, ratio {ratio:.1}");
    assert!(
        ratio <= MAX_RATIO,
        "{what}: 10× the input costs {ratio:.1}× the steps ({small} → {large}), more than {MAX_RATIO}×"
    );
}

fn override_steps(body: &str, terms: &[String]) -> u64 {
    let pairs = terms
        .iter()
        .map(|t| (t.clone(), t.to_uppercase()))
        .collect();
    let overrides = Overrides::from_pairs(pairs);
    let mut steps = 0;
    let out = overrides.apply_counted(body, |p, out| out.push_str(p), &mut steps);
    assert!(!out.is_empty());
    steps
}

/// The finding's shape: many long terms that share a long prefix with every position of the
/// body and then differ, and as many that share a long suffix with it (the matcher reads the
/// text backwards). Each term's odd character ends in the same byte as 中, so that each one
/// costs the same at both sizes. Body and number of terms both grow with `scale`.
fn many_long_terms(scale: usize) -> (String, Vec<String>) {
    let body = "中".repeat(1000 * scale);
    let shared = "中".repeat(30);
    let odd = |j: usize| char::from_u32('中' as u32 + 64 * (j as u32 + 1)).unwrap();
    let terms = (0..10 * scale)
        .flat_map(|j| [format!("{shared}{}", odd(j)), format!("{}{shared}", odd(j))])
        .collect();
    (body, terms)
}

/// A short term that matches everywhere and a long one that is a prefix of the body almost to
/// its end: the term's length grows with `scale`, as does the body.
fn long_prefix_term(scale: usize) -> (String, Vec<String>) {
    let body = "中".repeat(1000 * scale);
    let terms = vec!["中".to_owned(), format!("{}文", "中".repeat(100 * scale))];
    (body, terms)
}

#[test]
fn overrides_are_linear_in_body_and_terms() {
    let (b1, t1) = many_long_terms(1);
    let (b10, t10) = many_long_terms(10);
    check(
        "many long terms",
        override_steps(&b1, &t1),
        override_steps(&b10, &t10),
    );
}

#[test]
fn overrides_are_linear_in_term_length() {
    let (b1, t1) = long_prefix_term(1);
    let (b10, t10) = long_prefix_term(10);
    check(
        "long prefix term",
        override_steps(&b1, &t1),
        override_steps(&b10, &t10),
    );
}

fn quote_steps(text: &str, target: Script) -> u64 {
    let mut steps = 0;
    let out = quote_marks_counted(text, target, &mut steps);
    assert_eq!(out.chars().count(), text.chars().count());
    steps
}

#[test]
fn quote_marks_are_linear_when_one_kind_opens_and_another_closes() {
    let cases = [
        ("“ then ’", '“', '’', Script::Hant),
        ("‘ then ”", '‘', '”', Script::Hant),
        ("「 then 』", '「', '』', Script::Hans),
    ];
    for (what, open, close, target) in cases {
        let text = |scale: usize| {
            let n = 2000 * scale;
            format!(
                "{}{}",
                open.to_string().repeat(n),
                close.to_string().repeat(n)
            )
        };
        check(
            what,
            quote_steps(&text(1), target),
            quote_steps(&text(10), target),
        );
    }
}
