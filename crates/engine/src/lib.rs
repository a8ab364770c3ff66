//! The widget's conversion engine, built as its own small WebAssembly module
//! (`www/pkg/article_widget_engine*`). The widget's module never links the converter: it
//! loads this module on a reader's first switch away from the published text, hands it the
//! dictionary files it fetched, and asks it to convert the article's strings. A page whose
//! readers never switch downloads none of it.
//!
//! The API is small and typed with plain JS values: `loadGroup` checks and keeps one
//! dictionary file, `convert` runs a plan of OpenCC configs (with the publisher's overrides
//! and, when asked, the target's quote marks) over a list of pieces of text (with their flags,
//! as `article_convert::units` lists them: runs convert as a whole, `keep` pieces not at all).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use article_convert::{run_chain, slice, units, ConvertOptions, Overrides, Script};
use script_convert::{config, crc32::crc32, Converter, Dictionary};
use wasm_bindgen::prelude::*;

/// The widget shows text to readers, so OpenCC's `may_output_tofu` dictionaries stay out.
pub use article_convert::slice::TOFU;

#[derive(Default)]
struct Engine {
    groups: HashMap<String, Arc<Dictionary>>,
    converters: HashMap<&'static str, Converter>,
    sliced: SliceCache,
}

/// Converters built from an article's slice, with the slice's declared input CRC, by the plan,
/// the slice's whole content (as `slice::to_flat` lists it) and the deployed CRCs.
type SliceCache = HashMap<String, (String, Vec<Converter>)>;

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

/// Converts `texts` (pieces, with `flags` as `article_convert::units` gives them: one per
/// piece) with the configs of `plan` in order (their groups must be loaded), the
/// overrides given as parallel `terms` and `forms` lists (a term is replaced by its form and
/// never converted), into `target` (`hans`, `hant`, `hant-tw`, `hant-hk`), with the target's
/// quote marks when `quote_marks` is set.
#[wasm_bindgen]
pub fn convert(
    plan: Vec<String>,
    texts: Vec<String>,
    flags: Vec<u32>,
    terms: Vec<String>,
    forms: Vec<String>,
    target: &str,
    quote_marks: bool,
) -> Result<Vec<String>, JsError> {
    let (target, pairs) = request(target, terms, forms)?;
    check_flags(&texts, &flags).map_err(error)?;
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
        Ok(convert_with(
            &texts, &flags, &overrides, target, options, &chain,
        ))
    })
}

/// One flag per text.
fn check_flags(texts: &[String], flags: &[u32]) -> Result<(), String> {
    if texts.len() == flags.len() {
        Ok(())
    } else {
        Err(format!("{} texts for {} flags", texts.len(), flags.len()))
    }
}

/// The pieces converted by `chain` and the overrides.
fn convert_with(
    texts: &[String],
    flags: &[u32],
    overrides: &Overrides,
    target: Script,
    options: ConvertOptions,
    chain: &[&Converter],
) -> Vec<String> {
    units::convert_pieces(texts, flags, target, options, &mut |run, out| {
        out.push_str(&overrides.apply(run, |piece, o| run_chain(chain, piece, o)))
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
    flags: Vec<u32>,
    terms: Vec<String>,
    forms: Vec<String>,
    target: &str,
    quote_marks: bool,
) -> Result<Vec<String>, JsError> {
    let (target, pairs) = request(target, terms, forms)?;
    check_flags(&texts, &flags).map_err(error)?;
    let request = SlicedRequest {
        plan,
        slice,
        deployed,
        texts,
        flags,
        pairs,
        target,
        quote_marks,
    };
    ENGINE
        .with(|e| convert_sliced_with(&mut e.borrow_mut().sliced, request))
        .map_err(error)
}

/// The arguments of one [`convert_sliced`] call, parsed.
struct SlicedRequest {
    plan: Vec<String>,
    slice: Vec<String>,
    deployed: Vec<String>,
    texts: Vec<String>,
    flags: Vec<u32>,
    pairs: Vec<(String, String)>,
    target: Script,
    quote_marks: bool,
}

/// [`convert_sliced`] with the cache of built slice converters `cache`: plain Rust, so that
/// native tests run it.
fn convert_sliced_with(cache: &mut SliceCache, r: SlicedRequest) -> Result<Vec<String>, String> {
    let input = slice::input_crc(r.texts.iter().map(String::as_str), &r.flags, &r.pairs);
    let chain = sliced_chain(cache, &r.plan, r.slice, &r.deployed, &input, r.target)?;
    let chain: Vec<&Converter> = chain.iter().collect();
    let overrides = Overrides::from_pairs(r.pairs);
    let options = ConvertOptions {
        quote_marks: r.quote_marks,
    };
    Ok(convert_with(
        &r.texts, &r.flags, &overrides, r.target, options, &chain,
    ))
}

/// The converters of the slice `flat` for `plan`: checked and built on first use, then taken
/// from `cache`; `input` is the CRC-32 of the text being converted ([`slice::input_crc`]).
fn sliced_chain<'c>(
    cache: &'c mut SliceCache,
    plan: &[String],
    flat: Vec<String>,
    deployed: &[String],
    input: &str,
    target: Script,
) -> Result<&'c [Converter], String> {
    // The key is everything the converters are built and checked from, length-prefixed so
    // that it is unambiguous, and compared in full on a hit. The slice's declared `crc32` is
    // not enough: a forged slice with the same CRC-32 (easy to make) and a copied `input`
    // would be served, or serve, another article's converters.
    let mut key = String::new();
    for s in [plan, &flat, deployed] {
        key.push_str(&format!("{}:", s.len()));
        for s in s {
            key.push_str(&format!("{}:{s}", s.len()));
        }
    }
    if !cache.contains_key(&key) {
        let slice = slice::from_flat(flat).ok_or_else(|| "malformed slice".to_owned())?;
        let configs: Vec<&str> = plan.iter().map(String::as_str).collect();
        let groups: Vec<&str> = slice.groups.iter().map(|g| g.group.as_str()).collect();
        let deployed_of = |g: &str| {
            groups
                .iter()
                .position(|x| *x == g)
                .and_then(|i| deployed.get(i).cloned())
        };
        let built = slice::sliced_converters(&slice, &configs, &deployed_of)?;
        cache.insert(key.clone(), (slice.input, built));
    }
    let (declared, chain) = &cache[&key];
    if declared != input {
        return Err(format!(
            "the slice for {} was made from other text (input {declared}, the article's is {input}); run `article-widget prepare` again",
            target.as_str()
        ));
    }
    Ok(chain)
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

    const SEED: &str = include_str!("../../../www/article.json");

    /// `slice` with the value of its first non-first-member entry replaced by `FORGED` and 12 characters
    /// chosen (from `@A…O`, 4 free bits each: CRC-32 is affine, so flipping a bit XORs the
    /// CRC with a constant) so that its content's CRC-32 is `want`; it declares `want`.
    fn forge(slice: &article_model::Slice, want: u32) -> article_model::Slice {
        let g = slice
            .groups
            .iter()
            .position(|g| !g.other.is_empty())
            .expect("an entry");
        let other = slice.groups[g].other.clone();
        let with = |nibbles: &[u8]| {
            let value: String = "FORGED"
                .chars()
                .chain(nibbles.iter().map(|n| char::from(0x40 | n)))
                .collect();
            let mut tokens: Vec<&str> = other.split(' ').collect();
            tokens[1] = &value;
            let mut s = slice.clone();
            s.groups[g].other = tokens.join(" ");
            s
        };
        let crc = |s: &article_model::Slice| u32::from_str_radix(&slice::slice_crc(s), 16).unwrap();
        let base = crc(&with(&[0; 12]));
        // Gaussian elimination over GF(2): each basis row is (delta, which bits make it).
        let mut basis: Vec<(u32, u64)> = Vec::new();
        let reduce = |basis: &[(u32, u64)], mut v: u32, mut m: u64| {
            for (b, bm) in basis {
                if v ^ b < v {
                    v ^= b;
                    m ^= bm;
                }
            }
            (v, m)
        };
        for bit in 0..48 {
            let mut nibbles = [0u8; 12];
            nibbles[bit / 4] = 1 << (bit % 4);
            let (v, m) = reduce(&basis, crc(&with(&nibbles)) ^ base, 1 << bit);
            if v != 0 {
                basis.push((v, m));
                basis.sort_by_key(|b| std::cmp::Reverse(b.0));
            }
        }
        let (rest, mask) = reduce(&basis, want ^ base, 0);
        assert_eq!(rest, 0, "no collision from these bits");
        let mut nibbles = [0u8; 12];
        for bit in 0..48 {
            if mask >> bit & 1 == 1 {
                nibbles[bit / 4] |= 1 << (bit % 4);
            }
        }
        let mut forged = with(&nibbles);
        forged.crc32 = format!("{want:08x}");
        forged
    }

    /// A forged slice whose CRC-32 collides with another article's (same
    /// declared CRC, same copied input, one entry changed) must never be served the other's
    /// converters, in either order.
    #[test]
    fn a_colliding_slice_never_shares_converters() {
        let article = article_model::parse_article(SEED).expect("seed");
        let target = Script::Hans;
        let slices = article_convert::native_slices(&article, None).expect("slices");
        let genuine = slice::slice_for(Some(&slices), target)
            .expect("a slice")
            .clone();
        let want = u32::from_str_radix(&genuine.crc32, 16).unwrap();
        let forged = forge(&genuine, want);
        assert_eq!(slice::slice_crc(&forged), genuine.crc32, "a real collision");
        assert_ne!(forged, genuine);

        let plan: Vec<String> = genuine.configs.split('+').map(str::to_owned).collect();
        let deployed: Vec<String> = genuine.groups.iter().map(|g| g.dict.clone()).collect();
        let (texts, flags) = units::visible_pieces(&article);
        let overrides = Overrides::for_target(article.conversion.as_ref(), target);
        let pairs = overrides.pairs().to_vec();
        let same = |got: Vec<String>, want: &[String], what: &str| {
            let diff = got.iter().zip(want).find(|(g, w)| g != w);
            assert!(diff.is_none(), "{what}: {:?}", diff.map(|(g, _)| g));
            assert_eq!(got.len(), want.len());
        };
        let call = |cache: &mut SliceCache, s: &article_model::Slice, texts: &[String]| {
            let request = SlicedRequest {
                plan: plan.clone(),
                slice: slice::to_flat(s),
                deployed: deployed.clone(),
                flags: if texts.len() == flags.len() {
                    flags.clone()
                } else {
                    vec![units::NEW_UNIT; texts.len()]
                },
                texts: texts.to_vec(),
                pairs: pairs.clone(),
                target,
                quote_marks: false,
            };
            convert_sliced_with(cache, request)
        };
        let own = call(&mut SliceCache::default(), &genuine, &texts).expect("genuine");
        let forged_own = call(&mut SliceCache::default(), &forged, &texts).expect("forged");
        assert!(!own.concat().contains("FORGED"));
        assert!(forged_own.concat().contains("FORGED"));

        // The hostile article converts first (its own text does not match the copied input,
        // so it is refused), then the victim's genuine slice.
        let mut cache = SliceCache::default();
        let hostile = vec!["另一篇文章".to_owned()];
        assert!(call(&mut cache, &forged, &hostile).is_err());
        let victim = call(&mut cache, &genuine, &texts).expect("victim");
        same(
            victim,
            &own,
            "the victim was converted with the forged slice",
        );

        // The other order: each slice still converts with its own entries.
        let mut cache = SliceCache::default();
        let victim = call(&mut cache, &genuine, &texts).expect("victim");
        same(victim, &own, "the genuine slice alone");
        let other = call(&mut cache, &forged, &texts).expect("forged");
        same(
            other,
            &forged_own,
            "the forged slice was served the genuine converters",
        );
        let victim = call(&mut cache, &genuine, &texts).expect("victim");
        same(victim, &own, "the victim after the forged slice");
    }
}
