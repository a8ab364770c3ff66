//! WebAssembly harness for `cargo xtask bench`: the engine behind a minimal wasm-bindgen API,
//! driven from `tests/bench/page.html` next to opencc-js.
//!
//! Built twice: with the default `engine` feature, and without it, where every function keeps
//! its signature, its JS glue and its copies of the data but calls nothing from the engine.
//! The difference of the two optimized binaries is the engine's code size.

use std::cell::RefCell;

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

#[cfg(feature = "engine")]
type Loaded = script_convert::Converter;
#[cfg(not(feature = "engine"))]
type Loaded = Vec<Vec<u8>>;

thread_local! {
    static CONVERTER: RefCell<Option<Loaded>> = const { RefCell::new(None) };
    static INPUT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Copies the files into wasm memory and prepares a converter for `config` from them
/// (`Converter::from_files`). Replaces the previous converter.
#[wasm_bindgen]
pub fn load(config: &str, names: Vec<String>, files: Vec<Uint8Array>) -> Result<(), JsError> {
    if names.len() != files.len() {
        return Err(JsError::new(&format!(
            "{config}: {} names for {} files",
            names.len(),
            files.len()
        )));
    }
    let bytes: Vec<Vec<u8>> = files.iter().map(Uint8Array::to_vec).collect();
    let loaded = build(config, &names, bytes)?;
    CONVERTER.with(|c| *c.borrow_mut() = Some(loaded));
    Ok(())
}

#[cfg(feature = "engine")]
fn build(config: &str, names: &[String], bytes: Vec<Vec<u8>>) -> Result<Loaded, JsError> {
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .map(String::as_str)
        .zip(bytes.iter().map(Vec::as_slice))
        .collect();
    script_convert::Converter::from_files(config, &files).map_err(|e| JsError::new(&e.to_string()))
}

#[cfg(not(feature = "engine"))]
fn build(config: &str, names: &[String], bytes: Vec<Vec<u8>>) -> Result<Loaded, JsError> {
    match names.iter().position(|n| n.is_empty()) {
        Some(i) => Err(JsError::new(&format!("{config}: file {i} has no name"))),
        None => Ok(bytes),
    }
}

/// Copies one dictionary file into wasm memory and parses it (`Dictionary::from_bytes`);
/// returns its number of entries.
#[wasm_bindgen]
pub fn prepare_group(name: &str, file: Uint8Array) -> Result<usize, JsError> {
    let bytes = file.to_vec();
    #[cfg(feature = "engine")]
    {
        script_convert::Dictionary::from_bytes(name, &bytes)
            .map(|d| d.len())
            .map_err(|e| JsError::new(&e.to_string()))
    }
    #[cfg(not(feature = "engine"))]
    {
        if name.is_empty() {
            return Err(JsError::new(&format!("no name for {} bytes", bytes.len())));
        }
        Ok(bytes.len())
    }
}

fn with_converter<T>(f: impl FnOnce(&Loaded) -> T) -> Result<T, JsError> {
    CONVERTER.with(|c| {
        c.borrow()
            .as_ref()
            .map(f)
            .ok_or_else(|| JsError::new("call load() first"))
    })
}

#[cfg(feature = "engine")]
fn convert_with(c: &Loaded, text: &str) -> String {
    c.convert(text)
}

#[cfg(not(feature = "engine"))]
fn convert_with(c: &Loaded, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + c.len());
    out.push_str(text);
    out
}

/// Converts a JS string (end to end: UTF-16 → UTF-8 into wasm, conversion, UTF-8 → UTF-16).
#[wasm_bindgen]
pub fn convert(text: &str) -> Result<String, JsError> {
    with_converter(|c| convert_with(c, text))
}

/// Stores `text` in wasm memory for [`run`].
#[wasm_bindgen]
pub fn set_input(text: &str) {
    INPUT.with(|i| {
        let mut i = i.borrow_mut();
        i.clear();
        i.push_str(text);
    });
}

/// Converts the stored input (the conversion alone, no copies across the JS boundary);
/// returns the output's length in bytes.
#[wasm_bindgen]
pub fn run() -> Result<usize, JsError> {
    INPUT.with(|i| with_converter(|c| convert_with(c, &i.borrow()).len()))
}
