//! One photo's bytes → its variants: decoded (within limits), turned upright by its EXIF
//! orientation, resized with a Lanczos filter to each of [`WIDTHS`] below its own width and to
//! its own width capped at the largest, and encoded again: JPEG at quality 80 and lossy WebP at
//! quality 80 for a JPEG; PNG and lossless WebP for a PNG; lossy WebP at quality 80 for a lossy
//! WebP and lossless WebP for a lossless one. Only pixels are carried over: no EXIF, XMP,
//! comment or colour profile reaches a variant.
//!
//! Why libwebp (the `webp` crate) encodes the WebP variants: the `image` crate writes lossless
//! WebP only, which for a photo is about ten times the size of its JPEG (docs/content.md has the
//! figures); libwebp's lossy WebP is about half the JPEG's size.

use super::{Format, Variant, WIDTHS};
use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder, ImageEncoder};

/// Quality of the JPEG and lossy WebP variants.
const QUALITY: u8 = 80;

/// The variants of a photo in `format` (the format its name says), or why it cannot be read.
pub(super) fn encode(bytes: &[u8], format: Format) -> Result<super::memo::Encoded, String> {
    let found = image::guess_format(bytes).map_err(|_| "this file is not a JPEG, PNG or WebP image".to_string())?;
    let actual = match found {
        image::ImageFormat::Jpeg => Format::Jpeg,
        image::ImageFormat::Png => Format::Png,
        image::ImageFormat::WebP => Format::WebP,
        other => return Err(format!("this file is a {other:?} image, which plansite does not publish")),
    };
    if actual != format {
        return Err(format!(
            "the file's name says {} but it is a {} image; rename it to end in .{}",
            format.ext().to_uppercase(),
            actual.ext().to_uppercase(),
            actual.ext()
        ));
    }
    let lossless = match actual {
        Format::Png => true,
        Format::WebP => webp_is_lossless(bytes),
        _ => false,
    };
    let image = decode(bytes)?;
    let (width, height) = (image.width(), image.height());
    let largest = width.min(WIDTHS[WIDTHS.len() - 1]);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < largest).collect();
    widths.push(largest);
    let alpha = image.color().has_alpha() && actual != Format::Jpeg;
    let source =
        if alpha { DynamicImage::ImageRgba8(image.to_rgba8()) } else { DynamicImage::ImageRgb8(image.to_rgb8()) };
    drop(image);
    let mut variants = Vec::new();
    let mut resizer = fr::Resizer::new();
    for w in widths {
        let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width)).max(1) as u32;
        let resized = if w == width {
            source.clone()
        } else {
            let mut dst = DynamicImage::new(w, h, source.color());
            let options = fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
            resizer.resize(&source, &mut dst, &options).map_err(|e| format!("it could not be resized: {e}"))?;
            dst
        };
        if actual != Format::WebP {
            variants.push(Variant { width: w, height: h, format: actual, bytes: own(&resized, actual)?.into() });
        }
        let webp = to_webp(&resized, lossless)?;
        variants.push(Variant { width: w, height: h, format: Format::WebP, bytes: webp.into() });
    }
    let mut encoded = super::memo::Encoded { variants };
    encoded.variants.sort_by_key(|v| (v.format != actual, v.format, v.width));
    Ok(encoded)
}

/// Decodes an image within limits (a small file may declare a gigantic picture) and turns it
/// upright by its EXIF orientation.
pub(super) fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(1 << 30);
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("it could not be read: {e}"))?;
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| format!("it could not be read: {e}"))?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| format!("it could not be read: {e}"))?;
    image.apply_orientation(orientation);
    if image.width() == 0 || image.height() == 0 {
        return Err("it has no pixels".into());
    }
    Ok(image)
}

/// The picture in its own format (JPEG or PNG), with nothing but the pixels.
fn own(image: &DynamicImage, format: Format) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let (w, h) = (image.width(), image.height());
    let color = image.color().into();
    let result = match format {
        Format::Png => image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        )
        .write_image(image.as_bytes(), w, h, color),
        _ => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY).write_image(
            image.as_bytes(),
            w,
            h,
            color,
        ),
    };
    result.map_err(|e| format!("it could not be encoded: {e}"))?;
    Ok(out)
}

/// The picture as WebP: lossless for a drawing (PNG, lossless WebP), lossy for a photo.
fn to_webp(image: &DynamicImage, lossless: bool) -> Result<Vec<u8>, String> {
    let (w, h) = (image.width(), image.height());
    let encoder = match image {
        DynamicImage::ImageRgba8(i) => webp::Encoder::from_rgba(i.as_raw(), w, h),
        DynamicImage::ImageRgb8(i) => webp::Encoder::from_rgb(i.as_raw(), w, h),
        _ => return Err("it has an unexpected pixel format".into()),
    };
    let quality = if lossless { 75.0 } else { f32::from(QUALITY) };
    let memory =
        encoder.encode_simple(lossless, quality).map_err(|e| format!("it could not be encoded as WebP: {e:?}"))?;
    Ok(memory.to_vec())
}

/// Whether a WebP file is lossless: its image is a `VP8L` chunk (directly, or after `VP8X`).
fn webp_is_lossless(bytes: &[u8]) -> bool {
    let mut at = 12;
    while let Some(chunk) = bytes.get(at..at + 8) {
        match &chunk[..4] {
            b"VP8L" => return true,
            b"VP8 " => return false,
            _ => {}
        }
        let len = u32::from_le_bytes([chunk[4], chunk[5], chunk[6], chunk[7]]) as usize;
        at += 8 + len + (len & 1);
    }
    false
}
