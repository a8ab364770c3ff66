//! Per-article dictionary slices (`conversion.slices`, written by `article-widget prepare`).
//!
//! The converter is max-match at every step, so the dictionary entries it chose while
//! converting an article suffice to convert that article again with the same output
//! ([`script_convert::Chosen`]). A slice holds those entries for one target: a reader's first
//! switch then needs the engine and a few hundred entries instead of the full dictionaries
//! (`st` alone is 215 KB brotli).
//!
//! A slice is used only when everything it was made from is still true, and the full
//! dictionaries are used otherwise ([`sliced_converters`], [`input_crc`]):
//! * its `configs` are the plan the widget runs for this source and target;
//! * it lists exactly the groups of those configs (tofu-risk dictionaries excluded), and each
//!   group's `dict` is the CRC-32 of the deployed full file (so new dictionaries make old
//!   slices unused, not wrong);
//! * its `crc32` matches its content (a hand edit or a truncation is caught);
//! * its `input` matches the text being converted: the visible strings and the target's
//!   overrides (an article edited after `prepare` converts with the full dictionaries);
//! * its entries load like a dictionary file (sorted, unique, every check of the loader).
//!
//! Entries are written `key value key value …` with single spaces: OpenCC's dictionaries
//! never have white space in a key or a value (their text format separates with it), and
//! [`make_slice`] refuses to write one that does.

use article_model::{Article, Slice, SliceGroup, Slices, SLICE_VERSION};
use script_convert::crc32::crc32;
use script_convert::dict::Entry;
use script_convert::{config, Chosen, Converter, Dictionary, TofuRisk};

use crate::{convert_text_with, plan_for, ConvertOptions, Overrides, Script};

/// The widget's tofu-risk mode, in which slices are made and used.
pub const TOFU: TofuRisk = TofuRisk::Exclude;

/// The targets `prepare` writes a slice for (when the plan converts).
pub const TARGETS: [Script; 4] = [Script::Hans, Script::Hant, Script::HantTw, Script::HantHk];

/// The dictionary groups `configs` use, in first-use order (in the widget's tofu mode).
pub fn plan_groups(configs: &[&str]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for c in configs {
        for g in config::config(c)
            .map(|s| s.groups_with(TOFU))
            .unwrap_or_default()
        {
            if !out.contains(&g) {
                out.push(g);
            }
        }
    }
    out
}

fn field(buf: &mut Vec<u8>, s: &str) {
    buf.extend_from_slice(&(s.len() as u32).to_le_bytes());
    buf.extend_from_slice(s.as_bytes());
}

fn hex(v: u32) -> String {
    format!("{v:08x}")
}

/// CRC-32 of what a conversion for one target reads: the pieces of text (the article's
/// visible pieces, in order, see [`crate::units`]), how they make units and runs (`flags`,
/// only when some unit has more than one piece or a kept piece, so that a document of plain
/// strings keeps the CRC it always had) and the (term, form) pairs of the overrides, each
/// length-prefixed.
pub fn input_crc<'a>(
    texts: impl ExactSizeIterator<Item = &'a str>,
    flags: &[u32],
    pairs: &[(String, String)],
) -> String {
    let mut buf = Vec::new();
    buf.extend_from_slice(&(texts.len() as u32).to_le_bytes());
    for t in texts {
        field(&mut buf, t);
    }
    if flags.iter().any(|&f| f != crate::units::NEW_UNIT) {
        buf.extend_from_slice(&(flags.len() as u32).to_le_bytes());
        for f in flags {
            buf.extend_from_slice(&f.to_le_bytes());
        }
    }
    buf.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
    for (t, f) in pairs {
        field(&mut buf, t);
        field(&mut buf, f);
    }
    hex(crc32(&buf))
}

/// CRC-32 of a slice's content: target, configs, input, then each group's id, dict, first
/// and other, each length-prefixed.
pub fn slice_crc(slice: &Slice) -> String {
    let mut buf = Vec::new();
    for s in [&slice.target, &slice.configs, &slice.input] {
        field(&mut buf, s);
    }
    for g in &slice.groups {
        for s in [&g.group, &g.dict, &g.first, &g.other] {
            field(&mut buf, s);
        }
    }
    hex(crc32(&buf))
}

/// Runs `converters` in order on `piece`, recording every entry chosen.
fn record_chain(converters: &[&Converter], piece: &str, out: &mut String, chosen: &mut Chosen) {
    let mut cur = piece.to_owned();
    for (i, c) in converters.iter().enumerate() {
        if i + 1 == converters.len() {
            c.convert_recording(&cur, out, chosen);
            return;
        }
        let mut next = String::new();
        c.convert_recording(&cur, &mut next, chosen);
        cur = next;
    }
    out.push_str(&cur);
}

/// The slice of `article` for `target`, recorded with `converters` (the plan's configs, built
/// from the full dictionaries in the widget's tofu mode); `dict_crc(group)` is the CRC-32 of
/// the full file of each group. `None` when the plan converts nothing.
pub fn make_slice(
    article: &Article,
    target: Script,
    converters: &[&Converter],
    dict_crc: &dyn Fn(&str) -> Option<u32>,
) -> Result<Option<Slice>, String> {
    let Some(configs) = plan_for(article, target).filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let names: Vec<&str> = converters.iter().map(|c| c.config_name()).collect();
    if names != configs {
        return Err(format!(
            "converters {names:?} are not the plan {configs:?} for {}",
            target.as_str()
        ));
    }
    let overrides = Overrides::for_target(article.conversion.as_ref(), target);
    let (texts, flags) = crate::units::visible_pieces(article);
    let mut chosen = Chosen::default();
    for t in &crate::units::converted_inputs(&texts, &flags) {
        convert_text_with(
            t,
            &overrides,
            target,
            ConvertOptions::default(),
            &mut |piece, out| record_chain(converters, piece, out, &mut chosen),
        );
    }
    let mut groups = Vec::new();
    for g in plan_groups(configs) {
        let dict = dict_crc(g).ok_or_else(|| format!("no dictionary file for group {g}"))?;
        let (mut first, mut other) = (String::new(), String::new());
        for (key, e) in chosen.groups.get(g).into_iter().flatten() {
            if key.chars().chain(e.value.chars()).any(char::is_whitespace) {
                return Err(format!(
                    "group {g}: the entry {key:?} → {:?} has white space, which a slice cannot hold",
                    e.value
                ));
            }
            let list = if e.first_member {
                &mut first
            } else {
                &mut other
            };
            if !list.is_empty() {
                list.push(' ');
            }
            list.push_str(key);
            list.push(' ');
            list.push_str(&e.value);
        }
        groups.push(SliceGroup {
            group: g.to_owned(),
            dict: hex(dict),
            first,
            other,
        });
    }
    let mut slice = Slice {
        target: target.as_str().to_owned(),
        configs: configs.join("+"),
        input: input_crc(texts.iter().map(String::as_str), &flags, overrides.pairs()),
        crc32: String::new(),
        groups,
    };
    slice.crc32 = slice_crc(&slice);
    Ok(Some(slice))
}

/// Builds a plan's converters from the full dictionaries (tofu-risk ones excluded).
pub type BuildConverters<'a> = &'a dyn Fn(&[&str]) -> Result<Vec<Converter>, String>;

/// Every target's slice of `article`; `converters(configs)` builds a plan's converters from
/// the full dictionaries (tofu-risk ones excluded).
pub fn make_slices(
    article: &Article,
    converters: BuildConverters<'_>,
    dict_crc: &dyn Fn(&str) -> Option<u32>,
) -> Result<Slices, String> {
    let mut targets = Vec::new();
    for target in TARGETS {
        let Some(configs) = plan_for(article, target).filter(|p| !p.is_empty()) else {
            continue;
        };
        let built = converters(configs)?;
        let refs: Vec<&Converter> = built.iter().collect();
        targets.extend(make_slice(article, target, &refs, dict_crc)?);
    }
    Ok(Slices {
        version: SLICE_VERSION,
        targets,
    })
}

/// The slice of `slices` for `target`, when the document has one this version reads.
pub fn slice_for(slices: Option<&Slices>, target: Script) -> Option<&Slice> {
    let s = slices.filter(|s| s.version == SLICE_VERSION)?;
    s.targets.iter().find(|t| t.target == target.as_str())
}

fn entries(file: &str, text: &str, first: bool) -> Result<Vec<Entry>, String> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let tokens: Vec<&str> = text.split(' ').collect();
    if tokens.len() % 2 != 0 || tokens.iter().any(|t| t.is_empty()) {
        return Err(format!("{file}: not `key value …` pairs"));
    }
    Ok(tokens
        .chunks_exact(2)
        .map(|kv| Entry {
            key: kv[0].to_owned(),
            value: kv[1].to_owned(),
            part: if first { 0 } else { 1 },
        })
        .collect())
}

/// Checks `slice` against the plan `configs` the widget runs and the deployed dictionaries
/// (`deployed(group)`: the CRC-32 of the full file, as `dict/manifest.json` lists it), and
/// builds its converters, one per config. Any mismatch is an error naming it: the caller then
/// uses the full dictionaries. The input is checked per conversion with [`input_crc`].
pub fn sliced_converters(
    slice: &Slice,
    configs: &[&str],
    deployed: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<Converter>, String> {
    let t = &slice.target;
    if slice.configs != configs.join("+") {
        return Err(format!(
            "the slice for {t} is for {}, the widget runs {}",
            slice.configs,
            configs.join("+")
        ));
    }
    let actual = slice_crc(slice);
    if actual != slice.crc32 {
        return Err(format!(
            "the slice for {t} has CRC-32 {actual}, it lists {}: it was changed after `prepare`",
            slice.crc32
        ));
    }
    let groups = plan_groups(configs);
    let listed: Vec<&str> = slice.groups.iter().map(|g| g.group.as_str()).collect();
    if listed != groups {
        return Err(format!(
            "the slice for {t} has groups {listed:?}, the configs use {groups:?}"
        ));
    }
    let mut dicts = Vec::new();
    for g in &slice.groups {
        let file = format!("slice {t}/{}", g.group);
        match deployed(&g.group) {
            Some(d) if d == g.dict => {}
            d => {
                return Err(format!(
                    "{file} was made from dictionary {}, the deployed one is {}",
                    g.dict,
                    d.as_deref().unwrap_or("missing")
                ))
            }
        }
        let mut list = entries(&file, &g.first, true)?;
        list.extend(entries(&file, &g.other, false)?);
        let dict = Dictionary::from_entries(&file, &g.group, list).map_err(|e| e.to_string())?;
        dicts.push(std::sync::Arc::new(dict));
    }
    configs
        .iter()
        .map(|c| Converter::with_tofu_risk(c, TOFU, &dicts).map_err(|e| e.to_string()))
        .collect()
}

/// A slice as a flat list of strings (target, configs, input, crc32, then group, dict, first,
/// other per group): how the widget hands it to the engine module.
pub fn to_flat(slice: &Slice) -> Vec<String> {
    let mut out = vec![
        slice.target.clone(),
        slice.configs.clone(),
        slice.input.clone(),
        slice.crc32.clone(),
    ];
    for g in &slice.groups {
        out.extend([
            g.group.clone(),
            g.dict.clone(),
            g.first.clone(),
            g.other.clone(),
        ]);
    }
    out
}

/// The inverse of [`to_flat`]; `None` when the list has the wrong length.
pub fn from_flat(flat: Vec<String>) -> Option<Slice> {
    if flat.len() < 4 || (flat.len() - 4) % 4 != 0 {
        return None;
    }
    let mut it = flat.into_iter();
    let mut next = || it.next().unwrap_or_default();
    let (target, configs, input, crc32) = (next(), next(), next(), next());
    let mut groups = Vec::new();
    loop {
        let group = next();
        if group.is_empty() {
            break;
        }
        groups.push(SliceGroup {
            group,
            dict: next(),
            first: next(),
            other: next(),
        });
    }
    Some(Slice {
        target,
        configs,
        input,
        crc32,
        groups,
    })
}
