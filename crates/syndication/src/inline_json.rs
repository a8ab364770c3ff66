//! JSON that is safe inside an HTML `<script>` element.
//!
//! An HTML parser ends a script element at the first `</script`, and `<!--` changes how it
//! scans, whatever the `type`. JSON allows any character to be written as `\uXXXX` inside a
//! string (and `<`, `>`, `&`, U+2028 and U+2029 only ever occur inside strings), so escaping
//! them keeps the data identical for `JSON.parse` while nothing in it can close or confuse the
//! element. U+2028/U+2029 are escaped too: JavaScript before ES2019 refused them in literals.

/// Serializes `value` compactly with `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX`.
pub fn to_script_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, String> {
    let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
    Ok(escape(&text))
}

/// Escapes serialized JSON text (see the module documentation).
pub fn escape(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_can_close_the_element_and_the_data_survives() {
        let hostile = serde_json::json!({
            "a": "</script><script>alert(1)</script>",
            "b": "<!-- x --> & \"quoted\" 'single'",
            "c": "line\u{2028}para\u{2029}end",
        });
        let text = to_script_json(&hostile).unwrap();
        for bad in ["<", ">", "\u{2028}", "\u{2029}"] {
            assert!(!text.contains(bad), "{bad:?} in {text}");
        }
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, hostile);
    }
}
