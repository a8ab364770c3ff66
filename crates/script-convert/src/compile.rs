//! The dictionary compiler: OpenCC text dictionaries -> flattened groups -> files.
//!
//! It parses text dictionaries the way OpenCC's `TextDict` does, derives the
//! tables that OpenCC generates at build time (following `data/scripts/*.py` and
//! `data/dictionary/BUILD.bazel` of OpenCC 1.4.2) and flattens each group of
//! `config.rs` into one sorted key -> value table whose longest-prefix matches
//! equal the group's `short_circuit` / `union` semantics.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::config::{self, GroupSpec, Member, Policy, TofuRisk};
use crate::dict::{encode, Dictionary, Entry};
use crate::{Converter, Error};

/// Text dictionary files shipped in `data/opencc/dictionary/` (without `.txt`).
pub const TEXT_DICTIONARIES: &[&str] = &[
    "CJK_Compatibility_Ideographs",
    "HKPhrases",
    "HKPhrasesRev",
    "HKVariants",
    "HKVariantsPhrases",
    "HKVariantsRevPhrases",
    "JPShinjitaiCharacters",
    "JPShinjitaiPhrases",
    "STCharacters",
    "STPhrases",
    "TSCharacters",
    "TSPhrases",
    "TWPhrases",
    "TWPhrasesRev",
    "TWVariants",
    "TWVariantsPhrases",
    "TWVariantsRevPhrases",
];

/// A leaf dictionary: sorted unique keys with their default (first) value.
pub type Leaf = Vec<(String, String)>;

fn text_err(file: &str, line: usize, reason: impl Into<String>) -> Error {
    Error::TextDictionary {
        file: file.to_string(),
        line,
        reason: reason.into(),
    }
}

/// One line of a text dictionary as OpenCC's lexicon parser reads it:
/// `key<TAB>value[ value...]`; the first value is the default.
fn parse_lines(file: &str, text: &str) -> Result<Vec<(String, Vec<String>)>, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        let line = line.split('\r').next().unwrap_or("");
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, values)) = line.split_once('\t') else {
            return Err(text_err(file, n + 1, "no tab between key and value"));
        };
        out.push((
            key.to_string(),
            values.split(' ').map(str::to_string).collect(),
        ));
    }
    Ok(out)
}

fn sorted_unique(file: &str, mut entries: Vec<(String, String)>) -> Result<Leaf, Error> {
    entries.retain(|(k, _)| !k.is_empty());
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for w in entries.windows(2) {
        if w[0].0 == w[1].0 {
            return Err(text_err(file, 0, format!("duplicated key {:?}", w[0].0)));
        }
    }
    Ok(entries)
}

/// Parses a text dictionary into a sorted leaf (OpenCC `TextDict::NewFromFile`).
pub fn parse_text_dict(file: &str, text: &str) -> Result<Leaf, Error> {
    let lines = parse_lines(file, text)?;
    let entries = lines
        .into_iter()
        .map(|(k, mut v)| (k, v.swap_remove(0)))
        .collect();
    sorted_unique(file, entries)
}

/// Reverses a dictionary as OpenCC's `reverse.py` does: every value becomes a key
/// whose values are the original keys in file order; `# @reverse-prefer: K [V]`
/// moves `V` (default `K`) to the front of `K`'s values.
pub fn reverse_dict(file: &str, text: &str) -> Result<Leaf, Error> {
    const PREFIX: &str = "# @reverse-prefer:";
    let mut order: Vec<String> = Vec::new();
    let mut rev: HashMap<String, Vec<String>> = HashMap::new();
    let mut prefs: Vec<(String, String)> = Vec::new();
    for (n, raw) in text.split('\n').enumerate() {
        let line = raw.trim_end_matches(['\r', '\n']);
        if let Some(rest) = line.strip_prefix(PREFIX) {
            let fields: Vec<&str> = rest.split_whitespace().collect();
            if fields.is_empty() || fields.len() > 2 {
                return Err(text_err(file, n + 1, "invalid @reverse-prefer annotation"));
            }
            let (k, v) = (fields[0].to_string(), fields[fields.len() - 1].to_string());
            prefs.retain(|(pk, _)| *pk != k);
            prefs.push((k, v));
        }
        if line.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        let Some((key, values)) = line.split_once('\t') else {
            return Err(text_err(file, n + 1, "no tab between key and value"));
        };
        for v in values.split(' ') {
            match rev.get_mut(v) {
                Some(keys) => keys.push(key.to_string()),
                None => {
                    order.push(v.to_string());
                    rev.insert(v.to_string(), vec![key.to_string()]);
                }
            }
        }
    }
    for (k, v) in prefs {
        let keys = rev
            .get_mut(&k)
            .filter(|keys| keys.contains(&v))
            .ok_or_else(|| {
                text_err(
                    file,
                    0,
                    format!("reverse preference {k} -> {v} has no matching mapping"),
                )
            })?;
        if let Some(pos) = keys.iter().position(|x| *x == v) {
            let p = keys.remove(pos);
            keys.insert(0, p);
        }
    }
    let entries = order
        .into_iter()
        .map(|k| {
            let first = rev
                .get(&k)
                .and_then(|v| v.first())
                .cloned()
                .unwrap_or_default();
            (k, first)
        })
        .collect();
    sorted_unique(&format!("{file} (reversed)"), entries)
}

/// `TSCharactersExt`: the mapping line after each `# @tofu-risk:` annotation, with
/// the key itself removed from its values (OpenCC's `extract_tofu_risk.py`).
pub fn tofu_risk_extension(file: &str, text: &str) -> Result<Leaf, Error> {
    const PREFIX: &str = "# @tofu-risk:";
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut entries = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.starts_with(PREFIX) {
            continue;
        }
        let mapping = lines.get(i + 1).copied().unwrap_or("");
        if mapping.trim().is_empty() || mapping.starts_with('#') {
            return Err(text_err(file, i + 1, "expected a mapping after @tofu-risk"));
        }
        let Some((key, values)) = mapping.trim_end_matches('\n').split_once('\t') else {
            return Err(text_err(file, i + 2, "no tab between key and value"));
        };
        let mut values: Vec<&str> = values.split_whitespace().collect();
        if values.first() == Some(&key) {
            values.remove(0);
        }
        let Some(first) = values.first() else {
            return Err(text_err(
                file,
                i + 1,
                "expected an extension mapping after @tofu-risk",
            ));
        };
        entries.push((key.to_string(), first.to_string()));
    }
    sorted_unique(&format!("{file} (tofu-risk extension)"), entries)
}

/// All leaf dictionaries (shipped and derived), by OpenCC file name without extension.
#[derive(Debug, Clone, Default)]
pub struct Leaves {
    pub leaves: BTreeMap<String, Leaf>,
}

impl Leaves {
    /// Builds every leaf from the text dictionaries. `texts` maps a name of
    /// [`TEXT_DICTIONARIES`] to the file's contents.
    pub fn from_texts(texts: &BTreeMap<String, String>) -> Result<Leaves, Error> {
        let get = |name: &str| -> Result<&str, Error> {
            texts
                .get(name)
                .map(String::as_str)
                .ok_or_else(|| Error::Io {
                    path: format!("{name}.txt"),
                    message: "text dictionary missing from the data directory".into(),
                })
        };
        let mut leaves = BTreeMap::new();
        for name in TEXT_DICTIONARIES {
            leaves.insert(
                name.to_string(),
                parse_text_dict(&format!("{name}.txt"), get(name)?)?,
            );
        }
        for name in ["TWVariants", "HKVariants", "JPShinjitaiCharacters"] {
            leaves.insert(
                format!("{name}Rev"),
                reverse_dict(&format!("{name}.txt"), get(name)?)?,
            );
        }
        leaves.insert(
            "TSCharactersExt".into(),
            tofu_risk_extension("TSCharacters.txt", get("TSCharacters")?)?,
        );
        let mut this = Leaves { leaves };
        let generated = this.generate_st_phrases_from_regional(texts)?;
        this.leaves
            .insert("STPhrases_GeneratedFromRegionalPhrases".into(), generated);
        Ok(this)
    }

    /// Reads `<dir>/<name>.txt` for every text dictionary.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_dir(dir: &std::path::Path) -> Result<Leaves, Error> {
        let mut texts = BTreeMap::new();
        for name in TEXT_DICTIONARIES {
            let path = dir.join(format!("{name}.txt"));
            let text = std::fs::read_to_string(&path).map_err(|e| Error::Io {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
            texts.insert(name.to_string(), text);
        }
        Leaves::from_texts(&texts)
    }

    fn leaf(&self, name: &str) -> Result<&Leaf, Error> {
        self.leaves
            .get(name)
            .ok_or_else(|| text_err(name, 0, "unknown dictionary"))
    }

    /// `STPhrases_GeneratedFromRegionalPhrases` (OpenCC's
    /// `generate_st_phrases_from_regional_phrases.py`): the keys of HKPhrases and
    /// TWPhrases converted with t2s (tofu-risk dictionaries included); projections
    /// shorter than 3 characters are dropped; key = projection, value = the
    /// first regional key that produced it.
    fn generate_st_phrases_from_regional(
        &self,
        texts: &BTreeMap<String, String>,
    ) -> Result<Leaf, Error> {
        let t2s = Converter::new(
            "t2s",
            &[
                Arc::new(self.group_dictionary("norm")?),
                Arc::new(self.group_dictionary("ts")?),
            ],
        )?;
        let mut order: Vec<String> = Vec::new();
        let mut sources: HashMap<String, Vec<String>> = HashMap::new();
        for name in ["HKPhrases", "TWPhrases"] {
            let text = texts.get(name).map(String::as_str).unwrap_or("");
            // Python's `Dict().iter`: file order, comments and blank lines skipped.
            for (key, _) in parse_lines(&format!("{name}.txt"), text)? {
                let converted = t2s.convert(&key);
                if converted.chars().count() < 3 {
                    continue;
                }
                match sources.get_mut(&converted) {
                    Some(v) => v.push(key),
                    None => {
                        order.push(converted.clone());
                        sources.insert(converted, vec![key]);
                    }
                }
            }
        }
        let mut conflicts: Vec<String> = Vec::new();
        for (k, v) in &sources {
            if v.iter().collect::<HashSet<_>>().len() > 1 {
                conflicts.push(format!("{k}: {}", v.join(" ")));
            }
        }
        if !conflicts.is_empty() {
            conflicts.sort();
            return Err(text_err(
                "STPhrases_GeneratedFromRegionalPhrases",
                0,
                format!(
                    "conflicting regional phrase simplified projections: {}",
                    conflicts.join("; ")
                ),
            ));
        }
        let entries = order
            .into_iter()
            .map(|k| {
                let v = sources
                    .get(&k)
                    .and_then(|v| v.first())
                    .cloned()
                    .unwrap_or_default();
                (k, v)
            })
            .collect();
        sorted_unique("STPhrases_GeneratedFromRegionalPhrases", entries)
    }

    fn member(&self, m: &Member) -> Result<Leaf, Error> {
        match m {
            Member::Leaf(name) => Ok(self.leaf(name)?.clone()),
            Member::Union(names) => {
                let mut map: BTreeMap<String, String> = BTreeMap::new();
                for name in names.iter() {
                    for (k, v) in self.leaf(name)? {
                        map.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
                Ok(map.into_iter().collect())
            }
        }
    }

    /// Flattens a group into one table whose longest-prefix match at any position
    /// equals the group's match policy:
    /// - `union`: longest match over all members, ties to the earlier member, so
    ///   the key set is the union and a duplicate key keeps the earlier value;
    /// - `short_circuit`: the first member with *any* match wins, so a key of a
    ///   later member is dropped when one of its prefixes (itself included) is a
    ///   key of an earlier member: wherever it could match, that prefix matches too.
    pub fn flatten(&self, group: &GroupSpec) -> Result<Vec<Entry>, Error> {
        let mut table: BTreeMap<String, (String, u8)> = BTreeMap::new();
        for (part, m) in group.members.iter().enumerate() {
            let entries = self.member(m)?;
            let earlier: HashSet<&str> = table.keys().map(String::as_str).collect();
            let mut add: Vec<(String, String)> = Vec::new();
            for (k, v) in entries {
                let keep = match group.policy {
                    Policy::Union => !earlier.contains(k.as_str()),
                    Policy::ShortCircuit => !k
                        .char_indices()
                        .map(|(i, c)| &k[..i + c.len_utf8()])
                        .any(|prefix| earlier.contains(prefix)),
                };
                if keep {
                    add.push((k, v));
                }
            }
            for (k, v) in add {
                table.insert(k, (v, part as u8));
            }
        }
        Ok(table
            .into_iter()
            .map(|(key, (value, part))| Entry { key, value, part })
            .collect())
    }

    /// Compiles one group into the bytes of its dictionary file.
    ///
    /// Single-character keys that map to themselves are left out unless they
    /// belong to the first member (the one segmentation uses): matching such a key
    /// copies the character and advances by one, exactly what happens when no key
    /// matches, so the output cannot change.
    pub fn compile_group(&self, id: &str) -> Result<Vec<u8>, Error> {
        let group = config::group(id).ok_or_else(|| text_err(id, 0, "unknown dictionary group"))?;
        let mut entries = self.flatten(group)?;
        entries.retain(|e| e.part == 0 || e.key != e.value || e.key.chars().nth(1).is_some());
        encode(group.id, &entries)
    }

    /// Compiles and loads one group.
    pub fn group_dictionary(&self, id: &str) -> Result<Dictionary, Error> {
        Dictionary::from_bytes(&format!("{id} (compiled)"), &self.compile_group(id)?)
    }

    /// Builds a converter for `config` straight from the text dictionaries.
    pub fn converter(&self, config_name: &str) -> Result<Converter, Error> {
        self.converter_with(config_name, TofuRisk::Include)
    }

    /// Like [`Leaves::converter`], choosing whether tofu-risk dictionaries take part.
    pub fn converter_with(&self, config_name: &str, tofu: TofuRisk) -> Result<Converter, Error> {
        let spec = config::config(config_name).ok_or_else(|| Error::UnknownConfig {
            name: config_name.into(),
        })?;
        let dicts = spec
            .groups_with(tofu)
            .into_iter()
            .map(|g| self.group_dictionary(g).map(Arc::new))
            .collect::<Result<Vec<_>, _>>()?;
        Converter::with_tofu_risk(config_name, tofu, &dicts)
    }
}
