//! Inputs over the limits are located errors that say the limit and how to raise it in
//! site.yaml, and are not parsed at all: a huge Markdown file, a deeply nested or
//! alias-expanding YAML file, a workbook that unpacks to far more than it weighs, a sheet with
//! a stray cell at XFD1048576, a CSV file with too many rows.
#![allow(clippy::disallowed_macros)] // a measurement's or a test's own report, not the program's lines

mod support;
use plansite::diag::Diagnostic;
use plansite::{compile, BuildError, CompileOptions, SourceTree};

fn errors(tree: &SourceTree) -> Vec<Diagnostic> {
    match compile(tree, &CompileOptions::default()) {
        Err(BuildError::Content(d)) => d.iter().cloned().collect(),
        Err(e) => panic!("unexpected error: {e}"),
        Ok(_) => panic!("the build succeeded"),
    }
}

fn limit_error<'a>(diags: &'a [Diagnostic], file: &str) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| d.code == "limit-exceeded" && d.location.file == file)
        .unwrap_or_else(|| panic!("no limit error for {file}: {diags:#?}"))
}

fn with_limits(tree: &mut SourceTree, limits: &str) {
    let site = String::from_utf8(tree.get("content/site.yaml").unwrap().to_vec()).unwrap();
    tree.insert("content/site.yaml", format!("{site}\nlimits: {limits}\n"));
}

#[test]
fn a_huge_markdown_file_is_refused_until_the_limit_is_raised() {
    let mut tree = support::tree("other-city");
    let body = "content/cases/east-advice-cafe.en.md";
    tree.insert(body, "Words and more words. ".repeat(150_000)); // 3.3 MB
    let started = std::time::Instant::now();
    let diags = errors(&tree);
    let d = limit_error(&diags, body);
    assert!(d.message.en().contains("3.1 MB") && d.message.en().contains("limit of 2 MB"), "{}", d.message);
    assert!(d.hint.en().contains("limits: {markdown_mb: 4}") && d.hint.en().contains("site.yaml"), "{}", d.hint);
    eprintln!("refused in {:?}", started.elapsed());
    with_limits(&mut tree, "{markdown_mb: 4}");
    compile(&tree, &CompileOptions::default()).expect("builds once the limit is raised");
}

#[test]
fn yaml_nested_deeper_than_the_limit_is_refused() {
    // Strict content types stop nonsense nesting at the first wrong type; the depth limit
    // guards the nesting the types allow (progress: districts → items → texts).
    let mut tree = support::tree("other-city");
    with_limits(&mut tree, "{yaml_depth: 4}");
    let diags = errors(&tree);
    let d = limit_error(&diags, "content/progress/2025/north.yaml");
    assert!(d.location.line > 1, "{d:?}");
    assert!(d.hint.en().contains("more than 4 deep") && d.hint.en().contains("site.yaml"), "{}", d.hint);
}

#[test]
fn yaml_that_uses_aliases_more_than_the_limit_is_refused() {
    let mut tree = support::tree("other-city");
    let case = "content/cases/east-advice-cafe.yaml";
    let text = String::from_utf8(tree.get(case).unwrap().to_vec()).unwrap();
    let aliases = vec!["*t"; 1001].join(", ");
    let text = text.replacen(
        "themes: [living-advice, gathering-places]",
        &format!("themes: [&t living-advice, {aliases}]"),
        1,
    );
    assert!(text.contains("*t, *t"));
    tree.insert(case, text);
    let diags = errors(&tree);
    let d = limit_error(&diags, case);
    assert!(d.hint.en().contains("1000 times"), "{}", d.hint);
}

/// The fixture with its 2025 progress given as the workbook `name` of xlsx-limits/ only.
fn progress_tree(name: &str) -> SourceTree {
    let mut tree = support::without(&support::tree("other-city"), |p| {
        p.ends_with("2025/north.yaml") || p.ends_with("2025/south.yaml")
    });
    let bytes = std::fs::read(support::repo().join("tests/fixtures/progress-formats/xlsx-limits").join(name)).unwrap();
    tree.insert("content/progress/2025/progress.xlsx", bytes);
    tree
}

#[test]
fn a_workbook_that_unpacks_to_far_more_than_it_weighs_is_refused() {
    let mut tree = progress_tree("bomb.xlsx");
    with_limits(&mut tree, "{xlsx_unpacked_mb: 10}");
    let diags = errors(&tree);
    let d = limit_error(&diags, "content/progress/2025/progress.xlsx");
    assert!(
        d.message.en().contains("unpacked is 64.0 MB") && d.message.en().contains("limit of 10 MB"),
        "{}",
        d.message
    );
    assert!(d.hint.en().contains("xlsx_unpacked_mb"), "{}", d.hint);
}

#[test]
fn a_stray_cell_far_away_is_a_cells_limit_error_not_billions_of_cells() {
    let tree = progress_tree("far-cell.xlsx");
    let diags = errors(&tree);
    let d = limit_error(&diags, "content/progress/2025/progress.xlsx");
    assert!(d.message.en().contains("rows") || d.message.en().contains("cells"), "{}", d.message);
    assert!(d.location.cell.as_deref().is_some_and(|c| c.starts_with("north!")), "{d:?}");
}

#[test]
fn a_csv_file_with_more_rows_than_allowed_is_refused_at_the_row() {
    let mut tree = support::without(&support::tree("other-city"), |p| {
        p.ends_with("2025/north.yaml") || p.ends_with("2025/south.yaml")
    });
    tree.insert(
        "content/progress/2025/north.csv",
        std::fs::read(support::repo().join("tests/fixtures/progress-formats/csv/north.csv")).unwrap(),
    );
    with_limits(&mut tree, "{rows: 3}");
    let diags = errors(&tree);
    let d = limit_error(&diags, "content/progress/2025/north.csv");
    assert_eq!(d.location.line, 4, "{d:?}");
    assert!(d.hint.en().contains("limits: {rows: 6}"), "{}", d.hint);
}
