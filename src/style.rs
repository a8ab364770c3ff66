//! The widget's stylesheet, from `www/article-widget.css` (its one source), minified at
//! compile time.

/// The widget's stylesheet (`www/article-widget.css`, the single source). The embed adopts it
/// into each shadow root as a constructable stylesheet (or links that file, or uses a
/// `<style nonce>`); a Yew app using the component directly gets it too, as the component
/// renders it first.
///
/// Minified at compile time (comments and layout whitespace dropped, strings kept), so the
/// file's comments cost the module nothing.
/// (A `static`, not a `const`: a `const` would put one copy of the text into every crate that
/// uses it, and the embed uses it beside the components.)
pub static STYLESHEET: &str = {
    const SOURCE: &[u8] = include_bytes!("../www/article-widget.css");
    const OUT: ([u8; SOURCE.len()], usize) = minify_css(SOURCE);
    match std::str::from_utf8(OUT.0.split_at(OUT.1).0) {
        Ok(css) => css,
        Err(_) => panic!("www/article-widget.css is not UTF-8"),
    }
};

/// Drops CSS comments and whitespace that carries no meaning (around `{`, `}`, `;`, `,`, after
/// `:`, and runs of it), keeping quoted strings as they are. A space before `:` is kept: in a
/// selector it is a descendant combinator (`.a :where(p)` is not `.a:where(p)`). `N` is at least the input's
/// length; returns the buffer and the length used.
const fn minify_css<const N: usize>(src: &[u8]) -> ([u8; N], usize) {
    let mut out = [0u8; N];
    let (mut i, mut n) = (0, 0);
    let mut pending_space = false;
    while i < src.len() {
        let c = src[i];
        if c == b'/' && i + 1 < src.len() && src[i + 1] == b'*' {
            i += 2;
            while i + 1 < src.len() && !(src[i] == b'*' && src[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
            continue;
        }
        if c.is_ascii_whitespace() {
            pending_space = true;
            i += 1;
            continue;
        }
        let tight = matches!(c, b'{' | b'}' | b';' | b',' | b')');
        let after_tight = n > 0 && matches!(out[n - 1], b'{' | b'}' | b';' | b',' | b':' | b'(');
        if pending_space && n > 0 && !tight && !after_tight {
            out[n] = b' ';
            n += 1;
        }
        pending_space = false;
        if c == b'"' || c == b'\'' {
            // A string, copied with its quotes.
            out[n] = c;
            n += 1;
            i += 1;
            while i < src.len() && src[i] != c {
                out[n] = src[i];
                n += 1;
                i += 1;
            }
        }
        if i < src.len() {
            out[n] = src[i];
            n += 1;
        }
        i += 1;
    }
    (out, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_is_minified_without_changing_its_rules() {
        let out: ([u8; 240], usize) = minify_css(
            b"/* note */\n:host([hidden]) {\n  display: none;\n}\n.a > p + p,\n.b::before { content: \"| a /* b */\"; font: 1em \"PingFang SC\" }\n.c :where(p, h1) { margin: 0 }",
        );
        let css = std::str::from_utf8(&out.0[..out.1]).unwrap();
        assert_eq!(
            css,
            ":host([hidden]){display:none;}.a > p + p,.b::before{content:\"| a /* b */\";font:1em \"PingFang SC\"}.c :where(p,h1){margin:0}"
        );
        let source = include_str!("../www/article-widget.css");
        assert!(
            STYLESHEET.len() < source.len() * 3 / 4,
            "{}",
            STYLESHEET.len()
        );
        assert!(!STYLESHEET.contains("/*") && !STYLESHEET.contains('\n'));
        // Every brace and quote outside comments survives.
        let mut rules = String::new();
        let mut rest = source;
        while let Some((before, after)) = rest.split_once("/*") {
            rules.push_str(before);
            rest = after.split_once("*/").map_or("", |(_, tail)| tail);
        }
        rules.push_str(rest);
        for needle in ['{', '}', '"', '(', ')'] {
            assert_eq!(
                STYLESHEET.matches(needle).count(),
                rules.matches(needle).count(),
                "{needle}"
            );
        }
        assert!(STYLESHEET.contains("@media (prefers-reduced-motion:no-preference){"));
    }
}
