//! A GIF without what it may carry besides its pictures: comment blocks and application blocks
//! (XMP among them) are dropped; the frames, their timing and the `NETSCAPE2.0` loop count are
//! kept byte for byte. GIFs are not resized (an animation would have to be re-encoded frame by
//! frame, losing quality): they are published at their own size.

/// The GIF without comments and foreign application blocks, and its width and height.
pub(super) fn strip(bytes: &[u8]) -> Result<(Vec<u8>, u32, u32), String> {
    let bad = || "this file is not a complete GIF image".to_string();
    if !(bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) || bytes.len() < 13 {
        return Err(bad());
    }
    let width = u32::from(u16::from_le_bytes([bytes[6], bytes[7]]));
    let height = u32::from(u16::from_le_bytes([bytes[8], bytes[9]]));
    let flags = bytes[10];
    let mut at = 13 + color_table(flags);
    let mut out = bytes.get(..at).ok_or_else(bad)?.to_vec();
    loop {
        match *bytes.get(at).ok_or_else(bad)? {
            // Trailer.
            0x3B => {
                out.push(0x3B);
                break;
            }
            // Image: descriptor, local colour table, LZW code size, data sub-blocks.
            0x2C => {
                let descriptor = bytes.get(at..at + 10).ok_or_else(bad)?;
                let end = at + 10 + color_table(descriptor[9]) + 1;
                let end = sub_blocks(bytes, end).ok_or_else(bad)?;
                out.extend_from_slice(&bytes[at..end]);
                at = end;
            }
            // Extension: label, then sub-blocks.
            0x21 => {
                let label = *bytes.get(at + 1).ok_or_else(bad)?;
                let end = sub_blocks(bytes, at + 2).ok_or_else(bad)?;
                let keep = match label {
                    0xFE => false,
                    0xFF => bytes.get(at + 3..at + 14).is_some_and(|id| id == b"NETSCAPE2.0" || id == b"ANIMEXTS1.0"),
                    _ => true,
                };
                if keep {
                    out.extend_from_slice(&bytes[at..end]);
                }
                at = end;
            }
            _ => return Err(bad()),
        }
    }
    if width == 0 || height == 0 {
        return Err("this GIF has no pixels".into());
    }
    Ok((out, width, height))
}

/// The size of the colour table that `flags` announce.
fn color_table(flags: u8) -> usize {
    if flags & 0x80 != 0 {
        3 << ((flags & 0x07) + 1)
    } else {
        0
    }
}

/// The end of the sub-blocks starting at `at` (after their zero terminator).
fn sub_blocks(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let len = *bytes.get(at)? as usize;
        at += 1 + len;
        if len == 0 {
            return (at <= bytes.len()).then_some(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A comment and an XMP block leave; the picture, its size and the loop count stay.
    #[test]
    fn comments_and_xmp_are_dropped_and_the_picture_kept() {
        let mut gif = b"GIF89a\x02\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff".to_vec();
        gif.extend_from_slice(b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00");
        gif.extend_from_slice(b"\x21\xfe\x0dsecret-place!\x00");
        gif.extend_from_slice(b"\x21\xff\x0bXMP DataXMP\x08lat=35.6\x00");
        let picture = b"\x2c\x00\x00\x00\x00\x02\x00\x01\x00\x00\x02\x02\x44\x01\x00";
        gif.extend_from_slice(picture);
        gif.push(0x3b);
        let (out, w, h) = strip(&gif).unwrap();
        assert_eq!((w, h), (2, 1));
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("secret") && !text.contains("XMP") && !text.contains("lat="), "{text}");
        assert!(text.contains("NETSCAPE2.0"));
        assert!(out.windows(picture.len()).any(|w| w == picture));
        assert!(strip(&gif[..gif.len() - 3]).is_err(), "a cut file is refused");
    }
}
