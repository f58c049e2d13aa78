//! Filling a scaffold's template: `{name}` variables, `{t:key}` words in the file's language,
//! and `@<prefix><key>` lines, which become one line per site language:
//! `<prefix><lang>: "<words>"` (so `@  case.title` gives `  ja: "（事例の名前）"`, and
//! `@#   case.venue` a commented-out `#   ja: …` an editor can switch on).

use crate::escape::yaml_quoted;

/// What a template is filled with.
pub(super) struct Fill<'a> {
    /// The site's languages, the primary first.
    pub langs: &'a [String],
    /// The language of a file written in one language (a Markdown body).
    pub lang: &'a str,
    /// `{name}` → value.
    pub vars: &'a [(&'a str, String)],
    /// The words of a key in a language.
    pub words: &'a dyn Fn(&str, &str) -> String,
}

/// The template with everything filled in.
pub(super) fn expand(template: &str, fill: &Fill) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    for line in template.lines() {
        match line.strip_prefix('@') {
            Some(rest) => {
                let at = rest.rfind(' ').map_or(0, |i| i + 1);
                let (prefix, key) = rest.split_at(at);
                for lang in fill.langs {
                    out.push_str(&format!("{prefix}{lang}: {}\n", yaml_quoted(&(fill.words)(key, lang))));
                }
            }
            None => {
                out.push_str(&fill_line(line, fill));
                out.push('\n');
            }
        }
    }
    out
}

fn fill_line(line: &str, fill: &Fill) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        let value = name.and_then(|name| match name.strip_prefix("t:") {
            Some(key) => Some((fill.words)(key, fill.lang)),
            None => fill.vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()),
        });
        match (name, value) {
            (Some(name), Some(value)) => {
                out.push_str(&value);
                rest = &after[name.len() + 1..];
            }
            // Not a variable (`period: {from: …}`): kept as written.
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_lines_variables_and_words_are_filled() {
        let langs = ["ja".to_string(), "en".to_string()];
        let vars = [("slug", "cafe".to_string())];
        let words = |key: &str, lang: &str| format!("{key}-{lang} \"q\"");
        let fill = Fill { langs: &langs, lang: "en", vars: &vars, words: &words };
        let out = expand("# {slug}\ntitle:\n@  t.x\n@#   t.y\nperiod: {from: 1}\n## {t:h}\n", &fill);
        assert_eq!(
            out,
            "# cafe\ntitle:\n  ja: \"t.x-ja \\\"q\\\"\"\n  en: \"t.x-en \\\"q\\\"\"\n#   ja: \"t.y-ja \\\"q\\\"\"\n#   en: \"t.y-en \\\"q\\\"\"\nperiod: {from: 1}\n## h-en \"q\"\n"
        );
    }
}
