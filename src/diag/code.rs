//! The stable codes of diagnostics: one enum, so a misspelt code cannot compile, every code
//! has its explanation here, and `docs/diagnostics.md` lists them all (a test keeps it so).

use std::fmt;

/// What kind of problem a diagnostic reports. Shown in brackets (`error[unknown-field]`) and
/// stable across versions, so editors and scripts can look it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// The YAML cannot be read: indentation, an unclosed quote or bracket, a tab.
    YamlSyntax,
    /// A field the file does not have (often a typo); the hint suggests the nearest one.
    UnknownField,
    /// A required field is missing.
    MissingField,
    /// A field appears twice in one entry.
    DuplicateKey,
    /// A value of the wrong form: text where a list or map is expected, or the reverse.
    WrongType,
    /// A file, YAML nesting, alias use, row count or cell count over its limit (`limits:` in site.yaml).
    LimitExceeded,
    /// A text file that is not UTF-8.
    NotUtf8,
    /// A required file is missing (site.yaml, plan.yaml, a year's year.yaml).
    MissingFile,
    /// A file that is neither content nor media, or not where its kind belongs.
    UnknownFile,
    /// A file in a sub-folder of a collection folder.
    NestedFile,
    /// A file name that cannot be used in a web address.
    BadSlug,
    /// Two files for the same item.
    DuplicateSlug,
    /// A Markdown body whose name does not say its language.
    BodyWithoutLanguage,
    /// A Markdown body with no YAML file beside it.
    OrphanBody,
    /// A `reports_to` in structure.yaml that names no body of the structure.
    UnknownBody,
    /// A symbolic link among the sources (never followed).
    LinkNotFollowed,
    /// An SVG file with scripts, event handlers, embedded HTML or external references.
    UnsafeSvg,
    /// An image named in content that is not among the media files.
    MissingImage,
    /// An image that cannot be published: unreadable, of another format than its name says, a format plansite cannot strip of its metadata (AVIF), a name taken by a resized copy, or an image on another site (the pages show images of the site only).
    BadImage,
    /// site.yaml lists no language.
    NoLanguage,
    /// A language entry that is not valid.
    BadLanguage,
    /// A language listed twice.
    DuplicateLanguage,
    /// Text in a language the site does not have.
    UnknownLanguage,
    /// A text without the site's primary language.
    MissingPrimaryText,
    /// An item without a body in the primary language.
    MissingPrimaryBody,
    /// A web address that is not an absolute http(s) address.
    BadUrl,
    /// An e-mail address that is not valid.
    BadEmail,
    /// A phone or fax number with characters other than digits and - + ( ).
    BadPhone,
    /// A postal code not written as 123-4567.
    BadPostalCode,
    /// A date not written as `2025-03-31`, `2025/3/31`, `2025年3月31日` or `令和7年3月31日`, or not a real date.
    BadDate,
    /// A plan period whose end is before its start.
    BadPeriod,
    /// A progress folder that is not a fiscal year.
    BadYear,
    /// A number that is not a whole number in range.
    BadNumber,
    /// A yes/no cell that is neither empty nor a mark.
    BadFlag,
    /// Two themes or policies with the same number.
    DuplicateNumber,
    /// An id referenced twice where it may appear once.
    DuplicateReference,
    /// A reference to an area that does not exist.
    UnknownArea,
    /// A reference to a theme that does not exist.
    UnknownTheme,
    /// A progress item naming a basic policy its area does not have.
    UnknownPolicy,
    /// A self-rating that is not one of the site's ratings.
    UnknownRating,
    /// A required value of a progress item is empty.
    MissingValue,
    /// A progress figure (population, households) that is not a number.
    NotANumber,
    /// The same area's progress given twice in one year.
    DuplicateArea,
    /// The same district twice in one area's progress.
    DuplicateDistrict,
    /// A district's own columns differ between its rows.
    InconsistentDistrict,
    /// A CSV row that cannot be read (an unclosed quote).
    CsvSyntax,
    /// A workbook or sheet that cannot be read.
    BadWorkbook,
    /// A sheet or CSV file with no header row or no rows.
    EmptyTable,
    /// A required column is missing from a progress table.
    MissingColumn,
    /// A column a progress table does not have.
    UnknownColumn,
    /// A column given twice in a progress table.
    DuplicateColumn,
    /// A theme without the UI strings file of a site language.
    MissingUiStrings,
    /// A UI string the theme's templates use but its strings file lacks.
    MissingUiString,
    /// A key under `words:` in site.yaml that names no word the theme prints.
    UnknownWord,
    /// `time_zone` in site.yaml names no time zone.
    BadTimeZone,
    /// A page reference (`@area/…`, `@file/…`) to an item or file that does not exist.
    UnknownReference,
    /// A link or image in the site that leads to no page or file of the site.
    BrokenLink,
    /// A link to a `#anchor` that the page it leads to does not have.
    BrokenAnchor,
    /// An image without alternative text.
    MissingAlt,
    /// A `mailto:`, `tel:` or web address in a Markdown link that is not well formed.
    BadLink,
    /// An item without its text in one of the site's languages (a warning: the primary language is shown).
    MissingTranslation,
    /// A page no other page links to (a warning).
    OrphanPage,
    /// A file under content/ that no page links to, or an image no page shows (a warning: it is published all the same).
    UnlinkedFile,
    /// An image or document larger than residents on phones should have to download (a warning).
    OversizedFile,
    /// A placeholder of `plansite new` (「（事例の名前）」) left in a published item (a warning: it is published as it is).
    PlaceholderLeft,
    /// A link to another site that did not answer, or answered with an error (`check --external`).
    ExternalLink,
}

impl Code {
    /// Every code, in the order of `docs/diagnostics.md`.
    pub const ALL: [Code; 66] = [
        Code::YamlSyntax,
        Code::UnknownField,
        Code::MissingField,
        Code::DuplicateKey,
        Code::WrongType,
        Code::LimitExceeded,
        Code::NotUtf8,
        Code::MissingFile,
        Code::UnknownFile,
        Code::NestedFile,
        Code::BadSlug,
        Code::DuplicateSlug,
        Code::BodyWithoutLanguage,
        Code::OrphanBody,
        Code::UnknownBody,
        Code::LinkNotFollowed,
        Code::UnsafeSvg,
        Code::MissingImage,
        Code::BadImage,
        Code::NoLanguage,
        Code::BadLanguage,
        Code::DuplicateLanguage,
        Code::UnknownLanguage,
        Code::MissingPrimaryText,
        Code::MissingPrimaryBody,
        Code::BadUrl,
        Code::BadEmail,
        Code::BadPhone,
        Code::BadPostalCode,
        Code::BadDate,
        Code::BadPeriod,
        Code::BadYear,
        Code::BadNumber,
        Code::BadFlag,
        Code::DuplicateNumber,
        Code::DuplicateReference,
        Code::UnknownArea,
        Code::UnknownTheme,
        Code::UnknownPolicy,
        Code::UnknownRating,
        Code::MissingValue,
        Code::NotANumber,
        Code::DuplicateArea,
        Code::DuplicateDistrict,
        Code::InconsistentDistrict,
        Code::CsvSyntax,
        Code::BadWorkbook,
        Code::EmptyTable,
        Code::MissingColumn,
        Code::UnknownColumn,
        Code::DuplicateColumn,
        Code::MissingUiStrings,
        Code::MissingUiString,
        Code::UnknownWord,
        Code::BadTimeZone,
        Code::UnknownReference,
        Code::BrokenLink,
        Code::BrokenAnchor,
        Code::MissingAlt,
        Code::BadLink,
        Code::MissingTranslation,
        Code::OrphanPage,
        Code::UnlinkedFile,
        Code::OversizedFile,
        Code::PlaceholderLeft,
        Code::ExternalLink,
    ];

    /// The code as written in messages and docs, e.g. `unknown-field`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::YamlSyntax => "yaml-syntax",
            Code::UnknownField => "unknown-field",
            Code::MissingField => "missing-field",
            Code::DuplicateKey => "duplicate-key",
            Code::WrongType => "wrong-type",
            Code::LimitExceeded => "limit-exceeded",
            Code::NotUtf8 => "not-utf8",
            Code::MissingFile => "missing-file",
            Code::UnknownFile => "unknown-file",
            Code::NestedFile => "nested-file",
            Code::BadSlug => "bad-slug",
            Code::DuplicateSlug => "duplicate-slug",
            Code::BodyWithoutLanguage => "body-without-language",
            Code::OrphanBody => "orphan-body",
            Code::UnknownBody => "unknown-body",
            Code::LinkNotFollowed => "link-not-followed",
            Code::UnsafeSvg => "unsafe-svg",
            Code::MissingImage => "missing-image",
            Code::BadImage => "bad-image",
            Code::NoLanguage => "no-language",
            Code::BadLanguage => "bad-language",
            Code::DuplicateLanguage => "duplicate-language",
            Code::UnknownLanguage => "unknown-language",
            Code::MissingPrimaryText => "missing-primary-text",
            Code::MissingPrimaryBody => "missing-primary-body",
            Code::BadUrl => "bad-url",
            Code::BadEmail => "bad-email",
            Code::BadPhone => "bad-phone",
            Code::BadPostalCode => "bad-postal-code",
            Code::BadDate => "bad-date",
            Code::BadPeriod => "bad-period",
            Code::BadYear => "bad-year",
            Code::BadNumber => "bad-number",
            Code::BadFlag => "bad-flag",
            Code::DuplicateNumber => "duplicate-number",
            Code::DuplicateReference => "duplicate-reference",
            Code::UnknownArea => "unknown-area",
            Code::UnknownTheme => "unknown-theme",
            Code::UnknownPolicy => "unknown-policy",
            Code::UnknownRating => "unknown-rating",
            Code::MissingValue => "missing-value",
            Code::NotANumber => "not-a-number",
            Code::DuplicateArea => "duplicate-area",
            Code::DuplicateDistrict => "duplicate-district",
            Code::InconsistentDistrict => "inconsistent-district",
            Code::CsvSyntax => "csv-syntax",
            Code::BadWorkbook => "bad-workbook",
            Code::EmptyTable => "empty-table",
            Code::MissingColumn => "missing-column",
            Code::UnknownColumn => "unknown-column",
            Code::DuplicateColumn => "duplicate-column",
            Code::MissingUiStrings => "missing-ui-strings",
            Code::MissingUiString => "missing-ui-string",
            Code::UnknownWord => "unknown-word",
            Code::BadTimeZone => "bad-time-zone",
            Code::UnknownReference => "unknown-reference",
            Code::BrokenLink => "broken-link",
            Code::BrokenAnchor => "broken-anchor",
            Code::MissingAlt => "missing-alt",
            Code::BadLink => "bad-link",
            Code::MissingTranslation => "missing-translation",
            Code::OrphanPage => "orphan-page",
            Code::UnlinkedFile => "unlinked-file",
            Code::OversizedFile => "oversized-file",
            Code::PlaceholderLeft => "placeholder-left",
            Code::ExternalLink => "external-link",
        }
    }

    /// What the code means, in one sentence.
    pub fn explanation(self) -> &'static str {
        match self {
            Code::YamlSyntax => "The YAML cannot be read: indentation, an unclosed quote or bracket, a tab.",
            Code::UnknownField => "A field the file does not have (often a typo); the hint suggests the nearest one.",
            Code::MissingField => "A required field is missing.",
            Code::DuplicateKey => "A field appears twice in one entry.",
            Code::WrongType => "A value of the wrong form: text where a list or map is expected, or the reverse.",
            Code::LimitExceeded => {
                "A file, YAML nesting, alias use, row count or cell count over its limit (`limits:` in site.yaml)."
            }
            Code::NotUtf8 => "A text file that is not UTF-8.",
            Code::MissingFile => "A required file is missing (site.yaml, plan.yaml, a year's year.yaml).",
            Code::UnknownFile => "A file that is neither content nor media, or not where its kind belongs.",
            Code::NestedFile => "A file in a sub-folder of a collection folder.",
            Code::BadSlug => "A file name that cannot be used in a web address.",
            Code::DuplicateSlug => "Two files for the same item.",
            Code::BodyWithoutLanguage => "A Markdown body whose name does not say its language.",
            Code::OrphanBody => "A Markdown body with no YAML file beside it.",
            Code::UnknownBody => "A `reports_to` in structure.yaml that names no body of the structure.",
            Code::LinkNotFollowed => "A symbolic link among the sources (never followed).",
            Code::UnsafeSvg => "An SVG file with scripts, event handlers, embedded HTML or external references.",
            Code::MissingImage => "An image named in content that is not among the media files.",
            Code::BadImage => "An image that cannot be published: unreadable, of another format than its name says, a format plansite cannot strip of its metadata (AVIF), a name taken by a resized copy, or an image on another site (the pages show images of the site only).",
            Code::NoLanguage => "site.yaml lists no language.",
            Code::BadLanguage => "A language entry that is not valid.",
            Code::DuplicateLanguage => "A language listed twice.",
            Code::UnknownLanguage => "Text in a language the site does not have.",
            Code::MissingPrimaryText => "A text without the site's primary language.",
            Code::MissingPrimaryBody => "An item without a body in the primary language.",
            Code::BadUrl => "A web address that is not an absolute http(s) address.",
            Code::BadEmail => "An e-mail address that is not valid.",
            Code::BadPhone => "A phone or fax number with characters other than digits and - + ( ).",
            Code::BadPostalCode => "A postal code not written as 123-4567.",
            Code::BadDate => "A date not written as `2025-03-31`, `2025/3/31`, `2025年3月31日` or `令和7年3月31日`, or not a real date.",
            Code::BadPeriod => "A plan period whose end is before its start.",
            Code::BadYear => "A progress folder that is not a fiscal year.",
            Code::BadNumber => "A number that is not a whole number in range.",
            Code::BadFlag => "A yes/no cell that is neither empty nor a mark.",
            Code::DuplicateNumber => "Two themes or policies with the same number.",
            Code::DuplicateReference => "An id referenced twice where it may appear once.",
            Code::UnknownArea => "A reference to an area that does not exist.",
            Code::UnknownTheme => "A reference to a theme that does not exist.",
            Code::UnknownPolicy => "A progress item naming a basic policy its area does not have.",
            Code::UnknownRating => "A self-rating that is not one of the site's ratings.",
            Code::MissingValue => "A required value of a progress item is empty.",
            Code::NotANumber => "A progress figure (population, households) that is not a number.",
            Code::DuplicateArea => "The same area's progress given twice in one year.",
            Code::DuplicateDistrict => "The same district twice in one area's progress.",
            Code::InconsistentDistrict => "A district's own columns differ between its rows.",
            Code::CsvSyntax => "A CSV row that cannot be read (an unclosed quote).",
            Code::BadWorkbook => "A workbook or sheet that cannot be read.",
            Code::EmptyTable => "A sheet or CSV file with no header row or no rows.",
            Code::MissingColumn => "A required column is missing from a progress table.",
            Code::UnknownColumn => "A column a progress table does not have.",
            Code::DuplicateColumn => "A column given twice in a progress table.",
            Code::MissingUiStrings => "A theme without the UI strings file of a site language.",
            Code::MissingUiString => "A UI string the theme's templates use but its strings file lacks.",
            Code::UnknownWord => "A key under `words:` in site.yaml that names no word the theme prints.",
            Code::BadTimeZone => "`time_zone` in site.yaml names no time zone.",
            Code::UnknownReference => "A page reference (`@area/…`, `@file/…`) to an item or file that does not exist.",
            Code::BrokenLink => "A link or image in the site that leads to no page or file of the site.",
            Code::BrokenAnchor => "A link to a `#anchor` that the page it leads to does not have.",
            Code::MissingAlt => "An image without alternative text.",
            Code::BadLink => "A `mailto:`, `tel:` or web address in a Markdown link that is not well formed.",
            Code::MissingTranslation => {
                "An item without its text in one of the site's languages (a warning: the primary language is shown)."
            }
            Code::OrphanPage => "A page no other page links to (a warning).",
            Code::UnlinkedFile => {
                "A file under content/ that no page links to, or an image no page shows (a warning: it is published all the same)."
            }
            Code::OversizedFile => {
                "An image or document larger than residents on phones should have to download (a warning)."
            }
            Code::PlaceholderLeft => {
                "A placeholder of `plansite new` (「（事例の名前）」) left in a published item (a warning: it is published as it is)."
            }
            Code::ExternalLink => {
                "A link to another site that did not answer, or answered with an error (`check --external`)."
            }
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_and_documented() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        let doc = include_str!("../../docs/diagnostics.md");
        for c in Code::ALL {
            assert!(doc.contains(&format!("`{c}`")), "docs/diagnostics.md lacks `{c}`");
            assert!(!c.explanation().is_empty());
        }
    }
}
