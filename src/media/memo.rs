//! What encoding a photo gave, kept by the hash of the photo's bytes (and of how plansite
//! encodes: [`VERSION`]), so neither a `serve` rebuild nor the next `build` encodes it again.
//!
//! In memory it is an [`ImageMemo`]; on disk (`.plansite-cache/images/` in the site root) each
//! entry is a folder named by the hash holding one file per variant, named `<width>x<height>.<ext>`
//! ([`CacheEntry`]). This module only converts: `source::cache` reads the folder and
//! `output::cache` writes it.

use super::{Format, Variant};
use std::collections::HashMap;
use std::hash::Hasher;
use std::sync::{Arc, Mutex};

/// Changes whenever the widths, qualities or encoders change, so that no entry made otherwise is
/// taken.
const VERSION: &[u8] = b"plansite-images-1 480,960,1600 jpeg80 webp80 png-lossless webp-lossless";

/// The key of a photo: a 128-bit SipHash of [`VERSION`] and its bytes.
pub(super) type Key = u128;

pub(super) fn key(bytes: &[u8]) -> Key {
    let mut h = siphasher::sip128::SipHasher13::new();
    h.write(VERSION);
    h.write(bytes);
    siphasher::sip128::Hasher128::finish128(&h).as_u128()
}

/// The variants of one photo: in its own format by width, then WebP by width (none for a WebP
/// photo, whose own format is WebP).
#[derive(Debug)]
pub(super) struct Encoded {
    pub(super) variants: Vec<Variant>,
}

impl Encoded {
    /// The photo's own format: JPEG or PNG if it has variants in one, else WebP.
    pub(super) fn own_format(&self) -> Format {
        self.variants.iter().map(|v| v.format).find(|f| *f != Format::WebP).unwrap_or(Format::WebP)
    }

    fn sort(&mut self) {
        let own = self.own_format();
        self.variants.sort_by_key(|v| (v.format != own, v.format, v.width));
    }
}

pub(crate) use crate::source::cache::CacheEntry;

/// Encoded photos by key: those of the last build (and those read from the disk cache).
#[derive(Default)]
pub(crate) struct ImageMemo {
    known: Mutex<HashMap<Key, Arc<Encoded>>>,
}

impl ImageMemo {
    pub(super) fn get(&self, key: Key) -> Option<Arc<Encoded>> {
        self.known.lock().ok()?.get(&key).cloned()
    }

    pub(super) fn put(&self, key: Key, encoded: Arc<Encoded>) {
        if let Ok(mut m) = self.known.lock() {
            m.insert(key, encoded);
        }
    }

    /// Forgets every entry but those of `keys` (the photos the build just made).
    pub(super) fn keep_only(&self, keys: impl Iterator<Item = Key>) {
        let keep: std::collections::HashSet<Key> = keys.collect();
        if let Ok(mut m) = self.known.lock() {
            m.retain(|k, _| keep.contains(k));
        }
    }

    /// Takes the entries of a disk cache; a folder or file not named as this module names them
    /// is passed over (it was made by another version, or by hand).
    pub(crate) fn load(&self, entries: Vec<CacheEntry>) {
        let Ok(mut m) = self.known.lock() else { return };
        for (name, files) in entries {
            let Ok(key) = u128::from_str_radix(&name, 16) else { continue };
            if name.len() != 32 {
                continue;
            }
            let mut variants = Vec::new();
            for (file, bytes) in files {
                match variant_of(&file, bytes) {
                    Some(v) => variants.push(v),
                    None => {
                        variants.clear();
                        break;
                    }
                }
            }
            if variants.is_empty() {
                continue;
            }
            let mut encoded = Encoded { variants };
            encoded.sort();
            m.insert(key, Arc::new(encoded));
        }
    }

    /// Every entry held, as the disk cache stores it, in key order.
    pub(crate) fn entries(&self) -> Vec<CacheEntry> {
        let Ok(m) = self.known.lock() else { return Vec::new() };
        let mut out: Vec<CacheEntry> = m
            .iter()
            .map(|(key, e)| {
                let files = e
                    .variants
                    .iter()
                    .map(|v| (format!("{}x{}.{}", v.width, v.height, v.format.ext()), v.bytes.clone()))
                    .collect();
                (format!("{key:032x}"), files)
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

/// A variant from its cache file name, `<width>x<height>.<ext>`.
fn variant_of(file: &str, bytes: Arc<[u8]>) -> Option<Variant> {
    let (size, ext) = file.split_once('.')?;
    let (w, h) = size.split_once('x')?;
    let format = Format::of_path(file).filter(|f| f.ext() == ext && !matches!(f, Format::Svg | Format::Gif))?;
    let (width, height) = (w.parse().ok()?, h.parse().ok()?);
    (width > 0 && height > 0 && !bytes.is_empty()).then_some(Variant { width, height, format, bytes })
}
