//! OpenCC-exact Traditional/Simplified Chinese conversion with compact, lazily
//! loaded dictionaries.
//!
//! - [`Converter`] converts text with one of the OpenCC 1.4.2 configurations
//!   ([`CONFIG_NAMES`]); build it from compiled dictionary files with
//!   [`Converter::from_files`] (WebAssembly) or from the text dictionaries with
//!   [`compile::Leaves::converter`].
//! - [`Dictionary`] is one compiled dictionary group (format: `FORMAT.md`).
//! - [`compile`] turns OpenCC's text dictionaries into dictionary files.
//! - `cli` (native only) implements `article-widget convert` and `dict build`.

#![forbid(unsafe_code)]

pub mod compile;
pub mod config;
mod convert;
pub mod crc32;
pub mod dict;
mod error;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod fuzz_harness;

pub use config::{TofuRisk, CONFIG_NAMES};
pub use convert::{Chosen, ChosenEntry, Converter, Stream};
pub use dict::Dictionary;
pub use error::Error;
