//! The system's errors in the editor's language: an `io::Error` becomes a message of the
//! catalogues for the common kinds (a missing file, no permission, a full disk, a port in
//! use…), so a Japanese sentence does not end in "No such file or directory (os error 2)".
//! An error of another kind keeps the system's own words and code, introduced as such.

use super::Msg;
use crate::diag::msg;
use std::io::{Error, ErrorKind};

/// What went wrong, as a message of the catalogues (see the module's documentation).
pub fn io_error(e: &Error) -> Msg {
    // Kinds the standard library does not name on every version or system: by the POSIX
    // error number (the same on Linux and macOS).
    #[cfg(unix)]
    match e.raw_os_error() {
        Some(23 | 24) => return msg!("io-too-many-open-files"),
        Some(28) => return msg!("io-storage-full"),
        Some(30) => return msg!("io-read-only"),
        _ => {}
    }
    match e.kind() {
        ErrorKind::NotFound => msg!("io-not-found"),
        ErrorKind::PermissionDenied => msg!("io-permission-denied"),
        ErrorKind::AlreadyExists => msg!("io-already-exists"),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => msg!("io-storage-full"),
        ErrorKind::ReadOnlyFilesystem => msg!("io-read-only"),
        ErrorKind::FileTooLarge => msg!("io-file-too-large"),
        ErrorKind::InvalidData => msg!("io-invalid-data"),
        ErrorKind::UnexpectedEof => msg!("io-unexpected-eof"),
        ErrorKind::DirectoryNotEmpty => msg!("io-directory-not-empty"),
        ErrorKind::NotADirectory => msg!("io-not-a-directory"),
        ErrorKind::IsADirectory => msg!("io-is-a-directory"),
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => msg!("io-busy"),
        ErrorKind::Interrupted => msg!("io-interrupted"),
        ErrorKind::TimedOut => msg!("io-timed-out"),
        ErrorKind::AddrInUse => msg!("io-addr-in-use"),
        ErrorKind::AddrNotAvailable => msg!("io-addr-not-available"),
        ErrorKind::ConnectionRefused
        | ErrorKind::ConnectionReset
        | ErrorKind::ConnectionAborted
        | ErrorKind::BrokenPipe
        | ErrorKind::NotConnected => msg!("io-connection"),
        ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable | ErrorKind::NetworkDown => {
            msg!("io-network")
        }
        ErrorKind::OutOfMemory => msg!("io-out-of-memory"),
        // The system's own words, with its error number when there is one.
        _ => msg!("io-other", text = e.to_string()),
    }
}

/// An error of walking a folder: a loop of links, or the system's error (see [`io_error`]).
pub fn walk_error(e: &walkdir::Error) -> Msg {
    match e.io_error() {
        Some(io) => io_error(io),
        None => msg!("io-link-loop"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Lang;

    // The common kinds read as sentences of their own in Japanese, without the system's words;
    // another kind keeps them, introduced as the system's.
    #[test]
    fn system_errors_are_said_in_the_editors_language() {
        let not_found = io_error(&Error::from(ErrorKind::NotFound)).render(Lang::Ja);
        assert_eq!(not_found, "ファイルまたはフォルダーがありません");
        #[cfg(unix)]
        {
            let full = io_error(&Error::from_raw_os_error(28));
            assert!(full.render(Lang::Ja).contains("いっぱい"), "{}", full.render(Lang::Ja));
            assert!(full.en().contains("full"), "{}", full.en());
            let files = io_error(&Error::from_raw_os_error(24)).render(Lang::Ja);
            assert!(files.contains("上限"), "{files}");
            let denied = io_error(&Error::from_raw_os_error(13)).render(Lang::Ja);
            assert!(!denied.contains("Permission") && !denied.contains("os error"), "{denied}");
        }
        let other = io_error(&Error::other("something odd"));
        assert!(other.render(Lang::Ja).contains("something odd"));
        assert!(other.render(Lang::Ja).contains("原文"));
        assert_eq!(other.en(), "something odd");
    }
}
