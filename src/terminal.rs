//! What the command line shows while a build works (part of the binary, not of the library):
//! nothing for a build that is done within a second; then, on a terminal, a progress bar with
//! the stage under way; when stderr is not a terminal (a log file, CI), one plain line per
//! stage; nothing at all with `--quiet`. Colour only on a terminal and never with `NO_COLOR`
//! (<https://no-color.org>: set and not empty).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use plansite::diag::{Lang, Msg};
use std::io::Write;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a build may take before its progress is shown.
pub(crate) const SHOW_AFTER: Duration = Duration::from_secs(1);

/// How much the command says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verbosity {
    /// Only warnings and errors.
    Quiet,
    Normal,
    /// Also how long each stage took and what was reused.
    Verbose,
}

/// Where the progress goes.
pub(crate) enum Display {
    /// A terminal: a progress bar, coloured unless `colour` is false.
    Bar { colour: bool },
    /// Anything else: plain lines into this writer.
    Lines(Box<dyn Write + Send>),
    /// Nothing (`--quiet`).
    Off,
}

impl Display {
    /// What stderr of this process calls for: a bar on a terminal, plain lines otherwise,
    /// nothing when quiet.
    pub(crate) fn for_stderr(verbosity: Verbosity) -> Display {
        use std::io::IsTerminal;
        if verbosity == Verbosity::Quiet {
            Display::Off
        } else if std::io::stderr().is_terminal() {
            Display::Bar { colour: colour_allowed(std::env::var_os("NO_COLOR").as_deref()) }
        } else {
            Display::Lines(Box::new(std::io::stderr()))
        }
    }
}

/// Whether colour may be used, given the value of `NO_COLOR`: only when it is unset or empty.
pub(crate) fn colour_allowed(no_color: Option<&std::ffi::OsStr>) -> bool {
    no_color.is_none_or(|v| v.is_empty())
}

/// What the progress shows, shared with the thread that shows it after [`SHOW_AFTER`].
struct Shown {
    stage: &'static str,
    number: usize,
    /// Whether anything is shown yet.
    started: bool,
    lines: Option<Box<dyn Write + Send>>,
}

/// The progress of one build; [`Progress::finish`] (or dropping it) takes the bar away.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    shown: Arc<Mutex<Shown>>,
    stages: Vec<&'static str>,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// The language of the plain lines.
    lang: Lang,
}

/// The plain line of a stage under way: `building: render (3/7)…`.
fn building(stage: &str, number: usize, total: usize) -> Msg {
    plansite::msg!("building-stage", stage = stage, number = number, total = total)
}

impl Progress {
    /// Starts following a build of `stages`; shown once `after` has passed.
    pub(crate) fn start(display: Display, stages: &[&'static str], after: Duration, lang: Lang) -> Progress {
        let (bar, lines) = match display {
            Display::Off => {
                return Progress {
                    bar: None,
                    shown: Arc::new(Mutex::new(Shown { stage: "", number: 0, started: false, lines: None })),
                    stages: Vec::new(),
                    stop: None,
                    thread: None,
                    lang,
                }
            }
            Display::Bar { colour } => {
                let template = if colour {
                    "{spinner:.cyan} [{bar:24.cyan/blue}] {pos}/{len} {msg} ({elapsed})"
                } else {
                    "{spinner} [{bar:24}] {pos}/{len} {msg} ({elapsed})"
                };
                let style = ProgressStyle::with_template(template)
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> ");
                let bar = ProgressBar::with_draw_target(Some(stages.len() as u64), ProgressDrawTarget::hidden())
                    .with_style(style);
                (Some(bar), None)
            }
            Display::Lines(w) => (None, Some(w)),
        };
        let shown = Arc::new(Mutex::new(Shown { stage: "", number: 0, started: false, lines }));
        let (stop, stopped) = mpsc::channel::<()>();
        let total = stages.len();
        let thread = {
            let (bar, shown) = (bar.clone(), shown.clone());
            std::thread::Builder::new()
                .name("progress".into())
                .spawn(move || {
                    if stopped.recv_timeout(after) != Err(mpsc::RecvTimeoutError::Timeout) {
                        return;
                    }
                    let Ok(mut s) = shown.lock() else { return };
                    s.started = true;
                    if let Some(bar) = &bar {
                        bar.set_draw_target(ProgressDrawTarget::stderr());
                        bar.enable_steady_tick(Duration::from_millis(120));
                    }
                    let (stage, number) = (s.stage, s.number);
                    if let Some(w) = s.lines.as_mut() {
                        let _ = writeln!(w, "{}", building(stage, number, total).render(lang));
                    }
                })
                .ok()
        };
        Progress { bar, shown, stages: stages.to_vec(), stop: Some(stop), thread, lang }
    }

    /// A stage begins.
    pub(crate) fn stage(&self, stage: &'static str) {
        let number = self.stages.iter().position(|s| *s == stage).map_or(0, |i| i + 1);
        if let Some(bar) = &self.bar {
            bar.set_position(number.saturating_sub(1) as u64);
            bar.set_message(stage);
        }
        let Ok(mut s) = self.shown.lock() else { return };
        s.stage = stage;
        s.number = number;
        if s.started {
            let total = self.stages.len();
            if let Some(w) = s.lines.as_mut() {
                let _ = writeln!(w, "{}", building(stage, number, total).render(self.lang));
            }
        }
    }

    /// The build is over: the bar goes away (what the command prints next takes its place).
    pub(crate) fn finish(mut self) {
        self.end();
    }

    fn end(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose bytes the test can read.
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Buffer {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    const STAGES: [&str; 3] = ["parse", "render", "write"];

    // Not on a terminal, a long build says each stage on a line of its own, from the one under
    // way when the delay passed.
    #[test]
    fn a_long_build_shows_plain_lines_when_not_on_a_terminal() {
        let out = Buffer::default();
        let p = Progress::start(Display::Lines(Box::new(out.clone())), &STAGES, Duration::ZERO, Lang::En);
        p.stage("parse");
        // The thread says the stage under way once the delay (none here) has passed.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while out.text().is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        p.stage("render");
        p.stage("write");
        p.finish();
        let text = out.text();
        assert!(text.contains("building: render (2/3)…\nbuilding: write (3/3)…\n"), "{text}");
        assert!(!text.contains('\u{1b}'), "no escape codes in plain lines: {text:?}");
    }

    // A build done within the delay shows nothing.
    #[test]
    fn a_short_build_shows_nothing() {
        let out = Buffer::default();
        let p = Progress::start(Display::Lines(Box::new(out.clone())), &STAGES, Duration::from_secs(60), Lang::En);
        for s in STAGES {
            p.stage(s);
        }
        p.finish();
        assert_eq!(out.text(), "");
    }

    #[test]
    fn no_color_set_and_not_empty_turns_colour_off() {
        assert!(colour_allowed(None));
        assert!(colour_allowed(Some(std::ffi::OsStr::new(""))));
        assert!(!colour_allowed(Some(std::ffi::OsStr::new("1"))));
    }
}
