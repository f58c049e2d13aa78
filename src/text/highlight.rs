//! Syntax highlighting of fenced code by syntect, as CSS classes (`hl-…`), never inline styles,
//! so the theme's stylesheet and a Content-Security-Policy stay in control.

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    // Loaded once and never changed: the default syntax definitions shipped in syntect.
    static SET: std::sync::OnceLock<SyntaxSet> = std::sync::OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// `<pre class="code" tabindex="0"><code>…</code></pre>` with highlighted spans, or escaped
/// plain text when the language is unknown.
pub(crate) fn highlight(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang);
    let inner = match syntax {
        Some(syntax) => {
            let mut gen =
                ClassedHTMLGenerator::new_with_class_style(syntax, set, ClassStyle::SpacedPrefixed { prefix: "hl-" });
            let ok =
                LinesWithEndings::from(code).all(|line| gen.parse_html_for_line_which_includes_newline(line).is_ok());
            if ok {
                gen.finalize()
            } else {
                crate::escape::xml(code)
            }
        }
        None => crate::escape::xml(code),
    };
    let lang_class = lang.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>();
    format!("<pre class=\"code\" tabindex=\"0\"><code class=\"language-{lang_class}\">{inner}</code></pre>\n")
}
