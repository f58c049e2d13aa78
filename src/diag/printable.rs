//! Text from the user's files as a terminal shows it, never as commands it acts on: the one
//! function every value goes through on its way to the terminal (messages' values, locations,
//! source lines; see `msg` and `render`, which both use it and so it depends on neither).

use std::borrow::Cow;
use std::fmt::Write;

/// `s` with what a terminal would act on instead of showing spelled out (`\u{1b}`): control
/// characters (an escape sequence in a file name or a value could set the window's title or
/// clear the screen; a line break could forge a line of output) and the marks that reorder text
/// (U+202E would show a name backwards). Every value from the user's files goes through it
/// before it reaches the terminal.
pub fn printable(s: &str) -> Cow<'_, str> {
    spelled(s, false)
}

/// [`printable`], but keeping line breaks: for our own text of several lines, whose user parts
/// went through [`printable`].
pub(super) fn printable_lines(s: &str) -> Cow<'_, str> {
    spelled(s, true)
}

fn spelled(s: &str, lines: bool) -> Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && !(lines && c == '\n'))
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
