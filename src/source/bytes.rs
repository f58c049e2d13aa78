//! A source file's bytes as the tree keeps them: shared, and, for a text file that is UTF-8,
//! kept as text, checked once when read. A body or a YAML file is read as text many times in a
//! build (parse, search index, render, check); each read of bytes as text checked all of them
//! again.

use std::sync::Arc;

/// The bytes of one source file, shared: a copy of the tree, or of a body read from it, is the
/// very same allocation (the parse cache recognises unchanged files by it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileBytes {
    /// A text file (by its extension) that is UTF-8.
    Text(Arc<str>),
    /// Any other file: an image, a document, text that is not UTF-8.
    Other(Arc<[u8]>),
}

impl FileBytes {
    /// A file's bytes, kept as text if it is a text file (`text_file`) and they are UTF-8.
    pub(crate) fn new(bytes: Vec<u8>, text_file: bool) -> FileBytes {
        if !text_file {
            return FileBytes::Other(Arc::from(bytes));
        }
        match String::from_utf8(bytes) {
            Ok(text) => FileBytes::Text(Arc::from(text)),
            Err(e) => FileBytes::Other(Arc::from(e.into_bytes())),
        }
    }

    /// The text, if the file is a text file in UTF-8.
    pub(crate) fn text(&self) -> Option<&Arc<str>> {
        match self {
            FileBytes::Text(text) => Some(text),
            FileBytes::Other(_) => None,
        }
    }

    /// The text, or why the bytes are not UTF-8 (checked only for a file not kept as text).
    pub(crate) fn as_str(&self) -> Result<&str, std::str::Utf8Error> {
        match self {
            FileBytes::Text(text) => Ok(text),
            FileBytes::Other(bytes) => std::str::from_utf8(bytes),
        }
    }

    /// The bytes, shared (the same allocation, whichever the kind).
    pub(crate) fn shared(&self) -> Arc<[u8]> {
        match self {
            FileBytes::Text(text) => Arc::from(text.clone()),
            FileBytes::Other(bytes) => bytes.clone(),
        }
    }

    /// Whether `a` and `b` are the very same bytes (one allocation), not only equal ones.
    pub(crate) fn same(a: &FileBytes, b: &FileBytes) -> bool {
        match (a, b) {
            (FileBytes::Text(a), FileBytes::Text(b)) => Arc::ptr_eq(a, b),
            (FileBytes::Other(a), FileBytes::Other(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Text(text) => text.as_bytes(),
            FileBytes::Other(bytes) => bytes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_kept_as_text_once_checked_and_shared_without_a_copy() {
        let text = FileBytes::new("朝のあいさつ".as_bytes().to_vec(), true);
        assert_eq!(text.text().map(|t| &**t), Some("朝のあいさつ"));
        assert_eq!(&*text, "朝のあいさつ".as_bytes());
        // The shared bytes are the text's allocation.
        let (a, b) = (text.shared(), text.shared());
        assert!(Arc::ptr_eq(&a, &b) && std::ptr::eq(a.as_ptr(), text.as_ptr()));
        assert!(FileBytes::same(&text, &text.clone()));
        assert!(!FileBytes::same(&text, &FileBytes::new("朝のあいさつ".as_bytes().to_vec(), true)));
        // Not UTF-8, or not a text file: bytes.
        let latin1 = FileBytes::new(vec![b'a', 0xe9], true);
        assert!(latin1.text().is_none() && *latin1 == [b'a', 0xe9]);
        assert!(FileBytes::new(b"<svg/>".to_vec(), false).text().is_none());
    }
}
