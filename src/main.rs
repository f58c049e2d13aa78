//! The `plansite` command line: parses arguments, runs a command, prints diagnostics, and exits
//! with 0 (success), 1 (content or I/O error) or 2 (bad arguments, from clap).

use clap::{Args, Parser, Subcommand};
use plansite::diag::render_terminal;
use plansite::{BuildError, BuildOptions, SourceTree};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use terminal::{Display, Progress, Verbosity};

mod terminal;

#[derive(Parser)]
#[command(name = "plansite", version, about = "Publishes a public plan as a bilingual, searchable static site")]
struct Cli {
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

impl SchemaArgs {
    fn run(self) -> ExitCode {
        let out = self.out.unwrap_or_else(|| self.root.join("schemas"));
        match plansite::schema::write(&self.root, &out) {
            Ok(files) => {
                eprintln!("wrote {} schema(s) into {}", files.len(), out.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
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
    #[arg(long = "allowed-host", value_name = "NAME", value_parser = parse_host_name)]
    allowed_host: Vec<String>,
}

fn parse_host_name(s: &str) -> Result<String, String> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | ':' | '[' | ']');
    if !s.is_empty() && s.chars().all(ok) {
        Ok(s.to_string())
    } else {
        Err("write a host name such as plan-preview.local (letters, digits, '-', '.'; an IPv6 address in brackets)"
            .into())
    }
}

impl ServeArgs {
    fn run(self) -> ExitCode {
        let options = plansite::serve::ServeOptions {
            bind: self.bind,
            port: self.port,
            open: self.open,
            output: self.output,
            allowed_hosts: self.allowed_host,
            ..plansite::serve::ServeOptions::for_root(self.root)
        };
        let log = |line: &str| eprintln!("{line}");
        match plansite::serve::run(options, log) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
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
    fn run(self) -> ExitCode {
        let tree = match SourceTree::load(&self.root) {
            Ok(tree) => tree,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        };
        let options = plansite::CompileOptions::default();
        let memo = plansite::Memo::default();
        let diags = match plansite::compile_with(&tree, &options, &memo, plansite::SearchIndex::Deferred) {
            Ok(compiled) => {
                let mut diags = compiled.warnings;
                if self.external {
                    let external = plansite::check::external::External::for_root(&self.root);
                    eprintln!("asking {} outside link(s)…", compiled.external_links.len());
                    let (found, _) = plansite::check::external::check(&compiled.external_links, &external);
                    for d in found {
                        diags.push(d);
                    }
                }
                diags
            }
            Err(BuildError::Content(diags)) => diags,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        };
        print!("{}", plansite::diag::render_by_file(&diags, &tree));
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
    fn run(self) -> ExitCode {
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
        let progress = Progress::start(Display::for_stderr(verbosity), &stages, terminal::SHOW_AFTER);
        progress.stage("read");
        let tree = match SourceTree::load(&options.root) {
            Ok(tree) => tree,
            Err(e) => {
                eprintln!("error: {e}");
                eprintln!("build failed; {} was not changed", options.output.display());
                return ExitCode::from(1);
            }
        };
        let read = started.elapsed();
        let built = plansite::build_observed(&tree, &options, &|stage| progress.stage(stage));
        progress.finish();
        match built {
            Ok(compiled) => {
                eprint!("{}", render_terminal(&compiled.warnings, &tree));
                for cleaned in &compiled.written.cleaned {
                    eprintln!("cleaned up after a build that was stopped: {cleaned}");
                }
                for replaced in &compiled.written.replaced {
                    eprintln!("replaced (--force), not written by plansite: {replaced}");
                }
                if let Some(problem) = &compiled.written.cache_problem {
                    eprintln!(
                        "warning: the image cache was not written ({problem}); the next build encodes the photos again"
                    );
                }
                if compiled.written.kept > 0 && !quiet {
                    eprintln!("kept {} file(s) in the output that plansite did not write", compiled.written.kept);
                }
                for held in &compiled.held_back {
                    eprintln!("held back: {} ({})", held.file, held.why);
                }
                if !compiled.held_back.is_empty() && !quiet {
                    eprintln!("  (give --drafts or --future to publish them; `plansite serve` shows them)");
                }
                eprint!("{}", plansite::translations::short_report(&plansite::translations::report(&tree, None)));
                if show_timings {
                    eprintln!("  {:<24} {:>8.1} ms", "read sources", read.as_secs_f64() * 1000.0);
                    for (stage, d) in &compiled.timings {
                        eprintln!("  {stage:<24} {:>8.1} ms", d.as_secs_f64() * 1000.0);
                    }
                    let (made, cached) = compiled.images;
                    eprintln!("  images: {made} encoded, {cached} from the cache");
                }
                if verbosity == Verbosity::Verbose {
                    let (made, cached) = compiled.images;
                    eprintln!(
                        "  reused: {cached} photo(s) from the image cache (.plansite-cache/images/); encoded anew: {made}"
                    );
                    eprintln!(
                        "  rendered: {} file(s) (a build starts afresh; `plansite serve` reuses what did not change)",
                        compiled.pages_rendered
                    );
                }
                if quiet {
                    return ExitCode::SUCCESS;
                }
                eprintln!(
                    "built {} pages ({} files) into {} in {} ms",
                    compiled.site.page_count(),
                    compiled.site.len(),
                    options.output.display(),
                    started.elapsed().as_millis()
                );
                ExitCode::SUCCESS
            }
            Err(BuildError::Content(diags)) => {
                eprint!("{}", render_terminal(&diags, &tree));
                let errors = diags.iter().filter(|d| d.severity == plansite::diag::Severity::Error).count();
                eprintln!(
                    "build failed: {errors} error(s) in the content; {} was not changed",
                    options.output.display()
                );
                ExitCode::from(1)
            }
            Err(e) => {
                eprintln!("error: {e}");
                eprintln!("build failed; {} was not changed", options.output.display());
                ExitCode::from(1)
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => args.run(),
        Command::Check(args) => args.run(),
        Command::Serve(args) => args.run(),
        Command::New(args) => args.run(),
        Command::Init(args) => args.run(),
        Command::Translations(args) => args.run(),
        Command::Schema(args) => args.run(),
    }
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
