//! Raw content → the validated [`Site`], or every diagnostic explaining why not.
//!
//! Each raw struct is destructured field by field, so a field added to a raw type does not
//! compile until it is handled here. Checks: languages of texts and bodies, required primary
//! texts, unique numbers and slugs, references to areas, themes and bodies, dates, periods,
//! phone numbers, URLs and image files.

mod images;
mod progress;

use super::i18n::default_locale;
use super::*;
use crate::content::progress::RawProgressYear;
use crate::content::raw::*;
use crate::content::yaml::loc;
use crate::content::{is_valid_slug, Body, Item, RawContent};
use crate::diag::msg;
use crate::diag::{suggest, Code, Diagnostic, Diagnostics, Location};
use crate::model::progress::ProgressYear;
use crate::reuse::{fingerprint, LastOrder, Reuse};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Case studies and progress years resolved by the last build, reused while they are made
/// from the very same parsed item and the names they refer to are the same (a site has
/// thousands of case studies and progress rows; the rest of the content is small).
#[derive(Default)]
pub(crate) struct ResolveCache {
    cases: Reuse<Arc<Resolved<Item<RawCase>, Arc<Case>>>>,
    years: Reuse<Arc<Resolved<RawProgressYear, Option<Arc<ProgressYear>>>>>,
    /// The order of the case studies, newest first.
    case_order: LastOrder,
    /// The case studies of the last build, for a rebuild that edited a few of them.
    last_cases: std::sync::Mutex<Option<LastCases>>,
    /// How many times the case studies were taken from the last build's with a few edited.
    #[cfg(test)]
    edits: std::sync::atomic::AtomicUsize,
}

/// The case studies of the last build: the parsed items (in file order) and what they resolved
/// to (newest first), with what they reported all together.
struct LastCases {
    context: u64,
    items: Vec<Arc<Item<RawCase>>>,
    sorted: Vec<Arc<Case>>,
    diags: Diagnostics,
    missing: Missing,
    forms: BTreeSet<(String, String)>,
}

/// More edited case studies than this are resolved the whole way. Measured at N = 100,000
/// (`examples/rebuild --edits`): the whole way takes 51–73 ms; 64 edited 15–18 ms, 256 19–25 ms,
/// 1,024 37–55 ms, 4,096 151 ms.
const MOST_EDITED: usize = 256;

/// The order of the case studies: newest first, then by slug.
fn newest_first(a: &Arc<Case>, b: &Arc<Case>) -> std::cmp::Ordering {
    b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug))
}

#[cfg(test)]
impl ResolveCache {
    /// Whether it keeps nothing.
    pub(crate) fn is_empty(&self) -> bool {
        let caches: [&dyn crate::reuse::Forget; 3] = [&self.cases, &self.years, &self.case_order];
        caches.iter().all(|c| c.is_empty()) && self.last_cases.lock().is_ok_and(|l| l.is_none())
    }
}

/// What a parsed item resolved to in a context (a fingerprint of what else its resolution
/// reads), with the diagnostics and missing translations it gave.
struct Resolved<R, T> {
    raw: Arc<R>,
    context: u64,
    value: T,
    diags: Diagnostics,
    missing: Missing,
    /// The `{name|reading}` forms of its texts.
    forms: BTreeSet<(String, String)>,
}

/// Missing translations: language → kind → count.
type Missing = BTreeMap<String, BTreeMap<&'static str, usize>>;

/// Checks the raw content and builds the site model, for a build with no next one: every item
/// is resolved from nothing and nothing is kept; each parsed case study and progress year is
/// given back as soon as it is resolved, where nothing else holds it.
pub(crate) fn resolve(raw: RawContent) -> Result<Site, Diagnostics> {
    resolve_with(raw, None)
}

/// [`resolve`] for a memo with a next build (`serve`): it takes from `cache` what the last
/// build resolved from the very same items, and keeps what it resolves, so the next resolves
/// only the few items edited in place (see `Cx::edited`).
pub(crate) fn resolve_kept(raw: RawContent, cache: &ResolveCache) -> Result<Site, Diagnostics> {
    resolve_with(raw, Some(cache))
}

fn resolve_with(raw: RawContent, memo: Option<&ResolveCache>) -> Result<Site, Diagnostics> {
    // Without a next build, the memos are not used (`Cx::reuse`): this one only sorts.
    let none = ResolveCache::default();
    let cache = memo.unwrap_or(&none);
    let mut diags = Diagnostics::new();
    let RawContent { site, plan, structure, search, themes, areas, cases, media, progress, unreadable, pages } = raw;
    let Some(site) = site else { return Err(diags) };
    let Some(languages) = languages(&site, &mut diags) else { return Err(diags) };
    // The site's words come first: the names given furigana are marked in every text.
    let search = search.map(|s| super::search_words::resolve(&s, &mut diags)).unwrap_or_default();
    let furigana = search.furigana.clone();
    let chains = Arc::new(Chains::new(&languages));
    let mut cx = Cx {
        languages: &languages,
        chains: &chains,
        diags,
        missing: BTreeMap::new(),
        unreadable: &unreadable,
        readings: &furigana,
        forms: BTreeSet::new(),
        keep: memo.is_some(),
        terms: Terms::none(),
    };

    let config = cx.config(&site, &media);
    if let Some(config) = &config {
        cx.terms = config.terms();
    }
    let themes = cx.themes(themes, &media);
    let areas = cx.areas(areas, &media);
    let plan = plan.and_then(|p| cx.plan(&p, &themes, &media));
    // A plan without a promotion structure has no structure.yaml; one that does not check out
    // is an error (and no structure).
    let structure = structure.map(|s| cx.structure(&s));
    let cases = cx.cases(cases, &themes, &areas, &media, cache);
    let progress = cx.progress(progress, &areas, &themes, cache);
    let pages = cx.own_pages(pages);

    let Cx { diags, missing, forms, .. } = cx;
    if diags.has_errors() {
        return Err(diags);
    }
    match (config, plan, structure) {
        (Some(config), Some(plan), structure @ (None | Some(Some(_)))) => {
            let structure = structure.flatten();
            let mut site = Site {
                config,
                plan,
                themes,
                areas,
                cases,
                structure,
                progress,
                media,
                search,
                pages,
                missing_translations: missing,
                early: BTreeMap::new(),
            };
            // Search finds a name given a reading in the content by its reading too.
            let mut forms = forms;
            // The other bodies' forms were noted as they were resolved.
            for source in site.pages.values().flat_map(|md| md.by_lang.values()).filter(|s| s.braces) {
                super::ruby::forms_in(&source.text(), &mut forms);
            }
            for (name, reading) in &forms {
                site.search.add_reading(name, reading);
            }
            Ok(site)
        }
        _ => Err(diags),
    }
}

/// The keys of the built-in theme's UI strings: the words a site can set in `words:`.
fn built_in_words() -> &'static BTreeSet<String> {
    static KEYS: std::sync::OnceLock<BTreeSet<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        crate::source::embedded::DEFAULT_THEME
            .iter()
            .filter(|(path, _)| path.starts_with("i18n/"))
            .filter_map(|(path, bytes)| {
                let text = std::str::from_utf8(bytes).ok()?;
                crate::content::yaml::parse::<BTreeMap<String, String>>(path, text).ok()
            })
            .flat_map(|m| m.into_keys())
            .collect()
    })
}

fn languages(site: &Item<RawSite>, diags: &mut Diagnostics) -> Option<Vec<Language>> {
    let file = &site.file;
    let mut out: Vec<Language> = Vec::new();
    for l in &site.raw.languages.value {
        let code = l.code.value.trim();
        if !crate::content::langs::is_site_code(code) {
            diags.push(
                Diagnostic::error(Code::BadLanguage, loc(file, &l.code), msg!("not-a-language-code", code = code))
                    .with_hint(msg!("language-code-hint")),
            );
        } else if out.iter().any(|o| o.code == code) {
            diags.push(Diagnostic::error(
                Code::DuplicateLanguage,
                loc(file, &l.code),
                msg!("language-listed-twice", code = code),
            ));
        } else {
            let tag = match &l.lang {
                Some(tag) if !crate::content::langs::is_site_code(tag.value.trim()) => {
                    diags.push(
                        Diagnostic::error(
                            Code::BadLanguage,
                            loc(file, tag),
                            msg!("not-a-language-tag", tag = tag.value.trim()),
                        )
                        .with_hint(msg!("language-tag-hint")),
                    );
                    code.to_string()
                }
                Some(tag) => tag.value.trim().to_string(),
                None => code.to_string(),
            };
            out.push(Language {
                code: code.to_string(),
                locale: l.locale.clone().unwrap_or_else(|| default_locale(&tag)),
                tag,
                name: l.name.clone(),
                fallback: Vec::new(),
                partial: l.partial,
            });
        }
    }
    // Fallback chains name languages of the site, other than the language itself; the primary
    // language is the end of every chain and falls back to none.
    let codes: Vec<String> = out.iter().map(|l| l.code.clone()).collect();
    for (i, l) in site.raw.languages.value.iter().enumerate() {
        let (Some(fallback), Some(lang)) = (&l.fallback, out.iter_mut().find(|o| o.code == l.code.value.trim())) else {
            continue;
        };
        for f in &fallback.value {
            let f_code = f.value.trim();
            if i == 0 || f_code == lang.code || !codes.iter().any(|c| c == f_code) {
                diags.push(
                    Diagnostic::error(
                        Code::UnknownLanguage,
                        loc(file, f),
                        msg!("bad-fallback", fallback = f_code, lang = &lang.code),
                    )
                    .with_hint(msg!("bad-fallback-hint", languages = codes.join(", "))),
                );
            } else if !lang.fallback.iter().any(|c| c == f_code) {
                lang.fallback.push(f_code.to_string());
            }
        }
    }
    if out.is_empty() {
        diags.push(
            Diagnostic::error(Code::NoLanguage, loc(file, &site.raw.languages), msg!("no-language"))
                .with_hint(msg!("no-language-hint")),
        );
        return None;
    }
    (!diags.has_errors()).then_some(out)
}

/// Resolution context: the languages, the diagnostics so far, and missing translations.
struct Cx<'a> {
    languages: &'a [Language],
    /// The languages' fallback chains, shared by every text.
    chains: &'a Arc<Chains>,
    /// The names given furigana by the site (`search.yaml`), marked in every text.
    readings: &'a super::ruby::Readings,
    /// Every `{name|reading}` form of the texts resolved, for search.
    forms: BTreeSet<(String, String)>,
    diags: Diagnostics,
    missing: BTreeMap<String, BTreeMap<&'static str, usize>>,
    /// Item files that could not be read (already reported): references to them are not
    /// reported again.
    unreadable: &'a BTreeSet<String>,
    /// Whether a next build will come (`serve`): the resolve memo then keeps what this one
    /// resolves ([`Cx::reuse`]); a build with no next one keeps nothing and gives each parsed
    /// item back as soon as it is resolved.
    keep: bool,
    /// The site's own words for its areas, themes and districts, for the messages about them.
    terms: Terms,
}

/// Which languages an item lacks, collected while its texts are resolved.
#[derive(Default)]
struct Gaps(BTreeSet<String>);

impl<'a> Cx<'a> {
    fn primary(&self) -> &str {
        &self.languages[0].code
    }

    /// A text from its values, with readings; its `{name|reading}` forms are noted for search.
    fn read(&mut self, values: BTreeMap<String, String>, primary: &str) -> Text {
        for v in values.values() {
            super::ruby::forms_in(v, &mut self.forms);
        }
        debug_assert_eq!(primary, self.chains.primary());
        Text::read(values, self.chains, self.readings)
    }

    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Records an item's missing languages under `kind`.
    fn count_gaps(&mut self, kind: &'static str, gaps: Gaps) {
        for lang in gaps.0 {
            *self.missing.entry(lang).or_default().entry(kind).or_default() += 1;
        }
    }

    fn text(&mut self, file: &str, raw: &RawText, gaps: &mut Gaps) -> Text {
        let values = self.by_language(raw.value.iter().map(|(l, v)| (l, v.trim_end())), || loc(file, raw));
        let primary = self.primary().to_string();
        if values.get(&primary).is_none_or(|v| v.trim().is_empty()) {
            self.err(
                Diagnostic::error(
                    Code::MissingPrimaryText,
                    loc(file, raw),
                    msg!("primary-text-missing", primary = primary.as_str()),
                )
                .with_hint(msg!("primary-text-missing-hint", primary = primary.as_str())),
            );
        }
        self.note_gaps(&values, gaps);
        self.read(values, &primary)
    }

    /// A text's values by language, each language checked against the site's (an unknown one
    /// is reported at `at()`, with the closest code).
    fn by_language<'v>(
        &mut self,
        values: impl Iterator<Item = (&'v str, &'v str)>,
        at: impl Fn() -> Location,
    ) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for (lang, value) in values {
            if self.languages.iter().any(|l| l.code == lang) {
                out.insert(lang.to_string(), value.to_string());
                continue;
            }
            let codes: Vec<&str> = self.languages.iter().map(|l| l.code.as_str()).collect();
            let hint = match suggest(lang, codes.iter().copied()) {
                Some(s) => msg!("language-hint-nearest", nearest = s, languages = codes.join(", ")),
                None => msg!("site-languages", languages = codes.join(", ")),
            };
            self.err(
                Diagnostic::error(Code::UnknownLanguage, at(), msg!("not-a-site-language", lang = lang))
                    .with_hint(hint),
            );
        }
        out
    }

    /// Records the languages (other than the primary) that `values` lacks.
    fn note_gaps(&self, values: &BTreeMap<String, String>, gaps: &mut Gaps) {
        for l in self.languages.iter().skip(1).filter(|l| !l.partial) {
            if !values.contains_key(&l.code) {
                gaps.0.insert(l.code.clone());
            }
        }
    }

    /// The site's words (`words:` in site.yaml): each in a site language, each naming a UI
    /// string of the built-in theme (a site's own theme may have keys of its own).
    fn words(
        &mut self,
        file: &str,
        raw: &BTreeMap<String, crate::content::yaml::Spanned<BTreeMap<String, crate::content::yaml::Spanned<String>>>>,
        theme: &str,
    ) -> BTreeMap<String, BTreeMap<String, String>> {
        let known = built_in_words();
        let mut out = BTreeMap::new();
        for (lang, words) in raw {
            if !self.languages.iter().any(|l| &l.code == lang) {
                let codes: Vec<&str> = self.languages.iter().map(|l| l.code.as_str()).collect();
                self.err(
                    Diagnostic::error(
                        Code::UnknownLanguage,
                        loc(file, words),
                        msg!("words-unknown-language", lang = lang.as_str()),
                    )
                    .with_hint(msg!("site-languages", languages = codes.join(", "))),
                );
                continue;
            }
            let mut map = BTreeMap::new();
            for (key, text) in &words.value {
                if theme == "default" && !known.contains(key.as_str()) {
                    let hint = match suggest(key, known.iter().map(String::as_str)) {
                        Some(s) => msg!("word-hint-nearest", nearest = s),
                        None => msg!("word-hint"),
                    };
                    // The caret goes under the key (`key: value`), which is what is wrong.
                    let mut at = loc(file, text);
                    at.column = at.column.saturating_sub(key.chars().count() as u64 + 2).max(1);
                    self.err(
                        Diagnostic::error(Code::UnknownWord, at, msg!("unknown-word", key = key.as_str()))
                            .with_hint(hint),
                    );
                    continue;
                }
                map.insert(key.clone(), text.value.trim().to_string());
            }
            out.insert(lang.clone(), map);
        }
        out
    }

    fn action_status(
        &mut self,
        file: &str,
        raw: &Option<crate::content::yaml::Spanned<String>>,
    ) -> Option<ActionStatus> {
        let raw = raw.as_ref()?;
        match raw.value.trim() {
            "new" | "新規" => Some(ActionStatus::New),
            "expanded" | "拡充" => Some(ActionStatus::Expanded),
            other => {
                self.err(
                    Diagnostic::error(Code::WrongType, loc(file, raw), msg!("not-an-action-status", value = other))
                        .with_hint(msg!("action-status-hint")),
                );
                None
            }
        }
    }

    fn publisher_kind(&mut self, file: &str, raw: &Option<crate::content::yaml::Spanned<String>>) -> PublisherKind {
        let Some(raw) = raw else { return PublisherKind::Other };
        let wanted = raw.value.trim();
        if let Some((_, kind)) = PublisherKind::ALL.iter().find(|(name, _)| *name == wanted) {
            return *kind;
        }
        let names: Vec<&str> = PublisherKind::ALL.iter().map(|(n, _)| *n).collect();
        let hint = match suggest(wanted, names.iter().copied()) {
            Some(s) => msg!("one-of-hint-nearest", nearest = s, values = names.join(", ")),
            None => msg!("one-of-hint", values = names.join(", ")),
        };
        self.err(
            Diagnostic::error(Code::WrongType, loc(file, raw), msg!("not-a-publisher-kind", value = wanted))
                .with_hint(hint),
        );
        PublisherKind::Other
    }

    fn opt_text(&mut self, file: &str, raw: &Option<RawText>, gaps: &mut Gaps) -> Option<Text> {
        raw.as_ref().map(|r| self.text(file, r, gaps))
    }

    /// The site's own texts of the accessibility and privacy pages: each replaces the theme's
    /// text in its language alone, so a translation may come without the original (the theme's
    /// text stands in the other languages).
    fn own_pages(&mut self, pages: crate::content::OwnPages) -> BTreeMap<String, Markdown> {
        let mut out = BTreeMap::new();
        for (name, bodies) in pages {
            let mut by_lang = BTreeMap::new();
            for (lang, body) in bodies {
                if self.languages.iter().any(|l| l.code == lang) {
                    by_lang.insert(Arc::from(lang), body);
                } else {
                    let codes: Vec<&str> = self.languages.iter().map(|l| l.code.as_str()).collect();
                    self.err(
                        Diagnostic::error(
                            Code::UnknownLanguage,
                            Location::file(&*body.file),
                            msg!("own-page-language", lang = &lang),
                        )
                        .with_hint(msg!(
                            "own-page-language-hint",
                            name = &name,
                            languages = codes.join(", ")
                        )),
                    );
                }
            }
            out.insert(name, Markdown { by_lang: by_lang.into_iter().collect() });
        }
        out
    }

    fn markdown(&mut self, bodies: &litemap::LiteMap<Arc<str>, Body>, gaps: &mut Gaps) -> Markdown {
        let mut by_lang = BTreeMap::new();
        for (lang, body) in bodies {
            if self.languages.iter().any(|l| *l.code == **lang) {
                // Search finds a name given a reading in a body by its reading too: noted here,
                // so a case study's are kept with it for the next build.
                if body.braces {
                    super::ruby::forms_in(&body.text(), &mut self.forms);
                }
                let source = body.clone();
                by_lang.insert(lang.clone(), source);
            } else {
                let codes: Vec<&str> = self.languages.iter().map(|l| l.code.as_str()).collect();
                self.err(
                    Diagnostic::error(
                        Code::UnknownLanguage,
                        Location::file(&*body.file),
                        msg!("body-language-unknown", lang = &**lang),
                    )
                    .with_hint(msg!("body-language-hint", languages = codes.join(", "))),
                );
            }
        }
        if !by_lang.is_empty() {
            if !by_lang.contains_key(self.primary()) {
                let any_file = by_lang.values().next().map(|s| s.file.clone()).unwrap_or_default();
                let primary = self.primary().to_string();
                self.err(
                    Diagnostic::error(
                        Code::MissingPrimaryBody,
                        Location::file(&*any_file),
                        msg!("no-primary-body", primary = primary.as_str()),
                    )
                    .with_hint(msg!("no-primary-body-hint", primary = primary.as_str())),
                );
            }
            for l in self.languages.iter().skip(1).filter(|l| !l.partial) {
                if !by_lang.contains_key(l.code.as_str()) {
                    gaps.0.insert(l.code.clone());
                }
            }
        }
        Markdown { by_lang: crate::content::small_map(by_lang) }
    }

    fn url(&mut self, file: &str, raw: &Option<crate::content::yaml::Spanned<String>>) -> Option<String> {
        let raw = raw.as_ref()?;
        let v = raw.value.trim();
        // A page reference (`@overview`, `@file/files/a.pdf`): resolved in each page, and
        // checked by `check` against the site (see model::refs).
        if v.starts_with('@') && v.len() > 1 && !v.contains(char::is_whitespace) {
            return Some(v.to_string());
        }
        if (v.starts_with("https://") || v.starts_with("http://")) && !v.contains(char::is_whitespace) && v.len() > 8 {
            Some(v.to_string())
        } else {
            self.err(
                Diagnostic::error(Code::BadUrl, loc(file, raw), msg!("not-a-web-address", value = v))
                    .with_hint(msg!("web-address-hint")),
            );
            None
        }
    }

    fn phone(&mut self, file: &str, raw: &Option<crate::content::yaml::Spanned<String>>) -> Option<Phone> {
        let raw = raw.as_ref()?;
        let display = raw.value.trim().to_string();
        let ok_chars = display.chars().all(|c| c.is_ascii_digit() || "-+() ".contains(c));
        let digits: String = display.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        if !ok_chars || digits.len() < 6 {
            self.err(
                Diagnostic::error(Code::BadPhone, loc(file, raw), msg!("not-a-phone-number", value = display.as_str()))
                    .with_hint(msg!("phone-hint")),
            );
            return None;
        }
        Some(Phone { uri: format!("tel:{digits}"), display })
    }

    fn contact(&mut self, file: &str, raw: &RawContact, gaps: &mut Gaps) -> Contact {
        let RawContact { organisation, person, phone, fax, email, postal_code, address, hours, url, sample } = raw;
        let email = email.as_ref().and_then(|e| {
            let v = e.value.trim();
            let ok = v.split_once('@').is_some_and(|(a, d)| !a.is_empty() && d.contains('.'))
                && !v.contains(char::is_whitespace);
            if !ok {
                self.err(
                    Diagnostic::error(Code::BadEmail, loc(file, e), msg!("not-an-email", value = v))
                        .with_hint(msg!("email-hint")),
                );
            }
            ok.then(|| v.to_string())
        });
        let postal_code = postal_code.as_ref().and_then(|p| {
            let v = p.value.trim().trim_start_matches('〒').to_string();
            let ok =
                v.len() == 8 && v.chars().enumerate().all(|(i, c)| if i == 3 { c == '-' } else { c.is_ascii_digit() });
            if !ok {
                self.err(
                    Diagnostic::error(Code::BadPostalCode, loc(file, p), msg!("not-a-postal-code", value = v.as_str()))
                        .with_hint(msg!("postal-code-hint")),
                );
            }
            ok.then_some(v)
        });
        Contact {
            organisation: self.text(file, organisation, gaps),
            person: self.opt_text(file, person, gaps),
            phone: self.phone(file, phone),
            fax: self.phone(file, fax),
            email,
            postal_code,
            address: self.opt_text(file, address, gaps),
            hours: self.opt_text(file, hours, gaps),
            url: self.url(file, url),
            sample: *sample,
        }
    }

    fn config(&mut self, item: &Item<RawSite>, media: &[String]) -> Option<Config> {
        let file = &item.file;
        let RawSite {
            title,
            description,
            languages: _,
            base_url,
            theme,
            area_term,
            areas_title,
            district_term,
            organisation,
            copyright,
            data_licence,
            words,
            // Applied while parsing (content::limits).
            limits: _,
            og_image,
            icon,
            touch_icon,
            updated,
            pagination,
            // Applied before resolving (model::publish).
            time_zone: _,
        } = &*item.raw;
        let mut gaps = Gaps::default();
        let RawOrganisation { name, kind, url, contact } = organisation;
        let base = match super::BaseUrl::parse(&base_url.value) {
            Ok(url) => url.as_str().to_string(),
            Err(e) => {
                self.err(Diagnostic::error(Code::BadUrl, loc(file, base_url), e.message()).with_hint(e.hint()));
                String::new()
            }
        };
        let theme = theme.as_ref().map_or_else(|| "default".to_string(), |t| t.value.trim().to_string());
        let words = self.words(file, words, &theme);
        let config = Config {
            title: self.text(file, title, &mut gaps),
            description: self.text(file, description, &mut gaps),
            languages: self.languages.to_vec(),
            chains: Arc::clone(self.chains),
            base_url: base,
            theme,
            area_term: self.text(file, area_term, &mut gaps),
            areas_title: self.text(file, areas_title, &mut gaps),
            district_term: self.opt_text(file, district_term, &mut gaps),
            words,
            organisation: Organisation {
                name: self.text(file, name, &mut gaps),
                kind: self.publisher_kind(file, kind),
                url: self.url(file, url),
                contact: contact.as_ref().map(|c| self.contact(file, c, &mut gaps)),
            },
            copyright: self.opt_text(file, copyright, &mut gaps),
            data_licence: data_licence.as_ref().map(|RawLicence { name, url }| Licence {
                name: self.text(file, name, &mut gaps),
                url: self.url(file, url),
            }),
            og_image: self.site_image(file, og_image, media, &mut gaps),
            icon: self.icon(file, icon, "svg", media),
            touch_icon: self.icon(file, touch_icon, "png", media),
            updated: self.updated(file, updated),
            pagination: self.pagination(file, pagination.as_ref()),
        };
        self.count_gaps("site settings", gaps);
        (!config.base_url.is_empty()).then_some(config)
    }

    /// `pagination:`: each page size given, checked to be in range (the default where it is not).
    fn pagination(&mut self, file: &str, raw: Option<&RawPagination>) -> Pagination {
        let mut size = |field: &str, raw: Option<&crate::content::yaml::Spanned<i64>>, default: usize| {
            let Some(raw) = raw else { return default };
            match usize::try_from(raw.value) {
                Ok(n) if (1..=Pagination::MAX).contains(&n) => n,
                _ => {
                    self.err(
                        Diagnostic::error(
                            Code::BadNumber,
                            loc(file, raw),
                            msg!("page-size-out-of-range", field = field, value = raw.value, max = Pagination::MAX),
                        )
                        .with_hint(msg!(
                            "page-size-hint",
                            field = field,
                            default = Pagination::DEFAULT
                        )),
                    );
                    default
                }
            }
        };
        let page_size = size("page_size", raw.and_then(|r| r.page_size.as_ref()), Pagination::DEFAULT);
        let progress_page_size = size("progress_page_size", raw.and_then(|r| r.progress_page_size.as_ref()), page_size);
        Pagination { page_size, progress_page_size }
    }

    /// An optional `updated:` date (YYYY-MM-DD), reported where it is not one.
    fn updated(&mut self, file: &str, raw: &Option<crate::content::yaml::Spanned<String>>) -> Option<Date> {
        let raw = raw.as_ref()?;
        let date = Date::parse(&raw.value);
        if date.is_none() {
            self.err(
                Diagnostic::error(Code::BadDate, loc(file, raw), msg!("not-a-date", value = raw.value.trim()))
                    .with_hint(msg!("date-hint-2025")),
            );
        }
        date
    }

    /// The site's own icon (`icon:` an SVG, `touch_icon:` a PNG): a file among the media files.
    fn icon(
        &mut self,
        file: &str,
        raw: &Option<crate::content::yaml::Spanned<String>>,
        ext: &str,
        media: &[String],
    ) -> Option<String> {
        let raw = raw.as_ref()?;
        let written = raw.value.trim().trim_start_matches('/');
        let path = format!("content/{written}");
        let at = loc(file, raw);
        if !written.to_ascii_lowercase().ends_with(&format!(".{ext}")) {
            self.err(
                Diagnostic::error(Code::BadImage, at, msg!("not-a-file-of-kind", path = written, ext = ext))
                    .with_hint(msg!("icon-file-hint", ext = ext)),
            );
            return None;
        }
        if !media.contains(&path) {
            let near = crate::diag::suggest(&path, media.iter().map(String::as_str));
            let hint = match near {
                Some(n) => msg!("did-you-mean", nearest = n.trim_start_matches("content/")),
                None => msg!("no-such-icon-hint", path = path.as_str()),
            };
            self.err(
                Diagnostic::error(Code::MissingImage, at, msg!("no-such-image", path = path.as_str())).with_hint(hint),
            );
            return None;
        }
        Some(path)
    }

    fn plan(&mut self, item: &Item<RawPlan>, themes: &[Theme], media: &[String]) -> Option<Plan> {
        let file = &item.file;
        let RawPlan {
            name,
            edition,
            period,
            basic_goal,
            legal_basis,
            summary,
            related_plans,
            perspectives,
            how_to_read,
            key_issues,
            priorities,
            updated,
            sample,
            attachments,
        } = &*item.raw;
        let mut gaps = Gaps::default();
        let (from, to) = (period.from.value, period.to.value);
        let mut ok = true;
        for y in [&period.from, &period.to] {
            if !(1900..=2200).contains(&y.value) {
                ok = false;
                self.err(
                    Diagnostic::error(
                        Code::BadYear,
                        loc(file, y),
                        msg!("not-a-fiscal-year", value = y.value.to_string()),
                    )
                    .with_hint(msg!("fiscal-year-hint")),
                );
            }
        }
        if ok && from > to {
            ok = false;
            self.err(
                Diagnostic::error(
                    Code::BadPeriod,
                    loc(file, &period.to),
                    msg!("period-backwards", to = to.to_string(), from = from.to_string()),
                )
                .with_hint(msg!("period-hint")),
            );
        }
        let related_plans = related_plans
            .iter()
            .map(|r| RelatedPlan {
                name: self.text(file, &r.name, &mut gaps),
                relation: self.text(file, &r.relation, &mut gaps),
            })
            .collect();
        let perspectives = perspectives.iter().map(|p| self.text(file, p, &mut gaps)).collect();
        let key_issues = key_issues
            .iter()
            .map(|k| KeyIssue {
                title: self.text(file, &k.title, &mut gaps),
                text: self.opt_text(file, &k.text, &mut gaps),
            })
            .collect();
        let priorities = priorities
            .iter()
            .map(|p| {
                let mut indices = Vec::new();
                for t in &p.themes {
                    let found = self.reference(
                        (&t.value, || loc(file, t)),
                        themes.iter().map(|th| th.slug.as_str()),
                        "theme",
                        "content/themes/",
                    );
                    indices.extend(found.filter(|i| !indices.contains(i)));
                }
                indices.sort_unstable();
                Priority {
                    title: self.text(file, &p.title, &mut gaps),
                    summary: self.opt_text(file, &p.summary, &mut gaps),
                    themes: indices,
                }
            })
            .collect();
        let plan = Plan {
            name: self.text(file, name, &mut gaps),
            edition: self.opt_text(file, edition, &mut gaps),
            period: (FiscalYear(from), FiscalYear(to)),
            basic_goal: self.text(file, basic_goal, &mut gaps),
            legal_basis: self.opt_text(file, legal_basis, &mut gaps),
            summary: self.text(file, summary, &mut gaps),
            related_plans,
            perspectives,
            how_to_read: self.opt_text(file, how_to_read, &mut gaps),
            key_issues,
            priorities,
            attachments: self.attachments(file, attachments, media, &mut gaps),
            body: self.markdown(&item.bodies, &mut gaps),
            updated: self.updated(file, updated),
            sample: *sample,
        };
        self.count_gaps("overview", gaps);
        ok.then_some(plan)
    }

    fn themes(&mut self, items: Vec<Arc<Item<RawTheme>>>, media: &[String]) -> Vec<Theme> {
        let mut seen: BTreeMap<u32, String> = BTreeMap::new();
        let mut out = Vec::new();
        for item in items {
            let file = &item.file;
            let RawTheme {
                number,
                title,
                summary,
                aims,
                actions,
                roles,
                images,
                attachments,
                sample,
                updated,
                draft: _,
            } = &*item.raw;
            let mut gaps = Gaps::default();
            self.unique_number(
                &mut seen,
                file,
                number,
                ("theme-number", msg!("theme-number-hint", theme_word = self.terms.theme.clone())),
            );
            let actions = actions
                .iter()
                .map(|a| Action {
                    text: self.text(file, &a.text, &mut gaps),
                    status: self.action_status(file, &a.status),
                })
                .collect();
            let roles = roles
                .iter()
                .map(|r| Role {
                    actor: self.text(file, &r.actor, &mut gaps),
                    can_do: r.can_do.iter().map(|c| self.text(file, c, &mut gaps)).collect(),
                })
                .collect();
            out.push(Theme {
                slug: item.slug.clone(),
                number: number.value,
                title: self.text(file, title, &mut gaps),
                summary: self.text(file, summary, &mut gaps),
                aims: aims.iter().map(|a| self.text(file, a, &mut gaps)).collect(),
                actions,
                roles,
                images: self.images(file, images, media, &mut gaps),
                attachments: self.attachments(file, attachments, media, &mut gaps),
                body: self.markdown(&item.bodies, &mut gaps),
                updated: self.updated(file, updated),
                sample: *sample,
            });
            self.count_gaps("theme", gaps);
        }
        out.sort_by(|a, b| (a.number, &a.slug).cmp(&(b.number, &b.slug)));
        out
    }

    fn areas(&mut self, items: Vec<Arc<Item<RawArea>>>, media: &[String]) -> Vec<Area> {
        let mut seen: BTreeMap<u32, String> = BTreeMap::new();
        let mut out = Vec::new();
        for item in items {
            let file = &item.file;
            let RawArea { order, name, slogan, policies, contacts, images, attachments, sample, updated, draft: _ } =
                &*item.raw;
            let mut gaps = Gaps::default();
            self.unique_number(
                &mut seen,
                file,
                order,
                ("order", msg!("area-order-hint", area_word = self.terms.area.clone())),
            );
            let mut numbers = BTreeSet::new();
            let mut list = Vec::new();
            for p in policies {
                if !numbers.insert(p.number.value) {
                    self.err(Diagnostic::error(
                        Code::DuplicateNumber,
                        loc(file, &p.number),
                        msg!("policy-listed-twice", number = p.number.value),
                    ));
                }
                list.push(Policy { number: p.number.value, title: self.text(file, &p.title, &mut gaps) });
            }
            list.sort_by_key(|p| p.number);
            let contacts = contacts.iter().map(|c| self.contact(file, c, &mut gaps)).collect();
            out.push(Area {
                slug: item.slug.clone(),
                order: order.value,
                name: self.text(file, name, &mut gaps),
                slogan: slogan.as_ref().map(|s| self.text(file, s, &mut gaps)),
                policies: list,
                contacts,
                images: self.images(file, images, media, &mut gaps),
                attachments: self.attachments(file, attachments, media, &mut gaps),
                body: self.markdown(&item.bodies, &mut gaps),
                updated: self.updated(file, updated),
                sample: *sample,
            });
            self.count_gaps("area", gaps);
        }
        out.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
        out
    }

    /// Resolves each of `raws` with `make`, on its own and in parallel, or takes what the last
    /// build resolved from the very same item in the same `context`; merges what each
    /// reported, in order. Without a next build ([`Cx::keep`]) the memo is neither read nor
    /// kept: each item is resolved and given back ([`Cx::once`]).
    fn reuse<R: Send + Sync, T: Clone + Send + Sync>(
        &mut self,
        memo: &Reuse<Arc<Resolved<R, T>>>,
        raws: Vec<Arc<R>>,
        key: impl Fn(&R) -> &str,
        context: u64,
        make: impl Fn(&mut Cx, &R) -> T + Sync + Send,
    ) -> Vec<T> {
        if !self.keep {
            return self.once(raws, make);
        }
        let this = &*self;
        let resolved = memo.values(
            &raws,
            |r| key(r),
            |r, known| Arc::ptr_eq(&known.raw, r) && known.context == context,
            |r| this.resolved(r, context, &make),
        );
        resolved
            .iter()
            .map(|r| {
                self.merge(&r.diags, &r.missing);
                self.forms.extend(r.forms.iter().cloned());
                r.value.clone()
            })
            .collect()
    }

    /// Each of `items` resolved with `make`, in parallel, for a build with no next one: nothing
    /// is kept, and each parsed item is given back as soon as it is resolved, where nothing
    /// else holds it (a one-off build's parse forgets them before the model is made). Kept in
    /// the memo to the end of the stage, the parsed case studies were some 40 MB of the stage's
    /// peak at N = 10,000.
    fn once<R: Send + Sync, T: Send>(&mut self, items: Vec<Arc<R>>, make: impl Fn(&mut Cx, &R) -> T + Sync) -> Vec<T> {
        use rayon::prelude::*;
        let this = &*self;
        let made: Vec<(T, Cx)> = items
            .into_par_iter()
            .with_max_len(crate::reuse::SMALL_TASKS)
            .map(|item| {
                let mut cx = this.apart();
                let value = make(&mut cx, &item);
                drop(item);
                (value, cx)
            })
            .collect();
        // Into a list of its own: collected from `made`'s iterator, the values would stay in
        // `made`'s room, an item's value and its context each (at N = 100,000, 12.8 MB for the
        // 0.8 MB of the case studies' pointers, held by every stage after the model's).
        let mut values = Vec::with_capacity(made.len());
        for (value, cx) in made {
            self.merge(&cx.diags, &cx.missing);
            self.forms.extend(cx.forms);
            values.push(value);
        }
        values
    }

    /// `raw` resolved with `make` on its own, in `context`, with what it reported.
    fn resolved<R, T>(&self, raw: &Arc<R>, context: u64, make: impl Fn(&mut Cx, &R) -> T) -> Arc<Resolved<R, T>> {
        let mut cx = self.apart();
        let value = make(&mut cx, raw);
        Arc::new(Resolved { raw: raw.clone(), context, value, diags: cx.diags, missing: cx.missing, forms: cx.forms })
    }

    /// A context for resolving apart from this one: the same site, nothing reported yet.
    fn apart(&self) -> Cx<'a> {
        Cx {
            languages: self.languages,
            chains: self.chains,
            diags: Diagnostics::new(),
            missing: BTreeMap::new(),
            unreadable: self.unreadable,
            readings: self.readings,
            forms: BTreeSet::new(),
            keep: self.keep,
            terms: self.terms.clone(),
        }
    }

    /// Adds what a separately resolved item reported.
    fn merge(&mut self, diags: &Diagnostics, missing: &Missing) {
        for d in diags.iter() {
            self.diags.push(d.clone());
        }
        for (lang, kinds) in missing {
            for (kind, n) in kinds {
                *self.missing.entry(lang.clone()).or_default().entry(kind).or_default() += n;
            }
        }
    }

    /// Case studies are many and independent: each is resolved on its own, in parallel, and
    /// the diagnostics and missing translations are merged in file order. Where a next build
    /// will come ([`Cx::keep`]) they are kept as resolved, for it.
    fn cases(
        &mut self,
        items: Vec<Arc<Item<RawCase>>>,
        themes: &[Theme],
        areas: &[Area],
        media: &[String],
        cache: &ResolveCache,
    ) -> Vec<Arc<Case>> {
        // What a case's resolution reads besides its own files.
        let context = fingerprint(&(
            themes.iter().map(|t| &t.slug).collect::<Vec<_>>(),
            areas.iter().map(|a| &a.slug).collect::<Vec<_>>(),
            media,
            self.languages,
            self.unreadable,
            self.readings,
        ));
        let make = |cx: &mut Cx, item: &Item<RawCase>| Arc::new(cx.case(item, themes, areas, media));
        let Some(mut last) = self.keep.then(|| cache.last_cases.lock().ok()).flatten() else {
            let out = self.reuse(&cache.cases, items, |i| &i.file, context, make);
            return cache.case_order.sort(out, newest_first);
        };
        if let Some(sorted) = last.as_mut().and_then(|last| self.edited(last, &items, context, cache, &make)) {
            #[cfg(test)]
            cache.edits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return sorted;
        }
        // What the case studies report is kept apart too, for a next build that takes it whole.
        let mut part = self.apart();
        let out = part.reuse(&cache.cases, items.clone(), |i| &i.file, context, make);
        let sorted = cache.case_order.sort(out, newest_first);
        self.merge(&part.diags, &part.missing);
        self.forms.extend(part.forms.iter().cloned());
        *last = Some(LastCases {
            context,
            items,
            sorted: sorted.clone(),
            diags: part.diags,
            missing: part.missing,
            forms: part.forms,
        });
        sorted
    }

    /// The case studies of `last` with those whose parsed item is not the very same as in
    /// `items` resolved anew, where there are a few and each reports what it reported before
    /// and keeps its place in the order (a word in a title or body: the usual save in a
    /// preview). `None` where anything else changed: then all are looked at, and each
    /// unchanged one is still taken from the memo. At N = 100,000 looking at all took some
    /// 30–40 ms of a rebuild.
    fn edited(
        &mut self,
        last: &mut LastCases,
        items: &[Arc<Item<RawCase>>],
        context: u64,
        cache: &ResolveCache,
        make: &(impl Fn(&mut Cx, &Item<RawCase>) -> Arc<Case> + Sync),
    ) -> Option<Vec<Arc<Case>>> {
        if last.context != context || last.items.len() != items.len() {
            return None;
        }
        let edited: Vec<usize> = (items.iter().zip(&last.items).enumerate())
            .filter(|(_, (now, before))| !Arc::ptr_eq(now, before))
            .map(|(i, _)| i)
            .take(MOST_EDITED + 1)
            .collect();
        if edited.len() > MOST_EDITED {
            return None;
        }
        let mut made = Vec::with_capacity(edited.len());
        for &i in &edited {
            let (now, before) = (&items[i], &last.items[i]);
            let known =
                cache.cases.get(&now.file).filter(|k| now.file == before.file && Arc::ptr_eq(&k.raw, before))?;
            let new = self.resolved(now, context, make);
            let same_report = new.diags == known.diags && new.missing == known.missing && new.forms == known.forms;
            if !same_report || newest_first(&new.value, &known.value) != std::cmp::Ordering::Equal {
                return None;
            }
            made.push(new);
        }
        // Where the last order put them: one pass over it for all.
        let places = cache.case_order.positions_of(&edited)?;
        for ((i, at), new) in edited.into_iter().zip(places).zip(made) {
            last.items[i] = items[i].clone();
            *last.sorted.get_mut(at)? = new.value.clone();
            cache.cases.put(&items[i].file, new);
        }
        self.merge(&last.diags, &last.missing);
        self.forms.extend(last.forms.iter().cloned());
        Some(last.sorted.clone())
    }

    fn case(&mut self, item: &Item<RawCase>, themes: &[Theme], areas: &[Area], media: &[String]) -> Case {
        let file = &item.file;
        let RawCase {
            title,
            area,
            themes: case_themes,
            published,
            activities,
            point,
            venue,
            contact,
            images,
            attachments,
            updated,
            sample,
            draft: _,
        } = &*item.raw;
        let mut gaps = Gaps::default();
        let area_index = self.reference(
            (&area.value, || loc(file, area)),
            areas.iter().map(|a| a.slug.as_str()),
            "area",
            "content/areas/",
        );
        let mut theme_indices = Vec::new();
        if case_themes.value.is_empty() {
            self.err(
                Diagnostic::error(
                    Code::MissingField,
                    loc(file, case_themes),
                    msg!("case-without-theme", theme_word = self.terms.theme.clone()),
                )
                .with_hint(msg!("case-without-theme-hint", theme_word = self.terms.theme.clone())),
            );
        }
        for t in &case_themes.value {
            if let Some(i) = self.reference(
                (&t.value, || loc(file, t)),
                themes.iter().map(|t| t.slug.as_str()),
                "theme",
                "content/themes/",
            ) {
                if theme_indices.contains(&i) {
                    self.err(Diagnostic::error(
                        Code::DuplicateReference,
                        loc(file, t),
                        msg!("theme-listed-twice", theme = t.value.as_str(), theme_word = self.terms.theme.clone()),
                    ));
                } else {
                    theme_indices.push(i);
                }
            }
        }
        theme_indices.sort_unstable();
        let date = Date::parse(&published.value);
        if date.is_none() {
            self.err(
                Diagnostic::error(
                    Code::BadDate,
                    loc(file, published),
                    msg!("not-a-date", value = published.value.trim()),
                )
                .with_hint(msg!("date-hint-2024")),
            );
        }
        let images = self.images(file, images, media, &mut gaps);
        let case = Case {
            slug: item.slug.clone(),
            title: self.text(file, title, &mut gaps),
            area: area_index.unwrap_or(0),
            themes: theme_indices,
            published: date.unwrap_or(Date { year: 2000, month: 1, day: 1 }),
            activities: self.text(file, activities, &mut gaps),
            point: self.text(file, point, &mut gaps),
            venue: self.opt_text(file, venue, &mut gaps),
            contact: contact.as_deref().map(|c| Box::new(self.contact(file, c, &mut gaps))),
            images,
            attachments: self.attachments(file, attachments, media, &mut gaps),
            body: self.markdown(&item.bodies, &mut gaps),
            updated: self.updated(file, updated),
            sample: *sample,
        };
        self.count_gaps("case study", gaps);
        case
    }

    /// Records that `file` uses `number`; a number used by an earlier file is an error.
    fn unique_number(
        &mut self,
        seen: &mut BTreeMap<u32, String>,
        file: &str,
        number: &crate::content::yaml::Spanned<u32>,
        (what, hint): (&str, crate::diag::Msg),
    ) {
        if let Some(other) = seen.insert(number.value, file.to_string()) {
            self.err(
                Diagnostic::error(
                    Code::DuplicateNumber,
                    loc(file, number),
                    msg!(
                        "number-used-twice",
                        what = what,
                        number = number.value,
                        other = other.as_str(),
                        theme_word = self.terms.theme.clone()
                    ),
                )
                .with_hint(hint),
            );
        }
    }

    /// The index of the item whose slug is `wanted`, or a diagnostic at `location()` with the
    /// nearest slug (made only then: some 250,000 references at N = 100,000 are found).
    fn reference<'s>(
        &mut self,
        (wanted, location): (&str, impl FnOnce() -> Location),
        slugs: impl Iterator<Item = &'s str> + Clone,
        kind: &str,
        dir: &str,
    ) -> Option<usize> {
        let wanted = wanted.trim();
        if let Some(i) = slugs.clone().position(|s| s == wanted) {
            return Some(i);
        }
        if self.unreadable.contains(&format!("{dir}{wanted}.yaml")) {
            return None;
        }
        let known: Vec<&str> = slugs.collect();
        let hint = match suggest(wanted, known.iter().copied()) {
            Some(s) => msg!("reference-hint-nearest", nearest = s, kind = kind, known = known.join(", ")),
            None => msg!("reference-hint", dir = dir, kind = kind, known = known.join(", ")),
        };
        self.err(
            Diagnostic::error(
                if kind == "area" { Code::UnknownArea } else { Code::UnknownTheme },
                location(),
                self.terms.for_kinds(msg!("no-such-item", kind = kind, name = wanted)),
            )
            .with_hint(self.terms.for_kinds(hint)),
        );
        None
    }

    fn structure(&mut self, item: &Item<RawStructure>) -> Option<Structure> {
        let file = &item.file;
        let RawStructure { title, bodies, sample, updated } = &*item.raw;
        let mut gaps = Gaps::default();
        let ids: Vec<String> = bodies.value.iter().map(|b| b.id.value.trim().to_string()).collect();
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        if bodies.value.is_empty() {
            self.err(
                Diagnostic::error(Code::MissingField, loc(file, bodies), msg!("structure-without-bodies"))
                    .with_hint(msg!("structure-without-bodies-hint")),
            );
        }
        for b in &bodies.value {
            let RawBody { id, name, tier, role, reports_to, report } = b;
            let idv = id.value.trim().to_string();
            if !is_valid_slug(&idv) {
                self.err(
                    Diagnostic::error(Code::BadSlug, loc(file, id), msg!("bad-id", id = idv.as_str()))
                        .with_hint(msg!("bad-id-hint")),
                );
            } else if !seen.insert(idv.clone()) {
                self.err(
                    Diagnostic::error(Code::DuplicateSlug, loc(file, id), msg!("id-used-twice", id = idv.as_str()))
                        .with_hint(msg!("id-used-twice-hint")),
                );
            }
            if tier.value == 0 {
                self.err(Diagnostic::error(Code::BadNumber, loc(file, tier), msg!("tier-zero")));
            }
            let mut targets = Vec::new();
            for r in reports_to {
                match ids.iter().position(|i| i == r.value.trim()) {
                    Some(i) => targets.push(i),
                    None => {
                        let hint = match suggest(r.value.trim(), ids.iter().map(String::as_str)) {
                            Some(s) => msg!("did-you-mean", nearest = s),
                            None => msg!("body-id-hint", ids = ids.join(", ")),
                        };
                        self.err(
                            Diagnostic::error(
                                Code::UnknownBody,
                                loc(file, r),
                                msg!("no-such-body", id = r.value.trim()),
                            )
                            .with_hint(hint),
                        );
                    }
                }
            }
            out.push(OrgBody {
                id: idv,
                name: self.text(file, name, &mut gaps),
                tier: tier.value,
                role: self.text(file, role, &mut gaps),
                reports_to: targets,
                report: self.opt_text(file, report, &mut gaps),
            });
        }
        let structure = Structure {
            title: self.text(file, title, &mut gaps),
            bodies: out,
            body: self.markdown(&item.bodies, &mut gaps),
            updated: self.updated(file, updated),
            sample: *sample,
        };
        self.count_gaps("structure", gaps);
        Some(structure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse;
    use crate::source::SourceTree;
    use std::path::Path;

    // A rebuild that edited a few case studies resolves only those, where each reports what it
    // reported before and keeps its place; otherwise all are looked at. Either way the site is
    // the one resolved from nothing.
    #[test]
    fn case_studies_edited_in_place_are_resolved_alone_and_the_site_is_the_same() {
        use std::sync::atomic::Ordering::Relaxed;
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-city");
        let mut tree = SourceTree::load(&root).unwrap();
        let (parsed, resolved) = (crate::content::ParseCache::default(), ResolveCache::default());
        let check = |tree: &SourceTree, edited: bool, what: &str| {
            let before = resolved.edits.load(Relaxed);
            let warm = resolve_kept(crate::content::parse_kept(tree, &parsed).0, &resolved);
            let cold = resolve(parse(tree).0);
            assert_eq!(format!("{warm:?}"), format!("{cold:?}"), "{what}");
            assert_eq!(resolved.edits.load(Relaxed) - before, usize::from(edited), "{what}: edited alone?");
        };
        check(&tree, false, "the first build");
        check(&tree, true, "nothing changed");
        let (yaml, body) = ("content/cases/north-harbour-salon.yaml", "content/cases/north-harbour-salon.ja.md");
        let text = |tree: &SourceTree, p: &str| String::from_utf8(tree.get(p).unwrap().to_vec()).unwrap();
        let good = text(&tree, body);
        tree.insert(body, format!("{good}\n追記しました。\n"));
        check(&tree, true, "a word in a body");
        tree.insert(yaml, text(&tree, yaml).replacen("漁港のふれあいサロン", "漁港のふれあいサロン（改）", 1));
        check(&tree, true, "a word in the title");
        tree.insert(body, format!("{good}\n{{千葉|ちば}}で。\n"));
        check(&tree, false, "a name given a reading: search learns it");
        tree.insert(yaml, text(&tree, yaml).replacen("published: 2025-06-20", "published: 2019-04-01", 1));
        check(&tree, false, "a date that moves it in the order");
        tree.insert(yaml, text(&tree, yaml).replacen("area: north", "area: nowhere", 1));
        check(&tree, false, "an unknown area: an error");
        tree.insert(yaml, text(&tree, yaml).replacen("area: nowhere", "area: north", 1));
        check(&tree, false, "and mended");
        check(&tree, true, "then nothing changed");
    }

    // A resolve with no next build gives the model a resolve with a next build gives, and
    // gives back every parsed case study and progress year; one with a next build keeps them
    // in its memo for the next.
    #[test]
    fn a_resolve_without_a_next_build_keeps_nothing() {
        use std::sync::Weak;
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-city");
        let t = SourceTree::load(&root).unwrap();
        let parsed = crate::content::ParseCache::default();
        let weak = |raw: &RawContent| -> (Vec<Weak<Item<RawCase>>>, Vec<Weak<RawProgressYear>>) {
            (raw.cases.iter().map(Arc::downgrade).collect(), raw.progress.iter().map(Arc::downgrade).collect())
        };
        // (A parse cache of its own, dropped here: `forget` gives its memory back on a thread of
        // its own, which may not have run when the weak pointers are asked.)
        let raw = crate::content::parse_cached(&t, &crate::content::ParseCache::default()).0;
        let (cases, years) = weak(&raw);
        assert!(cases.len() == 3 && !years.is_empty());
        let once = resolve(raw).unwrap();
        assert!(cases.iter().all(|c| c.upgrade().is_none()), "a parsed case study is kept");
        assert!(years.iter().all(|y| y.upgrade().is_none()), "a parsed progress year is kept");

        let resolved = ResolveCache::default();
        let raw = crate::content::parse_cached(&t, &parsed).0;
        let (cases, years) = weak(&raw);
        let kept = resolve_kept(raw, &resolved).unwrap();
        assert!(!resolved.is_empty());
        assert!(cases.iter().all(|c| c.upgrade().is_some()), "kept for the next build");
        assert!(years.iter().all(|y| y.upgrade().is_some()), "kept for the next build");
        assert_eq!(format!("{once:?}"), format!("{kept:?}"));
        // Each list of the model holds the room of its entries, not of what it was made from
        // (the case studies with their contexts) or of a list grown by doubling (a district's
        // items): at N = 100,000 these were 12.8 and 15.7 MB held to the build's end.
        for site in [&once, &kept] {
            assert_eq!(site.cases.capacity(), site.cases.len(), "the case studies' room");
            let districts = site.progress.iter().flat_map(|y| &y.areas).flat_map(|a| &a.districts);
            assert!(districts.clone().count() > 1);
            for d in districts {
                assert_eq!(d.items.capacity(), d.items.len(), "the items' room of {}", d.name.primary());
            }
        }
    }

    // Without a next build, `reuse` neither reads nor fills the memo it is given, and each
    // parsed item is given back by the time it returns; with one, the memo keeps each item
    // with what it resolved to.
    #[test]
    fn reuse_without_a_next_build_leaves_the_memo_alone() {
        let (languages, unreadable, readings) = (Vec::new(), BTreeSet::new(), Default::default());
        let chains = Arc::new(Chains::new(&languages));
        for keep in [false, true] {
            let mut cx = Cx {
                languages: &languages,
                chains: &chains,
                readings: &readings,
                forms: BTreeSet::new(),
                diags: Diagnostics::new(),
                missing: BTreeMap::new(),
                unreadable: &unreadable,
                keep,
                terms: crate::model::Terms::none(),
            };
            let raws: Vec<Arc<String>> = (0..50).map(|i| Arc::new(format!("item {i}"))).collect();
            let weak: Vec<std::sync::Weak<String>> = raws.iter().map(Arc::downgrade).collect();
            let memo = Reuse::default();
            let made = cx.reuse(&memo, raws, |r: &String| r.as_str(), 7, |_, r: &String| r.len());
            assert_eq!(made, (0..50).map(|i| format!("item {i}").len()).collect::<Vec<_>>());
            assert_eq!(made.capacity(), made.len(), "the room of the values alone, kept: {keep}");
            assert_eq!(memo.get("item 3").is_some(), keep, "kept: {keep}");
            assert_eq!(weak.iter().all(|w| w.upgrade().is_none()), !keep, "kept: {keep}");
        }
    }

    // Up to MOST_EDITED case studies edited in place are resolved alone, more the whole way;
    // either gives the model resolved from nothing.
    #[test]
    fn more_edited_case_studies_than_the_most_are_resolved_the_whole_way() {
        use std::sync::atomic::Ordering::Relaxed;
        let case = |t: &str| {
            format!("title: {{ja: {t}}}\narea: north\nthemes: [watch]\npublished: 2024-04-01\nactivities: {{ja: 取組}}\npoint: {{ja: 点}}\n")
        };
        let path = |i: usize| format!("content/cases/c{i:04}.yaml");
        let mut t = tree(&[]);
        for i in 0..=MOST_EDITED {
            t.insert(path(i), case("事例"));
        }
        let (parsed, resolved) = (crate::content::ParseCache::default(), ResolveCache::default());
        resolve_kept(crate::content::parse_kept(&t, &parsed).0, &resolved).unwrap();
        for (edits, alone) in [(MOST_EDITED, 1), (MOST_EDITED + 1, 0)] {
            for i in 0..edits {
                t.insert(path(i), case(&format!("事例{edits}")));
            }
            let before = resolved.edits.load(Relaxed);
            let warm = resolve_kept(crate::content::parse_kept(&t, &parsed).0, &resolved);
            assert_eq!(resolved.edits.load(Relaxed) - before, alone, "{edits} edited");
            assert_eq!(format!("{warm:?}"), format!("{:?}", resolve(parse(&t).0)), "{edits} edited");
        }
    }

    fn site_yaml() -> &'static str {
        "title: {ja: 計画, en: Plan}\ndescription: {ja: 説明}\nlanguages: [{code: ja, name: 日本語}, {code: en, name: English}]\nbase_url: https://example.org/\narea_term: {ja: 区, en: ward}\nareas_title: {ja: 区, en: Wards}\norganisation: {name: {ja: 市}}\n"
    }

    fn tree(extra: &[(&str, &str)]) -> SourceTree {
        let mut files = vec![
            ("content/site.yaml", site_yaml()),
            (
                "content/plan.yaml",
                "name: {ja: 計画}\nperiod: {from: 2022, to: 2026}\nbasic_goal: {ja: 目標}\nsummary: {ja: 概要}\n",
            ),
            (
                "content/structure.yaml",
                "title: {ja: 体制}\nbodies:\n  - {id: city, name: {ja: 市}, tier: 1, role: {ja: 役割}}\n",
            ),
            (
                "content/themes/watch.yaml",
                "number: 1\ntitle: {ja: 見守り, en: Watching}\nsummary: {ja: 概要, en: Summary}\n",
            ),
            (
                "content/areas/north.yaml",
                "order: 1\nname: {ja: 北}\nslogan: {ja: 標語}\npolicies: [{number: 1, title: {ja: 方針}}]\n",
            ),
        ];
        files.extend_from_slice(extra);
        SourceTree::from_files(Path::new("/x"), files)
    }

    fn resolve_tree(t: &SourceTree) -> Result<Site, Diagnostics> {
        let (raw, diags) = parse(t);
        assert!(!diags.has_errors(), "{diags}");
        resolve(raw)
    }

    #[test]
    fn unknown_area_points_at_the_value_with_a_suggestion() {
        let t = tree(&[("content/cases/a.yaml", "title: {ja: 事例}\narea: nroth\nthemes: [watch]\npublished: 2024-04-01\nactivities: {ja: 取組}\npoint: {ja: 点}\n")]);
        let d = resolve_tree(&t).unwrap_err();
        let d = d.iter().find(|d| d.code == "unknown-area").expect("unknown-area");
        assert_eq!((d.location.file.as_str(), d.location.line), ("content/cases/a.yaml", 2));
        assert!(d.hint.en().contains("did you mean `north`"), "{}", d.hint);
    }

    // `words:` takes the theme's keys in the site's languages; a misspelt key or a language
    // the site lacks is a located error with the way out.
    #[test]
    fn words_are_checked_against_the_theme_and_the_languages() {
        let mut t = tree(&[]);
        let words = "words:\n  ja:\n    themes: 基本目標\n    themse: 目標\n  fr:\n    themes: objectifs\n";
        let yaml = format!("{}{words}", site_yaml()).replace("{name: {ja: 市}}", "{name: {ja: 市}, kind: council}");
        t.insert("content/site.yaml", yaml);
        let d = resolve_tree(&t).unwrap_err();
        let word = d.iter().find(|d| d.code == "unknown-word").expect("unknown-word");
        assert_eq!(
            (word.location.file.as_str(), word.location.line, word.location.column),
            ("content/site.yaml", 11, 5)
        );
        assert!(word.hint.en().contains("did you mean `themes`"), "{}", word.hint);
        assert!(d.iter().any(|d| d.code == "unknown-language" && d.message.en().contains("`fr`")), "{d}");
        let kind = d.iter().find(|d| d.message.en().contains("not a kind of publisher")).expect("publisher kind");
        assert!(kind.hint.en().contains("social-welfare-council"), "{}", kind.hint);

        let mut t = tree(&[]);
        t.insert("content/site.yaml", format!("{}words:\n  ja:\n    themes: 基本目標\n", site_yaml()));
        let site = resolve_tree(&t).unwrap();
        assert_eq!(site.config.words["ja"]["themes"], "基本目標");
    }

    // A file that cannot be read is reported once: references to its item are not reported
    // again as unknown (they would bury the cause).
    #[test]
    fn an_unreadable_theme_is_reported_once_not_at_every_reference() {
        let mut t = tree(&[("content/cases/a.yaml", "title: {ja: 事例}\narea: north\nthemes: [watch]\npublished: 2024-04-01\nactivities: {ja: 取組}\npoint: {ja: 点}\n")]);
        t.insert("content/themes/watch.yaml", "number: x\ntitle: {ja: 見守り}\nsummary: {ja: 概要}\n");
        let (raw, parsed) = parse(&t);
        assert!(parsed.iter().any(|d| d.location.file == "content/themes/watch.yaml"), "{parsed}");
        let resolved = resolve(raw).err().unwrap_or_default();
        assert!(!resolved.iter().any(|d| d.code == "unknown-theme"), "{resolved}");
        // A theme that does not exist at all still is an error.
        let mut t = tree(&[("content/cases/a.yaml", "title: {ja: 事例}\narea: north\nthemes: [wtach]\npublished: 2024-04-01\nactivities: {ja: 取組}\npoint: {ja: 点}\n")]);
        t.insert("content/themes/other.yaml", "number: 2\ntitle: {ja: 他}\nsummary: {ja: 概要}\n");
        assert!(resolve_tree(&t).unwrap_err().iter().any(|d| d.code == "unknown-theme"));
    }

    // An area whose file cannot be read still has its progress checked: one run lists the
    // errors of both files.
    #[test]
    fn the_progress_of_an_unreadable_area_is_still_checked() {
        let progress = "districts:\n  - name: {ja: 北浜}\n    items:\n      - policy: 1\n        item: {ja: 項目}\n        target: {ja: 目標}\n        rating: Z\n        next_target: {ja: 次}\n";
        let mut t = tree(&[
            ("content/progress/2025/year.yaml", "sample: true\n"),
            ("content/progress/2025/north.yaml", progress),
        ]);
        t.insert("content/areas/north.yaml", "order: x\nname: {ja: 北}\n");
        let (raw, parsed) = parse(&t);
        assert!(parsed.iter().any(|d| d.location.file == "content/areas/north.yaml"), "{parsed}");
        let resolved = resolve(raw).err().unwrap_or_default();
        assert!(resolved.iter().any(|d| d.code == "unknown-rating"), "{resolved}");
        assert!(!resolved.iter().any(|d| d.code == "unknown-area"), "{resolved}");
    }

    // Progress tables may head their columns with the site's own words.
    #[test]
    fn progress_columns_take_the_sites_own_headings() {
        let mut t = tree(&[
            ("content/progress/2025/year.yaml", "sample: true\n"),
            (
                "content/progress/2025/north.csv",
                "支所地区,基本方針,取組項目,基本目標,目標又は予定,達成状況,次年度の目標又は予定\n北浜,1,見守り,watch,月1回,◎,続ける\n",
            ),
        ]);
        let site = format!("{}district_term: {{ja: 支所地区}}\nwords:\n  ja:\n    themes: 基本目標\n", site_yaml());
        t.insert("content/site.yaml", site);
        let site = resolve_tree(&t).unwrap();
        let item = &site.progress[0].areas[0].districts[0].items[0];
        assert_eq!(item.themes, [0]);
        assert_eq!(site.progress[0].areas[0].districts[0].name.primary(), "北浜");
    }

    #[test]
    fn two_themes_with_one_number_are_an_error() {
        let t = tree(&[("content/themes/other.yaml", "number: 1\ntitle: {ja: 他}\nsummary: {ja: 概要}\n")]);
        let d = resolve_tree(&t).unwrap_err();
        let d = d.iter().find(|d| d.code == "duplicate-number").expect("duplicate-number");
        assert_eq!(d.location.file, "content/themes/watch.yaml");
        assert!(d.message.en().contains("theme number 1 is also used by content/themes/other.yaml"), "{}", d.message);
    }

    #[test]
    fn counts_missing_translations_per_kind() {
        let site = resolve_tree(&tree(&[])).unwrap();
        let en = &site.missing_translations["en"];
        assert_eq!(en.get("area"), Some(&1));
        assert_eq!(en.get("theme"), None);
    }

    #[test]
    fn bad_date_is_reported_with_the_expected_form() {
        let t = tree(&[("content/cases/a.yaml", "title: {ja: 事例}\narea: north\nthemes: [watch]\npublished: 2024-02-30\nactivities: {ja: 取組}\npoint: {ja: 点}\n")]);
        let d = resolve_tree(&t).unwrap_err();
        let d = d.iter().find(|d| d.code == "bad-date").expect("bad-date");
        assert_eq!(d.location.line, 4);
        assert!(d.hint.en().contains("`2024-04-01`"));
    }
}
