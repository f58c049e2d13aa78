//! The home-screen icon (a PNG) → `favicon.ico`, which browsers ask for at the site's root
//! whether a page links it or not (older ones, feed readers, bookmarks). An ICO file may hold
//! PNG images as they are (every current browser reads them), so it is a small directory of
//! three PNGs drawn from the icon: 16, 32 and 48 pixels square.
//!
//! There is no SVG rasterizer among plansite's dependencies: the theme ships its touch icon as
//! a PNG drawn from its SVG, and a site that gives its own `icon:` gives its own `touch_icon:`
//! too (docs/content.md); both icons come from the same picture.

use fast_image_resize as fr;
use image::{DynamicImage, ImageEncoder};

/// The sizes of the pictures in `favicon.ico`, in pixels (square).
pub(crate) const SIZES: [u32; 3] = [16, 32, 48];

/// `favicon.ico` holding `png` at each of [`SIZES`], or why it cannot be made.
pub(crate) fn ico(png: &[u8]) -> Result<Vec<u8>, String> {
    let image = super::encode::decode(png)?;
    let source = DynamicImage::ImageRgba8(image.to_rgba8());
    drop(image);
    let mut resizer = fr::Resizer::new();
    let options = fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    let mut pictures = Vec::new();
    for size in SIZES {
        let mut dst = DynamicImage::new(size, size, source.color());
        resizer.resize(&source, &mut dst, &options).map_err(|e| format!("it could not be resized: {e}"))?;
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        )
        .write_image(dst.as_bytes(), size, size, dst.color().into())
        .map_err(|e| format!("it could not be encoded: {e}"))?;
        pictures.push((size, out));
    }
    Ok(pack(&pictures))
}

/// An ICO file of PNG pictures (size, bytes): the 6-byte header (reserved, type 1 = icon,
/// count), one 16-byte entry per picture (width and height, 0 meaning 256; no palette; one
/// plane; 32 bits per pixel; the PNG's length and offset), then the PNGs.
fn pack(pictures: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&(pictures.len() as u16).to_le_bytes());
    let mut offset = 6 + 16 * pictures.len();
    for (size, png) in pictures {
        let side = if *size >= 256 { 0 } else { *size as u8 };
        out.extend_from_slice(&[side, side, 0, 0]);
        out.extend_from_slice(&1u16.to_le_bytes());
        out.extend_from_slice(&32u16.to_le_bytes());
        out.extend_from_slice(&(png.len() as u32).to_le_bytes());
        out.extend_from_slice(&(offset as u32).to_le_bytes());
        offset += png.len();
    }
    for (_, png) in pictures {
        out.extend_from_slice(png);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // The file is an icon directory whose entries point at whole PNGs of the stated sizes.
    #[test]
    fn ico_holds_a_png_of_each_size() {
        let mut png = Vec::new();
        let pixels = image::RgbaImage::from_pixel(180, 180, image::Rgba([200, 30, 30, 255]));
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(pixels.as_raw(), 180, 180, image::ExtendedColorType::Rgba8)
            .unwrap();
        let ico = ico(&png).unwrap();
        assert_eq!(&ico[..6], &[0, 0, 1, 0, 3, 0]);
        for (i, size) in SIZES.iter().enumerate() {
            let e = &ico[6 + 16 * i..6 + 16 * (i + 1)];
            assert_eq!(u32::from(e[0]), *size);
            assert_eq!(u32::from(e[1]), *size);
            let len = u32::from_le_bytes([e[8], e[9], e[10], e[11]]) as usize;
            let at = u32::from_le_bytes([e[12], e[13], e[14], e[15]]) as usize;
            let picture = image::load_from_memory_with_format(&ico[at..at + len], image::ImageFormat::Png).unwrap();
            assert_eq!((picture.width(), picture.height()), (*size, *size));
        }
    }

    #[test]
    fn a_file_that_is_no_picture_is_refused() {
        assert!(ico(b"not a png").is_err());
    }
}
