//! Errors of the conversion engine, the dictionary loader and the dictionary compiler.

use std::fmt;

/// Everything that can go wrong when building a [`crate::Converter`].
///
/// Every message names the problem and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The configuration name is not one of [`crate::CONFIG_NAMES`].
    UnknownConfig { name: String },
    /// The file does not start with the dictionary magic bytes.
    BadMagic { file: String },
    /// The file was written by an incompatible version of the format.
    UnsupportedVersion {
        file: String,
        found: u16,
        supported: u16,
    },
    /// The file is shorter than its header says (or shorter than a header).
    Truncated {
        file: String,
        expected: usize,
        found: usize,
    },
    /// The payload checksum does not match the header.
    ChecksumMismatch {
        file: String,
        expected: u32,
        found: u32,
    },
    /// The payload passed the checksum but is structurally invalid.
    Corrupt { file: String, reason: String },
    /// A dictionary group that the configuration needs was not supplied.
    MissingDictionary { config: String, group: String },
    /// A text dictionary or configuration could not be parsed (compiler only).
    TextDictionary {
        file: String,
        line: usize,
        reason: String,
    },
    /// Reading or writing a file failed (compiler / CLI only).
    Io { path: String, message: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownConfig { name } => write!(
                f,
                "unknown conversion config {name:?}; use one of: {}",
                crate::CONFIG_NAMES.join(", ")
            ),
            Error::BadMagic { file } => write!(
                f,
                "{file}: not a script-convert dictionary (bad magic bytes); \
                 rebuild it with `article-widget dict build`"
            ),
            Error::UnsupportedVersion {
                file,
                found,
                supported,
            } => write!(
                f,
                "{file}: dictionary format version {found} is not supported (this build reads \
                 version {supported}); rebuild the dictionaries with the matching \
                 `article-widget dict build`"
            ),
            Error::Truncated {
                file,
                expected,
                found,
            } => write!(
                f,
                "{file}: truncated dictionary file ({found} bytes, expected {expected}); \
                 re-download or rebuild it"
            ),
            Error::ChecksumMismatch {
                file,
                expected,
                found,
            } => write!(
                f,
                "{file}: checksum mismatch (header says {expected:08x}, payload is {found:08x}); \
                 the file is corrupt, re-download or rebuild it"
            ),
            Error::Corrupt { file, reason } => write!(
                f,
                "{file}: corrupt dictionary ({reason}); rebuild it with `article-widget dict build`"
            ),
            Error::MissingDictionary { config, group } => write!(
                f,
                "config {config} needs the dictionary group {group:?} ({group}.{ext}) but it was \
                 not supplied; fetch every file listed for {config} in manifest.json",
                ext = crate::dict::FILE_EXTENSION
            ),
            Error::TextDictionary { file, line, reason } => {
                write!(
                    f,
                    "{file}:{line}: {reason}; fix the text dictionary or configuration"
                )
            }
            Error::Io { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for Error {}
