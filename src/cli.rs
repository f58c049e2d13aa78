//! Parsing the command line in the editor's language: the language is found before clap runs
//! (`--lang` before the command, else the environment), the clap-derive command is rewritten
//! with the catalogue's texts (`plansite::diag::cli`), and a parse error or the help comes
//! back as what to print, with its exit code.

use crate::Cli;
use clap::{CommandFactory, FromArgMatches};
use plansite::diag::cli::{error_text, localize, Said};
use plansite::diag::{Lang, Msg};
use plansite::msg;
use std::ffi::OsString;

/// The language `--lang` names among `args` (the program's name first), if it is given
/// before the command and names one (a wrong one is reported by the parse, in the
/// environment's language).
pub(crate) fn lang_flag(args: &[OsString]) -> Option<Lang> {
    let mut rest = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = rest.next() {
        if arg == "--lang" {
            return rest.next().and_then(|v| v.parse().ok());
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return value.parse().ok();
        }
        if !arg.starts_with('-') || arg == "--" {
            return None;
        }
    }
    None
}

/// `plansite help [COMMAND…]` as `plansite [COMMAND…] --help` (clap's own `help` command
/// would list itself with an English description).
fn help_command(mut args: Vec<OsString>) -> Vec<OsString> {
    let mut i = 1;
    while let Some(arg) = args.get(i) {
        match arg.to_str() {
            Some("--lang") => i += 2,
            Some(a) if a.starts_with("--lang=") => i += 1,
            Some("help") => {
                args.remove(i);
                args.push("--help".into());
                break;
            }
            _ => break,
        }
    }
    args
}

/// The command line of plansite with every text in `lang`.
pub(crate) fn command(lang: Lang) -> clap::Command {
    let cmd = localize(Cli::command(), lang, texts);
    // Values that do not parse are explained in `lang` (clap's parsers say it in English).
    // `mut_subcommands` keeps the commands in their order (`mut_subcommand` moves one last).
    cmd.mut_arg("lang", |a| {
        a.value_parser(move |v: &str| v.parse::<Lang>().map_err(|_| reason(msg!("cli-not-a-lang"), lang)))
    })
    .mut_subcommands(move |s| match s.get_name() {
        "serve" => s
            .mut_arg("port", |a| {
                a.value_parser(move |v: &str| v.trim().parse::<u16>().map_err(|_| reason(msg!("cli-not-a-port"), lang)))
            })
            .mut_arg("bind", |a| {
                a.value_parser(move |v: &str| {
                    v.trim().parse::<std::net::IpAddr>().map_err(|_| reason(msg!("cli-not-an-ip"), lang))
                })
            })
            .mut_arg("allowed_host", |a| a.value_parser(move |v: &str| crate::parse_host_name(v, lang)))
            .mut_arg("page_memory", |a| {
                a.value_parser(move |v: &str| {
                    v.trim().parse::<u64>().map_err(|_| reason(msg!("wrong-type-hint-number"), lang))
                })
            }),
        "build" => s.mut_arg("base_url", |a| {
            a.value_parser(move |v: &str| {
                plansite::BaseUrl::parse(v).map_err(|e| {
                    msg!("cli-reason-and-hint", reason = e.message().render(lang), hint = e.hint().render(lang))
                        .render(lang)
                })
            })
        }),
        "new" => s.mut_subcommands(move |t| match t.get_name() {
            "theme" => t.mut_arg("number", |a| {
                a.value_parser(move |v: &str| {
                    v.trim().parse::<u32>().map_err(|_| reason(msg!("wrong-type-hint-number"), lang))
                })
            }),
            _ => t,
        }),
        _ => s,
    })
}

/// Why a value was refused, as clap carries it (shown after the value and the argument).
fn reason(why: Msg, lang: Lang) -> String {
    why.render(lang)
}

/// The arguments `args` (the program's name first) as a command, or what to print instead
/// (the help, the version, or an argument error) and the exit code.
pub(crate) fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, Said> {
    let mut cmd = command(lang);
    let matches = cmd.try_get_matches_from_mut(help_command(args)).map_err(|e| error_text(&e, &cmd, lang))?;
    Cli::from_arg_matches(&matches).map_err(|e| error_text(&e, &cmd, lang))
}

/// The help of each command and argument (see [`plansite::diag::cli::Texts`]).
fn texts(path: &str, arg: Option<&str>) -> Option<Msg> {
    let m = match (path, arg) {
        ("", None) => msg!("cli-about"),
        ("", Some("lang")) => msg!("cli-arg-lang"),
        ("build", None) => msg!("cli-build-about"),
        ("check", None) => msg!("cli-check-about"),
        ("serve", None) => msg!("cli-serve-about"),
        ("new", None) => msg!("cli-new-about"),
        ("new case", None) => msg!("cli-new-case-about"),
        ("new year", None) => msg!("cli-new-year-about"),
        ("new area", None) => msg!("cli-new-area-about"),
        ("new theme", None) => msg!("cli-new-theme-about"),
        ("init", None) => msg!("cli-init-about"),
        ("translations", None) => msg!("cli-translations-about"),
        ("schema", None) => msg!("cli-schema-about"),
        ("build" | "check" | "serve", Some("root")) => msg!("cli-arg-root"),
        ("new" | "translations", Some("root")) => msg!("cli-arg-root-content"),
        ("schema", Some("root")) => msg!("cli-arg-schema-root"),
        ("build", Some("output")) => msg!("cli-arg-output"),
        ("build", Some("base_url")) => msg!("cli-arg-base-url"),
        ("build", Some("timings")) => msg!("cli-arg-timings"),
        ("build", Some("quiet")) => msg!("cli-arg-quiet"),
        ("build", Some("verbose")) => msg!("cli-arg-verbose"),
        ("build", Some("force")) => msg!("cli-arg-force"),
        ("build", Some("drafts")) => msg!("cli-arg-drafts"),
        ("build", Some("future")) => msg!("cli-arg-future"),
        ("check", Some("strict")) => msg!("cli-arg-strict"),
        ("check", Some("external")) => msg!("cli-arg-external"),
        ("serve", Some("bind")) => msg!("cli-arg-bind"),
        ("serve", Some("port")) => msg!("cli-arg-port"),
        ("serve", Some("open")) => msg!("cli-arg-open"),
        ("serve", Some("output")) => msg!("cli-arg-serve-output"),
        ("serve", Some("allowed_host")) => msg!("cli-arg-allowed-host"),
        ("serve", Some("page_memory")) => msg!("cli-arg-page-memory"),
        ("new case", Some("area")) => msg!("cli-arg-area"),
        ("new case" | "new area" | "new theme", Some("slug")) => msg!("cli-arg-slug"),
        ("new year", Some("year")) => msg!("cli-arg-year"),
        ("new theme", Some("number")) => msg!("cli-arg-number"),
        ("init", Some("dir")) => msg!("cli-arg-dir"),
        ("init", Some("lang")) => msg!("cli-arg-init-lang"),
        ("translations", Some("lang")) => msg!("cli-arg-translations-lang"),
        ("translations", Some("csv")) => msg!("cli-arg-csv"),
        ("translations", Some("mark")) => msg!("cli-arg-mark"),
        ("translations", Some("mark_all")) => msg!("cli-arg-mark-all"),
        ("schema", Some("out")) => msg!("cli-arg-out"),
        _ => return None,
    };
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<OsString> {
        line.split_whitespace().map(OsString::from).collect()
    }

    /// What `line` makes the command line print (it must not parse into a command).
    fn said(line: &str, lang: Lang) -> Said {
        match parse(args(line), lang) {
            Ok(_) => panic!("`{line}` parsed"),
            Err(said) => said,
        }
    }

    // The command line is valid as clap checks it, in both languages.
    #[test]
    fn the_localized_command_is_valid() {
        for lang in Lang::ALL {
            command(lang).debug_assert();
        }
    }

    // Every command and argument has a text of the catalogue: none is left in clap-derive's
    // English (a new argument without one fails here).
    #[test]
    fn every_command_and_argument_has_a_catalogue_text() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            if texts(path, None).is_none() {
                missing.push(format!("{path:?}"));
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if !matches!(id, "help" | "version") && !arg.is_global_set() && texts(path, Some(id)).is_none() {
                    missing.push(format!("{path:?} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                let child =
                    if path.is_empty() { sub.get_name().to_string() } else { format!("{path} {}", sub.get_name()) };
                walk(sub, &child, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no text in the catalogue for {missing:?}");
    }

    const ENGLISH_HEADINGS: [&str; 4] = ["Usage:", "Options:", "Commands:", "Arguments:"];

    // `--help` in Japanese is Japanese throughout: the headings, the about texts, each
    // argument's help and the -h/-V lines; it goes to stdout with exit code 0.
    #[test]
    fn japanese_help_has_japanese_headings_and_texts() {
        let top = said("plansite --help", Lang::Ja);
        assert_eq!((top.code, top.stderr), (0, false));
        let text = top.text.to_string();
        for heading in ["使い方：", "コマンド：", "オプション："] {
            assert!(text.contains(heading), "{heading} missing:\n{text}");
        }
        for english in ENGLISH_HEADINGS.iter().chain(&["Print help", "Print version", "[OPTIONS]", "<COMMAND>"]) {
            assert!(!text.contains(english), "{english} in:\n{text}");
        }
        assert!(text.contains("ヘルプを表示します") && text.contains("バージョンを表示します"), "{text}");
        assert!(text.contains("build") && text.contains("サイトをビルド"), "{text}");
        let build = said("plansite build --help", Lang::Ja).text.to_string();
        assert!(build.contains("使い方：plansite build [オプション]"), "{build}");
        assert!(build.contains("オプション：") && build.contains("--output"), "{build}");
        assert!(build.contains("（省略時：.）"), "{build}");
        for english in ENGLISH_HEADINGS.iter().chain(&["[default:", "Where to write"]) {
            assert!(!build.contains(english), "{english} in:\n{build}");
        }
        let new = said("plansite new case --help", Lang::Ja).text.to_string();
        assert!(new.contains("引数：") && new.contains("<AREA>"), "{new}");
        assert!(!new.contains("Arguments:"), "{new}");
        // `plansite help build` is `plansite build --help`.
        assert_eq!(said("plansite help build", Lang::Ja).text.to_string(), build);
    }

    // The English help reads as clap's own: its headings and the derive's texts.
    #[test]
    fn english_help_keeps_clap_s_headings() {
        let text = said("plansite --help", Lang::En).text.to_string();
        for heading in ["Usage: plansite [OPTIONS] <COMMAND>", "Commands:", "Options:", "-h, --help", "-V, --version"] {
            assert!(text.contains(heading), "{heading} missing:\n{text}");
        }
        let build = said("plansite build --help", Lang::En).text.to_string();
        assert!(build.contains("Where to write the site") && build.contains("[default: .]"), "{build}");
    }

    // An unknown command is named, the near one suggested; exit code 2 on stderr.
    #[test]
    fn an_unknown_command_is_named_with_the_near_one() {
        let s = said("plansite biuld", Lang::Ja);
        assert_eq!((s.code, s.stderr), (2, true));
        let text = s.text.to_string();
        assert!(text.starts_with("エラー：`biuld` というコマンドはありません"), "{text}");
        assert!(text.contains("`build` のことではありませんか"), "{text}");
        assert!(text.contains("使い方：plansite [オプション] <コマンド>"), "{text}");
        assert!(text.contains("plansite --help"), "{text}");
        assert!(!text.contains("error:") && !text.contains("tip:") && !text.contains("Usage:"), "{text}");
        let far = said("plansite xyzzy", Lang::Ja).text.to_string();
        assert!(far.contains("使えるコマンド：`build`、`check`"), "{far}");
        let en = said("plansite biuld", Lang::En).text.to_string();
        assert!(en.starts_with("error: unrecognized subcommand 'biuld'"), "{en}");
        assert!(en.contains("tip: did you mean 'build'?"), "{en}");
    }

    // Missing, unknown and bad arguments are named, with what to write instead.
    #[test]
    fn argument_errors_name_the_argument_and_what_to_write() {
        let missing = said("plansite new case", Lang::Ja).text.to_string();
        assert!(
            missing.contains("<AREA>") && missing.contains("<SLUG>") && missing.contains("がありません"),
            "{missing}"
        );
        assert!(missing.contains("plansite new case --help"), "{missing}");
        let unknown = said("plansite build --outptu x", Lang::Ja).text.to_string();
        assert!(unknown.contains("`--outptu` はこのコマンドには書けません"), "{unknown}");
        assert!(unknown.contains("`--output` のことではありませんか"), "{unknown}");
        let port = said("plansite serve --port abc", Lang::Ja);
        assert_eq!(port.code, 2);
        let port = port.text.to_string();
        assert!(port.contains("`abc`") && port.contains("ポート番号"), "{port}");
        assert!(!port.contains("invalid digit"), "{port}");
        let no_value = said("plansite serve --port", Lang::Ja).text.to_string();
        assert!(no_value.contains("値を書いてください"), "{no_value}");
        let both = said("plansite build -q -v", Lang::Ja).text.to_string();
        assert!(both.contains("一緒に使えません"), "{both}");
        let lang = said("plansite --lang fr build", Lang::Ja).text.to_string();
        assert!(lang.contains("`fr`") && lang.contains("ja か en"), "{lang}");
        let en = said("plansite new case", Lang::En).text.to_string();
        assert!(en.contains("the following required arguments were not provided: '<AREA>', '<SLUG>'"), "{en}");
    }

    // `--lang` before the command chooses the language before clap runs.
    #[test]
    fn the_language_flag_is_found_before_parsing() {
        assert_eq!(lang_flag(&args("plansite --lang ja build")), Some(Lang::Ja));
        assert_eq!(lang_flag(&args("plansite --lang=en check")), Some(Lang::En));
        assert_eq!(lang_flag(&args("plansite build --lang ja")), None);
        assert_eq!(lang_flag(&args("plansite --lang fr build")), None);
        assert!(parse(args("plansite --lang ja build --root x"), Lang::Ja).is_ok());
    }
}
