//! The `plansite` command line: parses arguments, runs a command, prints diagnostics, and exits
//! with 0 (success), 1 (content or I/O error) or 2 (bad arguments, from clap).

use clap::{Args, Parser, Subcommand};
use plansite::diag::{render_by_file_in, render_terminal_in, Lang};
use plansite::msg;
use plansite::{BuildError, BuildOptions, SourceTree};
use std::path::PathBuf;

/// mimalloc instead of the system's allocator: rendering allocates and frees many small strings
/// on every core at once (see README, "Dependencies"). How it holds memory is set below
/// ([`no_huge_pages`], [`with_allocator_settings`]).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;
use std::time::Instant;
use terminal::{Display, Progress, Verbosity};

/// Asks Linux not to back this process's memory with transparent huge pages. Where the system
/// uses them for every process (`always`, as on this benchmark machine), the allocator's
/// partly used 2 MiB pages are all resident: a build's peak was a tenth higher for no gain in
/// time (paired at N = 10,000: 407 against 371.5 MiB, wall 0.999; N = 100,000: 3,428 against
/// 3,230 MiB; bench/results-2026-12-02-memory.md). Where it cannot be set, nothing changes.
///
/// This call comes only once `main` runs, after the allocator's first pages, so the allocator
/// is also built not to ask for huge pages itself (mimalloc's `no_thp` feature, Cargo.toml).
/// Where the system gives them only to memory that asks (`madvise`), each process zeroed two
/// 2 MiB pages before `main`, which after some idle the VM's host had to give back first: a
/// build after a one-word edit and 20 s of idle took 96.5 ms against 114 (medians of twelve
/// alternated pairs, N = 1,000, the disk; bench/results-2026-12-07-session58.md).
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

/// The environment variable that sets how long the allocator waits before it gives memory it
/// no longer uses back to the system, and the milliseconds a build, check or preview asks for.
const PURGE_DELAY: (&str, &str) = ("MIMALLOC_PURGE_DELAY", "10");

/// Starts the program again with [`PURGE_DELAY`] set, unless it is set already (by a user, or
/// by this very call): the same program, arguments and environment, in the same process (the
/// id stays; `exec`). mimalloc (v3) keeps freed memory for 1 s by default, and reads this
/// setting only from the environment, once, before `main` runs; setting it from the program
/// would take an unsafe call. Freed memory given back after 10 ms keeps the build's peak lower
/// where the stages make and drop a great deal (alternated on tmpfs: N = 100,000 435 / 438 MB
/// against 516 / 496 in the same time; N = 10,000 145 against 166 MiB, 3 % slower;
/// bench/results-2026-12-06-session43.md). Where it cannot start itself again it goes on as it
/// is, with the allocator's default.
fn with_allocator_settings() {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let (name, value) = PURGE_DELAY;
        if std::env::var_os(name).is_some() {
            return;
        }
        let Ok(program) = std::env::current_exe() else { return };
        let mut args = std::env::args_os();
        let mut command = std::process::Command::new(program);
        if let Some(first) = args.next() {
            command.arg0(first);
        }
        // `exec` returns only if the program could not be started.
        let _ = command.args(args).env(name, value).exec();
    }
}

mod cli;
mod terminal;

#[derive(Parser)]
#[command(name = "plansite", version, about = "Publishes a public plan as a bilingual, searchable static site")]
struct Cli {
    /// The language of plansite's messages, `ja` or `en` (given before the command:
    /// `plansite --lang en build`). Without it: PLANSITE_LANG, else the system locale
    /// (LC_ALL, LC_MESSAGES, LANG: Japanese if it starts with `ja`), else English.
    #[arg(long, value_name = "ja|en")]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ and themes/ into site/.
    Build(BuildArgs),
    /// Check the site without writing anything: broken links and references, images without
    /// alternative text, untranslated pages, unlinked files… Exit code 1 if there are errors.
    Check(CheckArgs),
    /// Preview the site: build it, serve it, rebuild and reload the browser on every change.
    Serve(ServeArgs),
    /// Create the files of a new case study, area, theme or fiscal year (never overwrites).
    New(plansite::scaffold::NewArgs),
    /// Create a new, minimal site in an empty folder.
    Init(plansite::scaffold::InitArgs),
    /// List the texts whose translation is missing or out of date (or --mark them done).
    Translations(plansite::translations::cli::TranslationsArgs),
    /// Write JSON Schemas of the content files, so editors (VS Code with the YAML extension)
    /// complete and check fields as they type.
    Schema(SchemaArgs),
}

#[derive(Args)]
struct SchemaArgs {
    /// The site root holding content/ (its areas and themes become allowed values).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the schemas [default: ROOT/schemas].
    #[arg(long)]
    out: Option<PathBuf>,
}

/// `error: …` in the editor's language.
fn error_line(lang: Lang, error: &BuildError) -> String {
    plansite::diag::error_line(lang, &error.render(lang))
}

impl SchemaArgs {
    fn run(self, lang: Lang) -> ExitCode {
        let out = self.out.unwrap_or_else(|| self.root.join("schemas"));
        match plansite::schema::write(&self.root, &out) {
            Ok(files) => {
                plansite::errln!(
                    "{}",
                    msg!("schemas-written", count = files.len(), dir = out.display().to_string()).render(lang)
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                plansite::errln!("{}", error_line(lang, &e));
                ExitCode::from(1)
            }
        }
    }
}

#[derive(Args)]
struct ServeArgs {
    /// The site root holding content/ and themes/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The address to listen on; anything but 127.0.0.1 makes the preview visible to the network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// The port to listen on.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Open the preview in the default browser.
    #[arg(long)]
    open: bool,
    /// Also write each good build to this directory (by default the preview writes nothing).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Also answer requests addressed to this host name (e.g. the machine's name on the
    /// network, or a tunnel's); may be given more than once. Other names are refused.
    #[arg(long = "allowed-host", value_name = "NAME", value_parser = |s: &str| parse_host_name(s, Lang::En))]
    allowed_host: Vec<String>,
    /// Keep up to this many megabytes of rendered pages in memory; the rest are kept on disk,
    /// under the site root's .plansite-cache/, until the preview stops.
    #[arg(long = "page-memory", value_name = "MB", default_value_t = 1024)]
    page_memory: u64,
}

/// `--allowed-host`: a name or address (checked further by the preview); else what to write,
/// in `lang`.
fn parse_host_name(s: &str, lang: Lang) -> Result<String, String> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | ':' | '[' | ']');
    if !s.is_empty() && s.chars().all(ok) {
        Ok(s.to_string())
    } else {
        Err(msg!("host-name-hint").render(lang))
    }
}

impl ServeArgs {
    fn run(self, lang: Lang) -> ExitCode {
        let options = plansite::serve::ServeOptions {
            bind: self.bind,
            port: self.port,
            open: self.open,
            output: self.output,
            allowed_hosts: self.allowed_host,
            page_memory: self.page_memory.saturating_mul(1 << 20),
            lang,
            ..plansite::serve::ServeOptions::for_root(self.root)
        };
        let log = |line: &str| plansite::errln!("{line}");
        match plansite::serve::run(options, log) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                plansite::errln!("{}", plansite::diag::error_line(lang, &e.render(lang)));
                ExitCode::from(1)
            }
        }
    }
}

#[derive(Args)]
struct CheckArgs {
    /// The site root holding content/ and themes/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Count warnings as errors (exit code 1 if there is any).
    #[arg(long)]
    strict: bool,
    /// Also ask every outside link over the network (10 s timeout, one request per second and
    /// host; good answers are remembered for a day in ROOT/.plansite-cache/links.json).
    #[arg(long)]
    external: bool,
}

impl CheckArgs {
    fn run(self, lang: Lang) -> ExitCode {
        let tree = match SourceTree::load_for_build(&self.root) {
            Ok(tree) => tree,
            Err(e) => {
                plansite::errln!("{}", error_line(lang, &e));
                return ExitCode::from(1);
            }
        };
        // The check writes none of the root's caches: what the reading noted of the sources for
        // the next build (`source::noted`, 40 bytes a file: some 12 MB at N = 100,000) is let
        // go now, not held through the check.
        tree.forget_noted();
        let options = plansite::CompileOptions::default();
        let memo = plansite::Memo::default();
        let diags = match plansite::compile_with(&tree, &options, &memo, plansite::SearchIndex::Deferred) {
            Ok(compiled) => {
                let mut diags = compiled.warnings;
                if self.external {
                    let external = plansite::check::external::External::for_root(&self.root);
                    plansite::errln!("{}", msg!("asking-links", count = compiled.external_links.len()).render(lang));
                    let (found, _) = plansite::check::external::check(&compiled.external_links, &external);
                    for d in found {
                        diags.push(d);
                    }
                }
                diags
            }
            Err(BuildError::Content(diags)) => diags,
            Err(e) => {
                plansite::errln!("{}", error_line(lang, &e));
                return ExitCode::from(1);
            }
        };
        plansite::out!("{}", render_by_file_in(&diags, &tree, lang));
        let errors = diags.iter().filter(|d| d.severity == plansite::diag::Severity::Error).count();
        if errors > 0 || (self.strict && !diags.is_empty()) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

#[derive(Args)]
struct BuildArgs {
    /// The site root holding content/ and themes/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: ROOT/site].
    #[arg(long)]
    output: Option<PathBuf>,
    /// The address the site is published at, overriding content/site.yaml.
    #[arg(long, value_parser = plansite::BaseUrl::parse)]
    base_url: Option<plansite::BaseUrl>,
    /// Print how long each stage of the build took.
    #[arg(long)]
    timings: bool,
    /// Print only warnings and errors: no progress, no summary.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print how long each stage took and what was reused.
    #[arg(long, short)]
    verbose: bool,
    /// Publish into a non-empty folder plansite did not write (its other files are kept), and
    /// replace files plansite did not write where the site has a file of the same name.
    #[arg(long)]
    force: bool,
    /// Publish drafts (`draft: true`) too, each page with a band saying it is a draft.
    #[arg(long)]
    drafts: bool,
    /// Publish case studies dated after today too (compared in the site's time zone).
    #[arg(long)]
    future: bool,
}

impl BuildArgs {
    fn run(self, lang: Lang) -> ExitCode {
        let options = BuildOptions {
            output: self.output.unwrap_or_else(|| self.root.join("site")),
            root: self.root,
            base_url: self.base_url,
            force: self.force,
            publish: plansite::Publish { drafts: self.drafts, future: self.future, now: None },
        };
        let verbosity = match (self.quiet, self.verbose) {
            (true, _) => Verbosity::Quiet,
            (_, true) => Verbosity::Verbose,
            _ => Verbosity::Normal,
        };
        let quiet = verbosity == Verbosity::Quiet;
        let show_timings = self.timings || verbosity == Verbosity::Verbose;
        let started = Instant::now();
        let stages: Vec<&'static str> = ["read"].into_iter().chain(plansite::STAGES).chain(["write"]).collect();
        let progress = Progress::start(Display::for_stderr(verbosity), &stages, terminal::SHOW_AFTER, lang);
        progress.stage("read");
        let output = options.output.display().to_string();
        let unchanged = msg!("build-failed-unchanged", output = output.as_str()).render(lang);
        if show_timings {
            plansite::memory::per_stage();
        }
        plansite::memory::reset_peak();
        let tree = match SourceTree::load_for_build(&options.root) {
            Ok(tree) => tree,
            Err(e) => {
                plansite::errln!("{}", error_line(lang, &e));
                plansite::errln!("{unchanged}");
                return ExitCode::from(1);
            }
        };
        let read = plansite::StageTime { stage: "", took: started.elapsed(), peak: plansite::memory::peak_resident() };
        let built = plansite::build_observed(&tree, &options, &|stage| progress.stage(stage));
        progress.finish();
        match built {
            Ok(compiled) => {
                plansite::err!("{}", render_terminal_in(&compiled.warnings, &tree, lang));
                for cleaned in &compiled.written.cleaned {
                    plansite::errln!("{}", msg!("cleaned-up", path = cleaned).render(lang));
                }
                for replaced in &compiled.written.replaced {
                    plansite::errln!("{}", msg!("replaced-forced", path = replaced).render(lang));
                }
                if let Some(problem) = &compiled.written.cache_problem {
                    plansite::errln!("{}", msg!("image-cache-not-written", problem = problem.to_string()).render(lang));
                }
                if let Some(kept) = compiled.written.kept.filter(|&n| n > 0 && !quiet) {
                    plansite::errln!("{}", msg!("kept-files", count = kept).render(lang));
                }
                for held in &compiled.held_back {
                    plansite::errln!(
                        "{}",
                        msg!("held-back", file = &held.file, why = held.why.render(lang)).render(lang)
                    );
                }
                if !compiled.held_back.is_empty() && !quiet {
                    plansite::errln!("{}", msg!("held-back-hint").render(lang));
                }
                // (A summary of work to do, neither a warning nor an error: not with --quiet.)
                if !quiet {
                    plansite::err!("{}", plansite::translations::short_report(&compiled.translations, lang));
                }
                if show_timings {
                    let read_sources = msg!("timing-read").render(lang);
                    let line = |stage: &str, t: &plansite::StageTime| {
                        let peak = t.peak.map(|b| format!("{:>8} MB", b.div_ceil(1 << 20))).unwrap_or_default();
                        let pad = " ".repeat(24usize.saturating_sub(plansite::diag::display_width(stage)));
                        plansite::errln!("  {stage}{pad} {:>8.1} ms{peak}", t.took.as_secs_f64() * 1000.0);
                    };
                    line(&read_sources, &read);
                    for t in &compiled.timings {
                        line(t.stage, t);
                    }
                    // Each stage's figure starts a new count of the kernel's (so `/usr/bin/time`
                    // then shows the last stage's, not the build's): the build's is the largest.
                    let whole = compiled.timings.iter().chain([&read]).filter_map(|t| t.peak).max();
                    if let Some(whole) = whole {
                        plansite::errln!("{}", msg!("timing-peak", peak = whole.div_ceil(1 << 20)).render(lang));
                    }
                    let (made, cached) = compiled.images;
                    plansite::errln!("{}", msg!("images-timing", made = made, cached = cached).render(lang));
                }
                if show_timings || verbosity == Verbosity::Verbose {
                    let w = compiled.written.written;
                    let kb = w.bytes.div_ceil(1024);
                    let said = if w.in_place {
                        msg!("written-in-place", files = w.files, kb = kb, removed = w.removed, linked = w.unchanged)
                    } else {
                        msg!("written-files", files = w.files, kb = kb, linked = w.unchanged)
                    };
                    plansite::errln!("{}", said.render(lang));
                }
                if verbosity == Verbosity::Verbose {
                    let (made, cached) = compiled.images;
                    plansite::errln!("{}", msg!("reused-verbose", cached = cached, made = made).render(lang));
                    plansite::errln!("{}", msg!("rendered-verbose", count = compiled.pages_rendered).render(lang));
                    plansite::errln!("{}", msg!("checked-verbose", count = compiled.pages_checked).render(lang));
                    plansite::errln!("{}", msg!("indexed-verbose", count = compiled.bodies_indexed).render(lang));
                }
                if quiet {
                    return ExitCode::SUCCESS;
                }
                let summary = msg!(
                    "built-summary",
                    pages = compiled.site.page_count(),
                    files = compiled.site.len(),
                    output = output.as_str(),
                    ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
                );
                plansite::errln!("{}", summary.render(lang));
                ExitCode::SUCCESS
            }
            Err(BuildError::Content(diags)) => {
                plansite::err!("{}", render_terminal_in(&diags, &tree, lang));
                let errors = diags.iter().filter(|d| d.severity == plansite::diag::Severity::Error).count();
                plansite::errln!(
                    "{}",
                    msg!("build-failed-errors", errors = errors, output = output.as_str()).render(lang)
                );
                ExitCode::from(1)
            }
            Err(e) => {
                plansite::errln!("{}", error_line(lang, &e));
                if e.left_output_unchanged() {
                    plansite::errln!("{unchanged}");
                }
                ExitCode::from(1)
            }
        }
    }
}

fn main() -> ExitCode {
    no_huge_pages();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = Lang::from_env(cli::lang_flag(&args));
    let cli = match cli::parse(args, lang) {
        Ok(cli) => cli,
        Err(said) => return print_said(&said),
    };
    if matches!(cli.command, Command::Build(_) | Command::Check(_) | Command::Serve(_)) {
        with_allocator_settings();
    }
    let lang = Lang::from_env(cli.lang);
    match cli.command {
        Command::Build(args) => args.run(lang),
        Command::Check(args) => args.run(lang),
        Command::Serve(args) => args.run(lang),
        Command::New(args) => args.run(lang),
        Command::Init(args) => args.run(lang),
        Command::Translations(args) => args.run(lang),
        Command::Schema(args) => args.run(lang),
    }
}

/// Prints the help, the version or an argument error (coloured as clap colours them, on a
/// terminal without `NO_COLOR`); its exit code.
fn print_said(said: &plansite::diag::cli::Said) -> ExitCode {
    use std::io::{IsTerminal, Write};
    let colour = terminal::colour_allowed(std::env::var_os("NO_COLOR").as_deref());
    let text = |terminal: bool| {
        if terminal && colour {
            said.text.ansi().to_string()
        } else {
            said.text.to_string()
        }
    };
    // A closed pipe (`plansite --help | head`) is not an error worth a panic.
    let _ = if said.stderr {
        std::io::stderr().write_all(text(std::io::stderr().is_terminal()).as_bytes())
    } else {
        std::io::stdout().write_all(text(std::io::stdout().is_terminal()).as_bytes())
    };
    ExitCode::from(u8::try_from(said.code).unwrap_or(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
