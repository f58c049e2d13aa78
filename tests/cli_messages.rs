//! The command line's own words and the preview's own answers in the editor's language: clap's
//! help and argument errors, the system's errors inside a sentence, and what the preview
//! answers itself (405, 403, 404…). The parsing of the real command line is tested in process
//! in src/cli.rs (it belongs to the binary); here the binary runs for what only a process
//! shows: the locale, the streams and the exit codes.

mod support;
use plansite::diag::{io_error, Lang};
use std::io::{Error, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Output};
use std::time::Duration;

/// `plansite ARGS` with only `env` of the locale variables set.
fn plansite(env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plansite"));
    for var in ["LANG", "LC_ALL", "LC_MESSAGES", "PLANSITE_LANG", "LANGUAGE", "NO_COLOR"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied()).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// Under a Japanese locale `--help` is Japanese throughout, on stdout with exit code 0; under
// `LANG=C` it is English, as clap says it.
#[test]
fn help_follows_the_locale() {
    let ja = plansite(&[("LANG", "ja_JP.UTF-8")], &["--help"]);
    assert_eq!(ja.status.code(), Some(0));
    let out = text(&ja.stdout);
    assert!(out.contains("使い方：plansite [オプション] <コマンド>"), "{out}");
    assert!(out.contains("コマンド：") && out.contains("オプション："), "{out}");
    for english in ["Usage:", "Options:", "Commands:", "Print help"] {
        assert!(!out.contains(english), "{english} in:\n{out}");
    }
    let build = text(&plansite(&[("LANG", "ja_JP.UTF-8")], &["build", "--help"]).stdout);
    assert!(build.contains("使い方：plansite build [オプション]") && build.contains("--output"), "{build}");
    assert!(!build.contains("Options:") && !build.contains("Usage:"), "{build}");
    let c = plansite(&[("LANG", "C")], &["--help"]);
    assert_eq!(c.status.code(), Some(0));
    let out = text(&c.stdout);
    assert!(out.contains("Usage: plansite [OPTIONS] <COMMAND>") && out.contains("Commands:"), "{out}");
    assert!(!out.contains("使い方"), "{out}");
    // `--lang` before the command outranks the locale, for the help too.
    let en = text(&plansite(&[("LANG", "ja_JP.UTF-8")], &["--lang", "en", "build", "--help"]).stdout);
    assert!(en.contains("Usage: plansite build [OPTIONS]"), "{en}");
}

// An argument error is said on stderr in the editor's language, with exit code 2.
#[test]
fn argument_errors_follow_the_locale_with_exit_code_2() {
    let ja = plansite(&[("LANG", "ja_JP.UTF-8")], &["biuld"]);
    assert_eq!(ja.status.code(), Some(2));
    assert!(ja.stdout.is_empty());
    let err = text(&ja.stderr);
    assert!(err.contains("エラー：`biuld` というコマンドはありません"), "{err}");
    assert!(err.contains("ヒント：`build` のことではありませんか"), "{err}");
    let missing = plansite(&[("PLANSITE_LANG", "ja")], &["new", "case", "kita"]);
    assert_eq!(missing.status.code(), Some(2));
    let err = text(&missing.stderr);
    assert!(err.contains("必要な引数 `<SLUG>` がありません"), "{err}");
    let c = plansite(&[("LANG", "C")], &["biuld"]);
    assert_eq!(c.status.code(), Some(2));
    let err = text(&c.stderr);
    assert!(err.starts_with("error: unrecognized subcommand 'biuld'"), "{err}");
    assert!(err.contains("For more information, try 'plansite --help'."), "{err}");
}

// The system's errors read as Japanese sentences, without the system's English words.
#[test]
fn system_errors_are_japanese_inside_japanese_sentences() {
    for (kind, expected) in [
        (ErrorKind::NotFound, "ファイルまたはフォルダーがありません"),
        (ErrorKind::PermissionDenied, "権限がありません"),
    ] {
        let said = io_error(&Error::from(kind)).render(Lang::Ja);
        assert!(said.contains(expected), "{said}");
        let os = io_error(&Error::from_raw_os_error(if kind == ErrorKind::NotFound { 2 } else { 13 })).render(Lang::Ja);
        assert!(os.contains(expected), "{os}");
        assert!(!os.contains("No such file") && !os.contains("Permission denied") && !os.contains("os error"), "{os}");
    }
    let build = plansite::BuildError::io("content/site.yaml", &Error::from_raw_os_error(13));
    assert_eq!(build.render(Lang::Ja), "content/site.yaml: 読み書きする権限がありません");
    assert!(build.to_string().contains("permission denied"), "{build}");
    // A build into a folder that cannot be made (under /proc) says why in Japanese.
    // On a copy: a build reads the sources and writes its parse cache into the root before it
    // finds the output cannot be made, and the repository's fixture must stay as it is.
    let site = support::SiteTest::fixture("other-city");
    let root = site.root().to_str().unwrap();
    let out = plansite(&[("LANG", "ja_JP.UTF-8")], &["build", "--root", root, "--output", "/proc/plansite-test/site"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("エラー：/proc/plansite-test/site: ファイルまたはフォルダーがありません"), "{err}");
    assert!(!err.contains("os error") && !err.contains("No such file"), "{err}");
}

/// Sends `request` to `addr` and reads the answer: (status line and headers, body).
fn ask(addr: std::net::SocketAddr, request: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let raw = text(&raw);
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    (head.to_string(), body.to_string())
}

// The preview's own answers are in the editor's language: 405, 403, and 404 where the theme
// has no page of its own.
#[test]
fn the_preview_answers_in_the_editors_language() {
    let t = support::SiteTest::fixture("other-city");
    let mut options = plansite::serve::ServeOptions::for_root(t.root());
    options.port = 0;
    options.watch = false;
    options.index_delay = Duration::ZERO;
    options.lang = Lang::Ja;
    let preview = plansite::serve::start(options, |_| {}).expect("the preview starts");
    let (head, body) = ask(
        preview.addr(),
        "POST /minato/ja/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert!(head.starts_with("HTTP/1.1 405"), "{head}");
    assert!(body.contains("GET と HEAD の要求だけです") && body.contains("POST"), "{body}");
    assert!(!body.contains("Method Not Allowed"), "{body}");
    let (head, body) =
        ask(preview.addr(), "GET /minato/ja/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 403"), "{head}");
    assert!(body.contains("「evil.example」") && body.contains("--allowed-host"), "{body}");
}

// `build --timings` lists every stage with its time and the peak memory while it ran, the
// Japanese stage name padded by its width on screen, and says what the figure is.
#[test]
#[cfg(target_os = "linux")]
fn timings_give_each_stage_its_time_and_peak_memory() {
    // A copy: a build writes the root's caches (.plansite-cache/), and the fixture is the
    // repository's.
    let t = support::SiteTest::fixture("other-city");
    let site = t.out();
    let root = t.root().to_str().unwrap();
    let run = plansite(
        &[("LANG", "ja_JP.UTF-8")],
        &["build", "--root", root, "--output", site.to_str().unwrap(), "--timings"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let err = text(&run.stderr);
    let stages: Vec<&str> = err.lines().filter(|l| l.contains(" ms ") && l.trim_end().ends_with(" MB")).collect();
    for stage in ["ソースの読み込み", "parse", "resolve", "search index", "render", "check", "write"] {
        let line =
            stages.iter().find(|l| l.trim_start().starts_with(stage)).unwrap_or_else(|| panic!("{stage}:\n{err}"));
        let mb: u64 = line.split_whitespace().rev().nth(1).unwrap().parse().unwrap();
        assert!(mb > 0, "{line}");
    }
    // The time column lines up: the Japanese name takes two columns a character.
    let columns: Vec<usize> =
        stages.iter().map(|l| plansite::diag::display_width(&l[..l.find(" ms").unwrap()])).collect();
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{columns:?}\n{err}");
    // The whole build's peak is the largest of the stages' (each stage starts a new count).
    let most = stages.iter().map(|l| l.split_whitespace().rev().nth(1).unwrap().parse::<u64>().unwrap()).max();
    let said = format!("（MB：その段階でビルドが使ったメモリの最大値。ビルド全体では {} MB）", most.unwrap());
    assert!(err.contains(&said), "{said}\n{err}");
}

// A reader that has gone (`plansite translations | head`, a pager quit early) is no crash:
// the command finishes its work and exits with its own code. Each stream's reading end is
// closed before the program writes to it; the standard `println!` panicked there (code 101).
#[test]
fn a_closed_pipe_is_no_crash() {
    use std::process::Stdio;
    let t = support::SiteTest::fixture("other-city");
    let root = t.root().to_str().unwrap();
    let output = t.path("out");
    let output = output.to_str().unwrap();
    for (args, expect) in [
        (vec!["translations", "--root", root], Some(0)),
        (vec!["check", "--root", root], Some(0)),
        (vec!["build", "--root", root, "--output", output], Some(0)),
        (vec!["--help"], Some(0)),
    ] {
        for closed in ["stdout", "stderr"] {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_plansite"));
            cmd.args(&args).env("LANG", "C").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
            let mut child = cmd.spawn().unwrap();
            let (mut out, mut err) = (child.stdout.take(), child.stderr.take());
            // Close one end now; read the other to its end so that it cannot fill.
            let mut kept = String::new();
            if closed == "stdout" {
                drop(out.take());
                err.take().unwrap().read_to_string(&mut kept).unwrap();
            } else {
                drop(err.take());
                out.take().unwrap().read_to_string(&mut kept).unwrap();
            }
            let status = child.wait().unwrap();
            assert_eq!(status.code(), expect, "{args:?} with {closed} closed: {kept}");
            assert!(!kept.contains("panicked"), "{args:?} with {closed} closed: {kept}");
        }
    }
    assert!(t.path("out/index.html").exists(), "the build finished its work");
}
