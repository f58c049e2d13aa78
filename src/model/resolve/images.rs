//! The images an item names in its YAML (`images:` of case studies, areas and themes,
//! `og_image:` of site.yaml): the file must be among the media files and of a format plansite
//! publishes, and the alt text is required (what the picture shows, for people who cannot see
//! it). What is published for each file is `media`'s business.

use super::{Cx, Gaps};
use crate::content::raw::{RawImage, RawSiteImage, RawText};
use crate::content::yaml::loc;
use crate::content::yaml::Spanned;
use crate::diag::{suggest, Code, Diagnostic, Location};
use crate::model::Image;

/// What an image entry gives besides its file: alt text, caption, credit.
type Texts<'r> = (&'r Option<RawText>, Option<&'r RawText>, Option<&'r RawText>);

impl Cx<'_> {
    /// The images of an item, each checked; an image with a problem is reported and left out.
    pub(super) fn images(&mut self, file: &str, raws: &[RawImage], media: &[String], gaps: &mut Gaps) -> Vec<Image> {
        raws.iter()
            .filter_map(|r| self.image(file, &r.src, (&r.alt, r.caption.as_ref(), r.credit.as_ref()), media, gaps))
            .collect()
    }

    /// The site's default link-preview image.
    pub(super) fn site_image(
        &mut self,
        file: &str,
        raw: &Option<RawSiteImage>,
        media: &[String],
        gaps: &mut Gaps,
    ) -> Option<Image> {
        let raw = raw.as_ref()?;
        self.image(file, &raw.src, (&raw.alt, None, None), media, gaps)
    }

    fn image(
        &mut self,
        file: &str,
        src: &Spanned<String>,
        (alt, caption, credit): Texts,
        media: &[String],
        gaps: &mut Gaps,
    ) -> Option<Image> {
        let written = src.value.trim().trim_start_matches('/');
        let path = format!("content/{written}");
        let at = loc(file, src);
        let mut ok = true;
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        if !crate::content::IMAGE_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext)) {
            ok = false;
            self.err(
                Diagnostic::error(Code::BadImage, at.clone(), crate::diag::msg!("not-an-image", path = written))
                    .with_hint(crate::diag::msg!("not-an-image-hint")),
            );
        } else if !media.contains(&path) {
            ok = false;
            let near = suggest(&path, media.iter().map(String::as_str));
            let hint = match near {
                Some(n) => crate::diag::msg!("did-you-mean", nearest = n.trim_start_matches("content/")),
                None => crate::diag::msg!("no-such-image-hint", path = path.as_str()),
            };
            self.err(
                Diagnostic::error(
                    Code::MissingImage,
                    at.clone(),
                    crate::diag::msg!("no-such-image", path = path.as_str()),
                )
                .with_hint(hint),
            );
        }
        let Some(alt) = alt else {
            self.err(missing_alt(at));
            return None;
        };
        let image = Image {
            source: path,
            alt: self.text(file, alt, gaps),
            caption: caption.map(|c| self.text(file, c, gaps)),
            credit: credit.map(|c| self.text(file, c, gaps)),
        };
        ok.then_some(image)
    }
}

fn missing_alt(at: Location) -> Diagnostic {
    Diagnostic::error(Code::MissingAlt, at, crate::diag::msg!("no-alt")).with_hint(crate::diag::msg!("no-alt-hint"))
}

impl Cx<'_> {
    /// The documents an item lists: each file must be under `content/`; a missing one is
    /// reported (with the nearest file) and left out.
    pub(super) fn attachments(
        &mut self,
        file: &str,
        raws: &[crate::content::raw::RawAttachment],
        media: &[String],
        gaps: &mut Gaps,
    ) -> Vec<crate::model::Attachment> {
        let mut out = Vec::new();
        for r in raws {
            let written = r.file.value.trim().trim_start_matches('/').trim_start_matches("content/");
            let path = format!("content/{written}");
            if !media.contains(&path) {
                let hint = match suggest(&path, media.iter().map(String::as_str)) {
                    Some(n) => crate::diag::msg!("did-you-mean", nearest = n.trim_start_matches("content/")),
                    None => crate::diag::msg!("no-such-document-hint", path = path.as_str()),
                };
                self.err(
                    Diagnostic::error(
                        Code::MissingFile,
                        loc(file, &r.file),
                        crate::diag::msg!("no-such-file", path = path.as_str()),
                    )
                    .with_hint(hint),
                );
                continue;
            }
            out.push(crate::model::Attachment { path: written.to_string(), title: self.text(file, &r.title, gaps) });
        }
        out
    }
}
