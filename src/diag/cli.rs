//! The command line's own words in the editor's language: clap's help (about texts, argument
//! help, headings, the `-h`/`-V` lines) and its argument errors, all taken from the catalogues.
//!
//! [`localize`] rewrites a clap `Command` (as clap-derive made it) with texts the caller looks
//! up by command path and argument id; [`error_text`] says a parse error anew from clap's
//! error kind and context, with what to write instead. Both languages go through here, so the
//! English help is the catalogue's as well.

use super::{Lang, Msg};
use crate::diag::msg;
use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The help text of a command (`arg` `None`) or of one of its arguments (by id), by command
/// path: `""` for the program itself, `"build"`, `"new case"`. `None`: clap's own text stays.
pub type Texts = fn(path: &str, arg: Option<&str>) -> Option<Msg>;

/// `cmd` with every text of its help in `lang`, its subcommands' too (see the module).
pub fn localize(cmd: Command, lang: Lang, texts: Texts) -> Command {
    let cmd = localize_at(cmd, "", lang, texts);
    if cmd.get_version().is_some() {
        cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(msg!("cli-version-flag").render(lang)),
        )
    } else {
        cmd
    }
}

fn localize_at(mut cmd: Command, path: &str, lang: Lang, texts: Texts) -> Command {
    if let Some(about) = texts(path, None) {
        cmd = cmd.about(about.render(lang)).long_about(None::<&str>);
    }
    cmd = cmd.mut_args(|arg| {
        let help = texts(path, Some(arg.get_id().as_str()));
        localize_arg(arg, help, lang)
    });
    cmd = cmd.mut_subcommands(|sub| {
        let child = if path.is_empty() { sub.get_name().to_string() } else { format!("{path} {}", sub.get_name()) };
        localize_at(sub, &child, lang, texts)
    });
    cmd = cmd
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_value_name(msg!("cli-command-placeholder").render(lang))
        .subcommand_help_heading(msg!("cli-commands-heading").render(lang))
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(msg!("cli-help-flag").render(lang))
                .global(false),
        );
    let template = template(&cmd, lang);
    cmd.help_template(template)
}

/// The argument with its help in `lang`; its default and allowed values said in the same
/// language (clap's `[default: …]` would stay English).
fn localize_arg(arg: Arg, help: Option<Msg>, lang: Lang) -> Arg {
    let mut text = match help {
        Some(m) => m.render(lang),
        None => arg.get_help().map(ToString::to_string).unwrap_or_default(),
    };
    let takes_value = matches!(arg.get_action(), ArgAction::Set | ArgAction::Append);
    let mut arg = arg.long_help(None::<&str>);
    if takes_value && !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let values: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        text.push_str(&msg!("cli-default", value = values.join(",")).render(lang));
        arg = arg.hide_default_value(true);
    }
    let possible: Vec<String> =
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
    if takes_value && !arg.is_hide_possible_values_set() && !possible.is_empty() {
        text.push_str(&msg!("cli-possible-values", values = list(&possible, lang)).render(lang));
        arg = arg.hide_possible_values(true);
    }
    arg.help(text)
}

/// The help's layout with the headings in `lang`, styled as clap styles its own.
fn template(cmd: &Command, lang: Lang) -> String {
    let style = cmd.get_styles().get_header();
    let heading = |m: Msg| format!("{style}{}{style:#}", m.render(lang));
    let mut t = String::from("{about-with-newline}\n");
    t.push_str(&heading(msg!("cli-usage-heading")));
    t.push_str("{usage}\n");
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        t.push_str(&format!("\n{}\n{{subcommands}}\n", heading(msg!("cli-commands-heading"))));
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        t.push_str(&format!("\n{}\n{{positionals}}\n", heading(msg!("cli-arguments-heading"))));
    }
    t.push_str(&format!("\n{}\n{{options}}\n", heading(msg!("cli-options-heading"))));
    t.push_str("{after-help}");
    t
}

/// clap's placeholders in a usage line (`[OPTIONS]`) in `lang`.
fn placeholders(text: &str, lang: Lang) -> String {
    text.replace("[OPTIONS]", &msg!("cli-options-placeholder").render(lang))
}

/// `items`, each quoted, as a list in `lang`.
fn list(items: &[String], lang: Lang) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quote(i, lang)).collect();
    quoted.join(&msg!("cli-list-separator").render(lang))
}

fn quote(text: &str, lang: Lang) -> String {
    msg!("cli-quoted", text = text).render(lang)
}

/// What the command line says for a parse "error" of clap: the help or the version (on
/// stdout, exit code 0), or an argument error (on stderr, exit code 2).
#[derive(Debug)]
pub struct Said {
    /// The text, styled as clap styles it (print `text.ansi()` on a terminal with colour).
    pub text: StyledStr,
    /// Whether it goes to stderr.
    pub stderr: bool,
    /// The exit code: 0 for the help and the version, 2 for a usage error.
    pub code: i32,
}

/// What to say for `e`, an error of parsing the arguments of `cmd` (the command as
/// [`localize`] made it), in `lang`.
pub fn error_text(e: &clap::Error, cmd: &Command, lang: Lang) -> Said {
    let (stderr, code) = (e.use_stderr(), e.exit_code());
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let rendered = e.render();
            let text = StyledStr::from(placeholders(&rendered.ansi().to_string(), lang));
            return Said { text, stderr, code };
        }
        _ => {}
    }
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(u)) => Some(u.to_string()),
        _ => None,
    };
    let usage = usage.map(|u| u.trim().trim_start_matches("Usage:").trim().to_string());
    let path = command_path(usage.as_deref(), cmd);
    let (message, tips) = explain(e, cmd, &path, lang);
    let style = cmd.get_styles().get_error();
    let mut out = format!("{style}{}{style:#}\n", super::error_line(lang, &message.render(lang)));
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            out.push_str(&msg!("cli-tip", tip = tip.render(lang)).render(lang));
            out.push('\n');
        }
    }
    if let Some(usage) = usage {
        let header = cmd.get_styles().get_header();
        let heading = msg!("cli-usage-heading").render(lang);
        out.push_str(&format!("\n{header}{heading}{header:#}{}\n", placeholders(&usage, lang)));
    }
    out.push_str(&format!("\n{}\n", msg!("cli-more-help", command = path.join(" ")).render(lang)));
    Said { text: StyledStr::from(out), stderr, code }
}

/// The command the error is about, from its usage line (`plansite new case <AREA> …` →
/// `plansite new case`); the program's name without one.
fn command_path(usage: Option<&str>, cmd: &Command) -> Vec<String> {
    let first = usage.and_then(|u| u.lines().next()).unwrap_or("");
    let words: Vec<String> = first
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-', '(', '|']))
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        vec![cmd.get_bin_name().unwrap_or(cmd.get_name()).to_string()]
    } else {
        words
    }
}

/// The subcommands of the command at `path` (its first word is the program).
fn subcommands_at(cmd: &Command, path: &[String]) -> Vec<String> {
    let mut at = cmd;
    for word in path.iter().skip(1) {
        match at.find_subcommand(word) {
            Some(sub) => at = sub,
            None => break,
        }
    }
    at.get_subcommands().filter(|s| !s.is_hide_set()).map(|s| s.get_name().to_string()).collect()
}

fn string(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    }
}

/// The message and the tips (what to write instead) for an argument error.
fn explain(e: &clap::Error, cmd: &Command, path: &[String], lang: Lang) -> (Msg, Vec<Msg>) {
    let arg = string(e, ContextKind::InvalidArg);
    let value = string(e, ContextKind::InvalidValue);
    let mut tips = Vec::new();
    let suggested_subcommands = strings(e, ContextKind::SuggestedSubcommand);
    if !suggested_subcommands.is_empty() {
        tips.push(msg!("cli-tip-did-you-mean", what = list(&suggested_subcommands, lang)));
    }
    let suggested_arg = strings(e, ContextKind::SuggestedArg);
    if !suggested_arg.is_empty() {
        tips.push(msg!("cli-tip-did-you-mean", what = list(&suggested_arg, lang)));
    }
    let suggested_value = strings(e, ContextKind::SuggestedValue);
    if !suggested_value.is_empty() {
        tips.push(msg!("cli-tip-did-you-mean", what = list(&suggested_value, lang)));
    }
    if let Some(ContextValue::StyledStrs(found)) = e.get(ContextKind::Suggested) {
        tips.extend(found.iter().map(|s| suggestion(&s.to_string(), lang)));
    }
    let message = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let name = string(e, ContextKind::InvalidSubcommand);
            if suggested_subcommands.is_empty() {
                let known = subcommands_at(cmd, path);
                if !known.is_empty() {
                    tips.push(msg!("cli-tip-commands", commands = list(&known, lang)));
                }
            }
            msg!("cli-unknown-command", name = name)
        }
        ErrorKind::UnknownArgument => msg!("cli-unknown-argument", arg = arg),
        ErrorKind::MissingRequiredArgument => {
            msg!("cli-missing-argument", args = list(&strings(e, ContextKind::InvalidArg), lang))
        }
        ErrorKind::MissingSubcommand => {
            let known = strings(e, ContextKind::ValidSubcommand);
            if !known.is_empty() {
                tips.push(msg!("cli-tip-commands", commands = list(&known, lang)));
            }
            msg!("cli-missing-command", name = string(e, ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => {
            let valid = strings(e, ContextKind::ValidValue);
            if !valid.is_empty() {
                tips.push(msg!("cli-tip-values", values = list(&valid, lang)));
            }
            if value.is_empty() {
                msg!("cli-value-missing", arg = arg)
            } else {
                msg!("cli-invalid-value", arg = arg, value = value)
            }
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e).map(ToString::to_string).unwrap_or_default();
            msg!("cli-invalid-value-why", arg = arg, value = value, why = reason)
        }
        ErrorKind::TooManyValues => msg!("cli-too-many-values", arg = arg, value = value),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => msg!("cli-wrong-number-of-values", arg = arg),
        ErrorKind::ArgumentConflict => {
            let first = if arg.is_empty() { string(e, ContextKind::InvalidSubcommand) } else { arg };
            let prior = strings(e, ContextKind::PriorArg);
            if prior.is_empty() || prior == [first.clone()] {
                msg!("cli-given-twice", arg = first)
            } else {
                msg!("cli-conflict", arg = first, other = list(&prior, lang))
            }
        }
        ErrorKind::NoEquals => msg!("cli-no-equals", arg = arg),
        ErrorKind::InvalidUtf8 => msg!("cli-invalid-utf8"),
        // Kinds clap does not give for arguments (I/O, formatting): its own words.
        _ => {
            let own = e.to_string();
            let first = own.lines().next().unwrap_or("").trim_start_matches("error:").trim().to_string();
            msg!("cli-other-error", text = first)
        }
    };
    (message, tips)
}

/// One of clap's own tips (English, built from a few fixed sentences), said in the catalogue's
/// words where it is one of those; else as clap says it.
fn suggestion(text: &str, lang: Lang) -> Msg {
    let quoted: Vec<&str> = text.split('\'').skip(1).step_by(2).collect();
    match quoted.as_slice() {
        [what] if text.ends_with("' exists") => msg!("cli-tip-did-you-mean", what = quote(what, lang)),
        [arg, instead] if text.starts_with("to pass '") => {
            msg!("cli-tip-as-value", arg = *arg, instead = *instead)
        }
        [sub, _] if text.starts_with("subcommand '") => msg!("cli-tip-remove-dashes", name = *sub),
        _ => Msg::verbatim(text),
    }
}
