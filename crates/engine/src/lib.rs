//! The widget's conversion engine, built as its own small WebAssembly module
//! (`www/pkg/article_widget_engine*`). The widget's module never links the converter: it
//! loads this module on a reader's first switch away from the published text, hands it the
//! dictionary files it fetched, and asks it to convert the article's strings. A page whose
//! readers never switch downloads none of it.
//!
//! The API is small and typed with plain JS values: `loadGroup` checks and keeps one
//! dictionary file, `convert` runs a plan of OpenCC configs (with the publisher's overrides
//! and, when asked, the target's quote marks) over a list of strings.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use article_convert::{convert_text_with, run_chain, slice, ConvertOptions, Overrides, Script};
use script_convert::{config, crc32::crc32, Converter, Dictionary};
use wasm_bindgen::prelude::*;

/// The widget shows text to readers, so OpenCC's `may_output_tofu` dictionaries stay out.
pub use article_convert::slice::TOFU;

#[derive(Default)]
struct Engine {
    groups: HashMap<String, Arc<Dictionary>>,
    converters: HashMap<&'static str, Converter>,
    /// Converters built from an article's slice, by the slice's CRC-32, with the slice's
    /// declared input CRC.
    sliced: HashMap<String, (String, Vec<Converter>)>,
}

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::default());
}

fn error(message: String) -> JsError {
    JsError::new(&message)
}

/// The dictionary groups a config needs (in the widget's tofu-risk mode).
#[wasm_bindgen(js_name = groupsOf)]
pub fn groups_of(config: &str) -> Result<Vec<String>, JsError> {
    let spec = config::config(config).ok_or_else(|| error(format!("unknown config {config}")))?;
    Ok(spec
        .groups_with(TOFU)
        .into_iter()
        .map(str::to_owned)
        .collect())
}

/// Checks one fetched dictionary file against the manifest's size and CRC-32 (lower-case
/// hex) and its own header, and keeps it for the group `group`. Throws, naming the file and
/// the problem, when anything does not match; nothing is kept then.
#[wasm_bindgen(js_name = loadGroup)]
pub fn load_group(
    group: &str,
    file: &str,
    size: u32,
    crc: &str,
    bytes: &[u8],
) -> Result<(), JsError> {
    let dict = check_group(group, file, size, crc, bytes).map_err(error)?;
    ENGINE.with(|e| {
        e.borrow_mut()
            .groups
            .insert(group.to_owned(), Arc::new(dict))
    });
    Ok(())
}

/// Whether `group` is loaded.
#[wasm_bindgen(js_name = hasGroup)]
pub fn has_group(group: &str) -> bool {
    ENGINE.with(|e| e.borrow().groups.contains_key(group))
}

fn check_group(
    group: &str,
    file: &str,
    size: u32,
    crc: &str,
    bytes: &[u8],
) -> Result<Dictionary, String> {
    if bytes.len() as u64 != u64::from(size) {
        return Err(format!(
            "{file}: {} bytes, the manifest lists {size}",
            bytes.len()
        ));
    }
    let actual = format!("{:08x}", crc32(bytes));
    if actual != crc {
        return Err(format!("{file}: CRC-32 {actual}, the manifest lists {crc}"));
    }
    let dict = Dictionary::from_bytes(file, bytes).map_err(|e| e.to_string())?;
    if dict.id() != group {
        return Err(format!(
            "{file}: holds group {}, expected {group}",
            dict.id()
        ));
    }
    Ok(dict)
}

fn converter<'e>(engine: &'e mut Engine, name: &str) -> Result<&'e Converter, String> {
    let spec = config::config(name).ok_or_else(|| format!("unknown config {name}"))?;
    if !engine.converters.contains_key(spec.name) {
        let dicts: Vec<Arc<Dictionary>> = spec
            .groups_with(TOFU)
            .into_iter()
            .filter_map(|g| engine.groups.get(g).cloned())
            .collect();
        let c = Converter::with_tofu_risk(spec.name, TOFU, &dicts).map_err(|e| e.to_string())?;
        engine.converters.insert(spec.name, c);
    }
    engine
        .converters
        .get(spec.name)
        .ok_or_else(|| format!("no converter for {name}"))
}

/// The target script and the publisher's overrides as term → form pairs, from a call's
/// arguments (parallel `terms` and `forms` lists).
fn request(
    target: &str,
    terms: Vec<String>,
    forms: Vec<String>,
) -> Result<(Script, Vec<(String, String)>), JsError> {
    let script = Script::parse(target).ok_or_else(|| error(format!("unknown script {target}")))?;
    if terms.len() != forms.len() {
        return Err(error(format!(
            "{} terms for {} forms",
            terms.len(),
            forms.len()
        )));
    }
    Ok((script, terms.into_iter().zip(forms).collect()))
}

/// Converts `texts` with the configs of `plan` in order (their groups must be loaded), the
/// overrides given as parallel `terms` and `forms` lists (a term is replaced by its form and
/// never converted), into `target` (`hans`, `hant`, `hant-tw`, `hant-hk`), with the target's
/// quote marks when `quote_marks` is set.
#[wasm_bindgen]
pub fn convert(
    plan: Vec<String>,
    texts: Vec<String>,
    terms: Vec<String>,
    forms: Vec<String>,
    target: &str,
    quote_marks: bool,
) -> Result<Vec<String>, JsError> {
    let (target, pairs) = request(target, terms, forms)?;
    let overrides = Overrides::from_pairs(pairs);
    let options = ConvertOptions { quote_marks };
    ENGINE.with(|e| {
        let mut engine = e.borrow_mut();
        for name in &plan {
            converter(&mut engine, name).map_err(error)?;
        }
        let chain: Vec<&Converter> = plan
            .iter()
            .filter_map(|n| config::config(n).and_then(|s| engine.converters.get(s.name)))
            .collect();
        Ok(texts
            .iter()
            .map(|t| {
                convert_text_with(t, &overrides, target, options, &mut |piece, out| {
                    run_chain(&chain, piece, out)
                })
            })
            .collect())
    })
}

/// Converts `texts` like [`convert`], with the converters of an article's dictionary slice
/// (`conversion.slices`, see `article_convert::slice`) instead of the full dictionaries.
/// `slice` is the slice as `article_convert::slice::to_flat` lists it; `deployed` gives, for
/// each of its groups in order, the CRC-32 of the deployed full file (`dict/manifest.json`).
/// Throws, naming the mismatch, when the slice is not for `plan`, was changed, was made from
/// other dictionaries or another text: the widget then uses the full dictionaries.
#[wasm_bindgen(js_name = convertSliced)]
#[allow(clippy::too_many_arguments)]
pub fn convert_sliced(
    plan: Vec<String>,
    slice: Vec<String>,
    deployed: Vec<String>,
    texts: Vec<String>,
    terms: Vec<String>,
    forms: Vec<String>,
    target: &str,
    quote_marks: bool,
) -> Result<Vec<String>, JsError> {
    let (target, pairs) = request(target, terms, forms)?;
    let slice = slice::from_flat(slice).ok_or_else(|| error("malformed slice".to_owned()))?;
    let input = slice::input_crc(texts.iter().map(String::as_str), &pairs);
    let overrides = Overrides::from_pairs(pairs);
    let options = ConvertOptions { quote_marks };
    // The plan is part of the key: a slice is checked against the plan it is used for.
    let key = format!("{}/{}", slice.crc32, plan.join("+"));
    ENGINE.with(|e| {
        let mut engine = e.borrow_mut();
        if !engine.sliced.contains_key(&key) {
            let configs: Vec<&str> = plan.iter().map(String::as_str).collect();
            let groups: Vec<&str> = slice.groups.iter().map(|g| g.group.as_str()).collect();
            let deployed_of = |g: &str| {
                groups
                    .iter()
                    .position(|x| *x == g)
                    .and_then(|i| deployed.get(i).cloned())
            };
            let built = slice::sliced_converters(&slice, &configs, &deployed_of).map_err(error)?;
            engine
                .sliced
                .insert(key.clone(), (slice.input.clone(), built));
        }
        let (declared, chain) = &engine.sliced[&key];
        if *declared != input {
            return Err(error(format!(
                "the slice for {} was made from other text (input {declared}, the article's is {input}); run `article-widget prepare` again",
                target.as_str()
            )));
        }
        let chain: Vec<&Converter> = chain.iter().collect();
        Ok(texts
            .iter()
            .map(|t| {
                convert_text_with(t, &overrides, target, options, &mut |piece, out| {
                    run_chain(&chain, piece, out)
                })
            })
            .collect())
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_file_must_match_its_manifest_entry() {
        let leaves = script_convert::compile::Leaves::from_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../script-convert/data/opencc/dictionary"),
        )
        .expect("dictionaries");
        let bytes = leaves.compile_group("norm").expect("norm");
        let crc = format!("{:08x}", crc32(&bytes));
        let size = bytes.len() as u32;
        assert!(check_group("norm", "norm.scd", size, &crc, &bytes).is_ok());
        let e = check_group("norm", "norm.scd", size + 1, &crc, &bytes).unwrap_err();
        assert!(e.contains("manifest lists"), "{e}");
        let e = check_group("norm", "norm.scd", size, "00000000", &bytes).unwrap_err();
        assert!(e.contains("CRC-32"), "{e}");
        let e = check_group("st", "norm.scd", size, &crc, &bytes).unwrap_err();
        assert!(e.contains("expected st"), "{e}");
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        let crc2 = format!("{:08x}", crc32(&flipped));
        assert!(check_group("norm", "norm.scd", size, &crc2, &flipped).is_err());
    }
}
