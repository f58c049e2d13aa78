use super::*;
use image::ImageEncoder;

/// EXIF (big-endian TIFF) with orientation 6 (turn 90° clockwise to view) and a GPS block:
/// latitude N 35° 39′ 29.31″ and a map datum that names a place.
fn exif() -> Vec<u8> {
    let mut t = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    // IFD0 at 8: orientation, pointer to the GPS IFD (at 38).
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
    t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    t.extend_from_slice(&0u32.to_be_bytes());
    // GPS IFD at 38: latitude ref, latitude (at 80), map datum (at 104).
    t.extend_from_slice(&3u16.to_be_bytes());
    t.extend_from_slice(&[0x00, 0x01, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    t.extend_from_slice(&[0x00, 0x02, 0, 5, 0, 0, 0, 3, 0, 0, 0, 80]);
    let datum = b"PLANSITE-SECRET-PLACE\0";
    t.extend_from_slice(&[0x00, 0x12, 0, 2, 0, 0, 0, datum.len() as u8, 0, 0, 0, 104]);
    t.extend_from_slice(&0u32.to_be_bytes());
    for (n, d) in [(35u32, 1u32), (39, 1), (2931, 100)] {
        t.extend_from_slice(&n.to_be_bytes());
        t.extend_from_slice(&d.to_be_bytes());
    }
    t.extend_from_slice(datum);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&t);
    app1
}

/// A `width`×`height` JPEG, red in its top-left quarter and blue elsewhere, with [`exif`] in an
/// APP1 segment right after SOI, as a phone writes it.
fn phone_jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        if x < width / 2 && y < height / 2 {
            image::Rgb([220, 30, 30])
        } else {
            image::Rgb([30, 30, 220])
        }
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .write_image(img.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    let app1 = exif();
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

/// The markers of a JPEG's segments up to the image data.
fn jpeg_markers(bytes: &[u8]) -> Vec<u8> {
    let mut markers = Vec::new();
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        at += 2 + u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]) as usize;
    }
    markers
}

/// The chunk names of a WebP file.
fn webp_chunks(bytes: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let mut at = 12;
    while at + 8 <= bytes.len() {
        names.push(String::from_utf8_lossy(&bytes[at..at + 4]).into_owned());
        let len = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap()) as usize;
        at += 8 + len + (len & 1);
    }
    names
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

// The test: a 4000-pixel phone photo with GPS in its EXIF gives variants without EXIF
// (no APP1, no GPS bytes), turned upright (orientation 6: 4000×3000 is shown 3000×4000), in the
// designed widths, with the sizes its `<img>` states.
#[test]
fn a_phone_photo_loses_its_exif_and_gps_and_is_turned_upright_and_resized() {
    let source = phone_jpeg(4000, 3000);
    assert!(contains(&source, b"PLANSITE-SECRET-PLACE") && contains(&source, b"Exif\0\0"));
    let encoded = encode::encode(&source, Format::Jpeg).unwrap();
    let sizes: Vec<(Format, u32, u32)> = encoded.variants.iter().map(|v| (v.format, v.width, v.height)).collect();
    assert_eq!(
        sizes,
        [
            (Format::Jpeg, 480, 640),
            (Format::Jpeg, 960, 1280),
            (Format::Jpeg, 1600, 2133),
            (Format::WebP, 480, 640),
            (Format::WebP, 960, 1280),
            (Format::WebP, 1600, 2133),
        ]
    );
    for v in &encoded.variants {
        assert!(!contains(&v.bytes, b"PLANSITE-SECRET"), "GPS bytes in the {}w {:?}", v.width, v.format);
        assert!(!contains(&v.bytes, b"Exif"), "EXIF in the {}w {:?}", v.width, v.format);
        assert!(!contains(&v.bytes, &[0x00, 0x00, 0x00, 0x23, 0x00, 0x00, 0x00, 0x01]), "GPS rational");
        match v.format {
            Format::Jpeg => {
                let markers = jpeg_markers(&v.bytes);
                assert!(!markers.contains(&0xE1), "an APP1 segment: {markers:x?}");
                assert!(markers.iter().all(|m| !(0xE1..=0xEF).contains(m) && *m != 0xFE), "{markers:x?}");
            }
            _ => {
                let chunks = webp_chunks(&v.bytes);
                assert!(chunks.iter().all(|c| c == "VP8 " || c == "VP8L" || c == "VP8X" || c == "ALPH"), "{chunks:?}");
            }
        }
        // What the file is, is what the `<img>` will say.
        let decoded = image::load_from_memory(&v.bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (v.width, v.height));
    }
    // Turned upright: the red top-left corner of the sensor is the top-right of the picture.
    let small = image::load_from_memory(&encoded.variants[0].bytes).unwrap().to_rgb8();
    let (top_right, top_left) = (small.get_pixel(470, 10), small.get_pixel(10, 10));
    assert!(top_right[0] > 150 && top_right[2] < 100, "top right {top_right:?}");
    assert!(top_left[2] > 150 && top_left[0] < 100, "top left {top_left:?}");

    // The page's `<img>`: the largest variant at the photo's own name, every variant in srcset.
    let p = published("content/images/visit.jpg", &encoded);
    let html = img_html(&p, "訪問の様子", SIZES, &|path| format!("../../{path}"));
    assert_eq!(
        html,
        "<picture><source type=\"image/webp\" srcset=\"../../images/visit.480w.webp 480w, \
         ../../images/visit.960w.webp 960w, ../../images/visit.1600w.webp 1600w\" sizes=\"(min-width: 48rem) \
         46rem, calc(100vw - 2rem)\"><img src=\"../../images/visit.jpg\" srcset=\"../../images/visit.480w.jpg \
         480w, ../../images/visit.960w.jpg 960w, ../../images/visit.jpg 1600w\" sizes=\"(min-width: 48rem) \
         46rem, calc(100vw - 2rem)\" width=\"1600\" height=\"2133\" alt=\"訪問の様子\" loading=\"lazy\" \
         decoding=\"async\"></picture>"
    );
    let names: Vec<&str> = p.files().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "images/visit.480w.jpg",
            "images/visit.960w.jpg",
            "images/visit.jpg",
            "images/visit.480w.webp",
            "images/visit.960w.webp",
            "images/visit.1600w.webp"
        ]
    );
}

// A picture narrower than the largest width is never enlarged: its own width is the largest
// variant. A PNG keeps its transparency and gets lossless WebP, and loses its text chunks.
#[test]
fn a_small_png_is_not_enlarged_and_keeps_its_alpha() {
    let img = image::RgbaImage::from_fn(600, 400, |x, _| image::Rgba([0, 90, 160, if x < 300 { 255 } else { 0 }]));
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(img.as_raw(), 600, 400, image::ExtendedColorType::Rgba8)
        .unwrap();
    // A tEXt chunk with a location, before IEND.
    let text = b"tEXtComment\0lat 35.6";
    let mut chunk = (text.len() as u32 - 4).to_be_bytes().to_vec();
    chunk.extend_from_slice(text);
    chunk.extend_from_slice(&[0, 0, 0, 0]);
    let end = png.len() - 12;
    png.splice(end..end, chunk);
    let encoded = encode::encode(&png, Format::Png).unwrap();
    let sizes: Vec<(Format, u32, u32)> = encoded.variants.iter().map(|v| (v.format, v.width, v.height)).collect();
    assert_eq!(
        sizes,
        [(Format::Png, 480, 320), (Format::Png, 600, 400), (Format::WebP, 480, 320), (Format::WebP, 600, 400)]
    );
    for v in &encoded.variants {
        assert!(!contains(&v.bytes, b"lat 35.6"));
        let decoded = image::load_from_memory(&v.bytes).unwrap().to_rgba8();
        assert_eq!(decoded.get_pixel(v.width - 1, 0)[3], 0, "transparency lost in {:?}", v.format);
        assert_eq!(decoded.get_pixel(0, 0), &image::Rgba([0, 90, 160, 255]), "lossless {:?}", v.format);
    }
    let p = published("content/maps/area.png", &encoded);
    assert_eq!((p.src.as_str(), p.size), ("maps/area.png", Some((600, 400))));
}

// A file whose name says JPEG but holds a PNG, and a file that is no image, are refused with a
// reason an editor can act on.
#[test]
fn a_misnamed_or_broken_file_is_refused_with_a_reason() {
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&[0, 0, 0], 1, 1, image::ExtendedColorType::Rgb8)
        .unwrap();
    let e = encode::encode(&png, Format::Jpeg).unwrap_err();
    assert!(e.contains("rename it to end in .png"), "{e}");
    let e = encode::encode(b"not an image", Format::Jpeg).unwrap_err();
    assert!(e.contains("not a JPEG, PNG or WebP"), "{e}");
    let mut cut = phone_jpeg(64, 48);
    cut.truncate(cut.len() / 2);
    assert!(encode::encode(&cut, Format::Jpeg).is_err());
}

// The disk cache holds what the memo holds: written out and read back, an entry gives the same
// variants (so the next build publishes the same bytes without encoding).
#[test]
fn the_disk_cache_gives_back_what_was_encoded() {
    let source = phone_jpeg(1000, 500);
    let encoded = Arc::new(encode::encode(&source, Format::Jpeg).unwrap());
    let memo = ImageMemo::default();
    memo.put(memo::key(&source), encoded.clone());
    let entries = memo.entries();
    assert_eq!(entries.len(), 1);
    let names: Vec<&str> = entries[0].1.iter().map(|(n, _)| n.as_str()).collect();
    // (The photo is turned upright: 1000×500 with orientation 6 is 500×1000.)
    assert_eq!(names, ["480x960.jpg", "500x1000.jpg", "480x960.webp", "500x1000.webp"]);
    let mut shuffled = entries.clone();
    shuffled[0].1.reverse();
    shuffled.push(("not-a-key".into(), vec![("1x1.jpg".into(), Arc::from(&b"x"[..]))]));
    let read = ImageMemo::default();
    read.load(shuffled);
    let back = read.get(memo::key(&source)).unwrap();
    let files = |e: &memo::Encoded| e.variants.iter().map(|v| (v.format, v.width, v.bytes.clone())).collect::<Vec<_>>();
    assert_eq!(files(&back), files(&encoded));
    assert_eq!(read.entries().len(), 1, "a folder of another name is passed over");
    // Another version of the encoder, or other bytes, is another key.
    assert_ne!(memo::key(&source), memo::key(&source[..source.len() - 1]));
}

// The markup escapes what it writes, and marks an alt text shown in another language.
#[test]
fn the_markup_escapes_and_marks_the_alt_language() {
    let v = Variant { width: 10, height: 5, format: Format::Gif, bytes: Arc::from(&b"GIF"[..]) };
    let p =
        Processed { src: "images/a\"b.gif".into(), size: Some((10, 5)), files: vec![("images/a\"b.gif".into(), v)] };
    let html = img_tag(&p, "<script>\"", Some("ja"), SIZES, &|s| format!("x\"/{s}"));
    assert_eq!(
        html,
        "<img src=\"x&quot;/images/a%22b.gif\" width=\"10\" height=\"5\" alt=\"&lt;script&gt;&quot;\" lang=\"ja\" \
         loading=\"lazy\" decoding=\"async\">"
    );
}
