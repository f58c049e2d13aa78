//! The size an SVG states, for its `<img>`'s `width` and `height`: the root element's `width`
//! and `height` in pixels (or without unit), else its `viewBox`.

/// The SVG's width and height in pixels, if its root element states them.
pub(super) fn size(bytes: &[u8]) -> Option<(u32, u32)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let number = |v: &str| -> Option<u32> {
        let v = v.trim().trim_end_matches("px");
        let n: f64 = v.parse().ok()?;
        (1.0..100_000.0).contains(&n).then(|| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (attr(tag, "width").and_then(number), attr(tag, "height").and_then(number)) {
        return Some((w, h));
    }
    let view: Vec<&str> = attr(tag, "viewBox")?.split([' ', ',']).filter(|s| !s.is_empty()).collect();
    match view[..] {
        [_, _, w, h] => Some((number(w)?, number(h)?)),
        _ => None,
    }
}

/// The value of attribute `name` in a start tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().last();
        let after = rest[i + name.len()..].trim_start();
        rest = &rest[i + name.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else { continue };
        let value = value.trim_start();
        let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let value = &value[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_width_and_height_or_the_view_box() {
        assert_eq!(size(b"<svg xmlns=\"x\" width=\"120px\" height='80'>"), Some((120, 80)));
        assert_eq!(size(b"<svg viewBox=\"0 0 300 150\" width=\"100%\">"), Some((300, 150)));
        assert_eq!(size(b"<svg stroke-width=\"3\">"), None);
    }
}
