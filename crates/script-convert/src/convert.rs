//! The conversion engine: OpenCC 1.4.2's normalization pre-pass, max-match
//! segmentation and conversion chain, over compiled dictionary groups.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use crate::config::{self, ConfigSpec, TofuRisk};
use crate::dict::{decode_at, Dictionary};
use crate::Error;

/// Length in bytes of the complete ideographic description sequence starting at
/// `b[i..end]`, or 0 if `b[i]` does not start one (OpenCC's
/// `NextIdeographicDescriptionSequenceLength`: operators U+2FF0..U+2FFF with
/// arity 1, 2 or 3, nesting depth at most 16, at most 64 code points).
#[inline]
pub(crate) fn ids_len(b: &[u8], i: usize, end: usize) -> usize {
    fn arity(cp: u32) -> usize {
        match cp {
            0x2FF2 | 0x2FF3 => 3,
            0x2FFE | 0x2FFF => 1,
            0x2FF0..=0x2FFD => 2,
            _ => 0,
        }
    }
    fn parse(b: &[u8], i: usize, end: usize, depth_left: usize, cps: &mut usize) -> Option<usize> {
        if i >= end || depth_left == 0 || *cps >= 64 {
            return None;
        }
        let (cp, l) = decode_at(b, i);
        *cps += 1;
        let mut off = l;
        for _ in 0..arity(cp) {
            off += parse(b, i + off, end, depth_left - 1, cps)?;
        }
        Some(off)
    }
    if i >= end || b[i] != 0xE2 || arity(decode_at(b, i).0) == 0 {
        return 0;
    }
    let mut cps = 0;
    parse(b, i, end, 16, &mut cps).unwrap_or(0)
}

/// Where a conversion reports each dictionary entry it chooses: the dictionary, the key's
/// node and the key as it appeared in the text. [`NoSink`] (every ordinary conversion) does
/// nothing and compiles away; [`Chosen`] records the entries for a slice.
pub(crate) trait Sink {
    fn chose(&mut self, d: &Dictionary, node: u32, key: &str);
}

/// The sink of ordinary conversions.
pub(crate) struct NoSink;

impl Sink for NoSink {
    #[inline(always)]
    fn chose(&mut self, _: &Dictionary, _: u32, _: &str) {}
}

/// One entry a conversion chose: its value (resolved, even where the file stores it as the
/// character-by-character conversion of the key) and whether the key belongs to the group's
/// first member (the keys max-match segmentation uses).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChosenEntry {
    pub value: String,
    pub first_member: bool,
}

/// The dictionary entries conversions chose, by group id and key
/// ([`Converter::convert_recording`]).
///
/// The converter is max-match at every step: where it chose key *k*, no longer key matched,
/// and where it chose none, no key matched. A dictionary holding only the chosen entries
/// (with the same values and first-member marks) therefore makes the same choices at the same
/// positions, and converts the same text to the same output: a per-article *slice* of the
/// dictionaries. Entries are merged over every text recorded, so one `Chosen` serves a whole
/// article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chosen {
    pub groups: BTreeMap<String, BTreeMap<String, ChosenEntry>>,
}

impl Sink for Chosen {
    fn chose(&mut self, d: &Dictionary, node: u32, key: &str) {
        let group = match self.groups.get_mut(d.id()) {
            Some(g) => g,
            None => self.groups.entry(d.id().to_owned()).or_default(),
        };
        if !group.contains_key(key) {
            let mut value = String::new();
            d.emit(node, key, &mut value);
            group.insert(
                key.to_owned(),
                ChosenEntry {
                    value,
                    first_member: d.is_first(node),
                },
            );
        }
    }
}

/// One conversion step over a whole text (OpenCC's `Conversion::AppendConverted`):
/// at each position take the longest key; otherwise copy one character or one
/// complete ideographic description sequence.
#[cfg(any(test, not(target_arch = "wasm32")))]
pub(crate) fn convert_step(d: &Dictionary, text: &str, out: &mut String) {
    convert_step_to(d, text, out, &mut NoSink);
}

/// [`convert_step`], reporting each chosen entry to `sink`.
fn convert_step_to<S: Sink>(d: &Dictionary, text: &str, out: &mut String, sink: &mut S) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut copied = 0;
    loop {
        let (p, node, l) = d.next_hit(b, i);
        if p >= n {
            break;
        }
        i = p;
        let m = if node != 0 {
            d.walk(b, i + l, node, false)
        } else {
            None
        };
        match m {
            Some((end, node)) => {
                out.push_str(&text[copied..i]);
                d.emit(node, &text[i..end], out);
                sink.chose(d, node, &text[i..end]);
                i = end;
                copied = end;
            }
            None => {
                let ids = ids_len(b, i, n);
                i += if ids > 0 { ids } else { l };
            }
        }
    }
    out.push_str(&text[copied..]);
}

/// Max-match segmentation fused with the first conversion step, for a group
/// that is both the segmentation group and the first step and whose keys
/// outside the first member are single characters (`st`, `ts`). Inside an
/// unmatched run no first-member key matches anywhere (segmentation would have
/// taken it), so the step's longest match at each position of the run is the
/// single-character key there, and runs advance by the same characters and
/// ideographic description sequences as segmentation. Output and segment ends
/// are those of segmenting first and converting each segment.
fn segment_fused<S: Sink>(
    d: &Dictionary,
    text: &str,
    out: &mut String,
    bounds: &mut Vec<usize>,
    sink: &mut S,
) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut copied = 0;
    let mut run = 0;
    loop {
        let (p, node, l) = d.next_hit(b, i);
        if p >= n {
            break;
        }
        i = p;
        let m = if node != 0 {
            d.walk(b, i + l, node, true)
        } else {
            None
        };
        match m {
            Some((end, key)) => {
                out.push_str(&text[copied..i]);
                if run < i {
                    bounds.push(out.len());
                }
                d.emit(key, &text[i..end], out);
                sink.chose(d, key, &text[i..end]);
                bounds.push(out.len());
                i = end;
                copied = end;
                run = end;
            }
            None if node != 0 && d.is_key(node) => {
                out.push_str(&text[copied..i]);
                d.emit(node, &text[i..i + l], out);
                sink.chose(d, node, &text[i..i + l]);
                i += l;
                copied = i;
            }
            None => {
                let ids = ids_len(b, i, n);
                i += if ids > 0 { ids } else { l };
            }
        }
    }
    out.push_str(&text[copied..]);
    if run < n {
        bounds.push(out.len());
    }
}

/// [`convert_step`] over a text made of segments that end at `bounds`
/// (increasing byte offsets, the last one `text.len()`): no key and no
/// ideographic description sequence is matched across a segment end. If
/// `out_bounds` is given, the segment ends in the output are appended to it.
#[cfg(test)]
pub(crate) fn convert_bounded(
    d: &Dictionary,
    text: &str,
    bounds: &[usize],
    out: &mut String,
    out_bounds: Option<&mut Vec<usize>>,
) {
    convert_bounded_to(d, text, bounds, out, out_bounds, &mut NoSink);
}

/// [`convert_bounded`], reporting each chosen entry to `sink`.
fn convert_bounded_to<S: Sink>(
    d: &Dictionary,
    text: &str,
    bounds: &[usize],
    out: &mut String,
    mut out_bounds: Option<&mut Vec<usize>>,
    sink: &mut S,
) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut copied = 0;
    let mut bi = 0;
    loop {
        let (p, node, l) = d.next_hit(b, i);
        i = p;
        while bi < bounds.len() && bounds[bi] <= i {
            if let Some(ob) = out_bounds.as_deref_mut() {
                ob.push(out.len() + (bounds[bi] - copied.min(bounds[bi])));
            }
            bi += 1;
        }
        if i >= n {
            break;
        }
        let limit = bounds.get(bi).copied().unwrap_or(n).min(n);
        let m = if node != 0 {
            d.walk(&b[..limit], i + l, node, false)
        } else {
            None
        };
        match m {
            Some((end, node)) => {
                out.push_str(&text[copied..i]);
                d.emit(node, &text[i..end], out);
                sink.chose(d, node, &text[i..end]);
                i = end;
                copied = end;
            }
            None => {
                let ids = ids_len(b, i, limit);
                i += if ids > 0 { ids } else { l };
            }
        }
    }
    out.push_str(&text[copied..]);
}

/// A ready-to-use converter for one OpenCC configuration.
#[derive(Debug, Clone)]
pub struct Converter {
    spec: &'static ConfigSpec,
    norm: Option<Arc<Dictionary>>,
    seg: Option<Arc<Dictionary>>,
    chain: Vec<Arc<Dictionary>>,
    key_chars: Arc<OnceLock<Vec<u64>>>,
}

impl Converter {
    /// Builds a converter for `config` (e.g. `"s2t"`) from loaded dictionary groups.
    /// Groups are matched by their id; extra groups are ignored.
    pub fn new(config: &str, dicts: &[Arc<Dictionary>]) -> Result<Converter, Error> {
        Converter::with_tofu_risk(config, TofuRisk::Include, dicts)
    }

    /// Like [`Converter::new`], choosing whether OpenCC's `may_output_tofu` dictionaries take
    /// part ([`TofuRisk`]). Excluding them needs the tofu-free groups
    /// ([`config::TOFU_FREE_GROUPS`]) instead of the full ones.
    pub fn with_tofu_risk(
        config: &str,
        tofu: TofuRisk,
        dicts: &[Arc<Dictionary>],
    ) -> Result<Converter, Error> {
        let spec = config::config(config).ok_or_else(|| Error::UnknownConfig {
            name: config.to_string(),
        })?;
        let find =
            |id: &&'static str| -> Result<Arc<Dictionary>, Error> {
                let id = config::group_for(id, tofu);
                dicts.iter().find(|d| d.id() == id).cloned().ok_or_else(|| {
                    Error::MissingDictionary {
                        config: spec.name.to_string(),
                        group: id.to_string(),
                    }
                })
            };
        Ok(Converter {
            spec,
            norm: spec.normalization.as_ref().map(find).transpose()?,
            seg: spec.segmentation.as_ref().map(find).transpose()?,
            chain: spec.chain.iter().map(find).collect::<Result<_, _>>()?,
            key_chars: Arc::new(OnceLock::new()),
        })
    }

    /// Builds a converter from compiled dictionary files given as `(name, bytes)`
    /// pairs (names are used in error messages only; each file names its group).
    /// This is the small API the WebAssembly widget uses.
    pub fn from_files(config: &str, files: &[(&str, &[u8])]) -> Result<Converter, Error> {
        Converter::from_files_with_tofu_risk(config, TofuRisk::Include, files)
    }

    /// Like [`Converter::from_files`], choosing whether tofu-risk dictionaries take part.
    pub fn from_files_with_tofu_risk(
        config: &str,
        tofu: TofuRisk,
        files: &[(&str, &[u8])],
    ) -> Result<Converter, Error> {
        let spec = config::config(config).ok_or_else(|| Error::UnknownConfig {
            name: config.to_string(),
        })?;
        let needed = spec.groups_with(tofu);
        let mut dicts = Vec::new();
        for (name, bytes) in files {
            let d = Dictionary::from_bytes(name, bytes)?;
            if needed.contains(&d.id()) {
                dicts.push(Arc::new(d));
            }
        }
        Converter::with_tofu_risk(config, tofu, &dicts)
    }

    /// The configuration name (`"s2t"`, ...).
    pub fn config_name(&self) -> &'static str {
        self.spec.name
    }

    /// Converts `text`.
    pub fn convert(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        self.convert_into(text, &mut out);
        out
    }

    /// Converts `text`, appending to `out`.
    pub fn convert_into(&self, text: &str, out: &mut String) {
        self.convert_to(text, out, &mut NoSink);
    }

    /// Converts `text`, appending to `out`, and adds every dictionary entry the conversion
    /// chose to `chosen` (see [`Chosen`]: a converter built from only those entries gives the
    /// same output for this text).
    pub fn convert_recording(&self, text: &str, out: &mut String, chosen: &mut Chosen) {
        self.convert_to(text, out, chosen);
    }

    fn convert_to<S: Sink>(&self, text: &str, out: &mut String, sink: &mut S) {
        let normalized: Cow<'_, str> = match &self.norm {
            Some(norm) if norm.has_hit(text.as_bytes()) => {
                let mut s = String::with_capacity(text.len());
                convert_step_to(norm, text, &mut s, sink);
                Cow::Owned(s)
            }
            _ => Cow::Borrowed(text),
        };
        let text: &str = &normalized;
        match &self.seg {
            None => self.run_chain(text, out, &mut String::new(), &mut String::new(), sink),
            Some(seg) => self.segmented(seg, text, out, sink),
        }
    }

    /// Runs the conversion chain over one segment (or the whole text).
    fn run_chain<S: Sink>(
        &self,
        text: &str,
        out: &mut String,
        t1: &mut String,
        t2: &mut String,
        sink: &mut S,
    ) {
        match self.chain.as_slice() {
            [] => out.push_str(text),
            [only] => convert_step_to(only, text, out, sink),
            [first, rest @ ..] => {
                t1.clear();
                convert_step_to(first, text, t1, sink);
                self.finish_chain(rest, out, t1, t2, sink);
            }
        }
    }

    /// Runs `rest` over `t1`, writing the final step into `out`.
    fn finish_chain<S: Sink>(
        &self,
        rest: &[Arc<Dictionary>],
        out: &mut String,
        t1: &mut String,
        t2: &mut String,
        sink: &mut S,
    ) {
        let Some((last, middle)) = rest.split_last() else {
            out.push_str(t1);
            return;
        };
        for d in middle {
            t2.clear();
            convert_step_to(d, t1, t2, sink);
            std::mem::swap(t1, t2);
        }
        convert_step_to(last, t1, out, sink);
    }

    /// Max-match segmentation over the first member of the segmentation group;
    /// every segment (a matched key, or a maximal run of unmatched text) goes
    /// through the conversion chain on its own. The first step writes all
    /// segments into one buffer and records where each ends; later steps run
    /// over that buffer in one pass without matching across a segment end.
    fn segmented<S: Sink>(&self, seg: &Dictionary, text: &str, out: &mut String, sink: &mut S) {
        let b = text.as_bytes();
        let n = b.len();
        let Some((first, rest)) = self.chain.split_first() else {
            out.push_str(text);
            return;
        };
        // A matched key converts, in the first chain step, to its own value when the
        // segmentation group is that step's group (its first member takes priority).
        let seg_is_first = first.id() == seg.id();
        let mut t1 = String::new();
        let mut bounds: Vec<usize> = Vec::new();
        let s1: &mut String = if rest.is_empty() {
            out
        } else {
            t1.reserve(text.len() + text.len() / 8);
            &mut t1
        };
        if seg_is_first && seg.single_char_rest() {
            segment_fused(seg, text, s1, &mut bounds, sink);
        } else {
            let mut i = 0;
            let mut run = 0;
            loop {
                let (p, node, l) = seg.next_hit(b, i);
                if p >= n {
                    break;
                }
                i = p;
                let m = if node != 0 {
                    seg.walk(b, i + l, node, true)
                } else {
                    None
                };
                match m {
                    Some((end, node)) => {
                        if run < i {
                            convert_step_to(first, &text[run..i], s1, sink);
                            bounds.push(s1.len());
                        }
                        let key = &text[i..end];
                        // The segment's key is chosen from the segmentation group even when
                        // the first step (another group) converts it.
                        sink.chose(seg, node, key);
                        if seg_is_first {
                            seg.emit(node, key, s1);
                        } else {
                            convert_step_to(first, key, s1, sink);
                        }
                        bounds.push(s1.len());
                        i = end;
                        run = end;
                    }
                    None => {
                        let ids = ids_len(b, i, n);
                        i += if ids > 0 { ids } else { l };
                    }
                }
            }
            if run < n {
                convert_step_to(first, &text[run..], s1, sink);
                bounds.push(s1.len());
            }
        }
        let Some((last, middle)) = rest.split_last() else {
            return;
        };
        let mut t2 = String::new();
        let mut b2: Vec<usize> = Vec::new();
        for d in middle {
            t2.clear();
            b2.clear();
            convert_bounded_to(d, &t1, &bounds, &mut t2, Some(&mut b2), sink);
            std::mem::swap(&mut t1, &mut t2);
            std::mem::swap(&mut bounds, &mut b2);
        }
        convert_bounded_to(last, &t1, &bounds, out, None, sink);
    }

    fn dicts(&self) -> impl Iterator<Item = &Arc<Dictionary>> {
        self.norm
            .iter()
            .chain(self.seg.iter())
            .chain(self.chain.iter())
    }

    /// Bitset over the BMP of characters that occur in any key of any group.
    fn key_chars(&self) -> &[u64] {
        self.key_chars.get_or_init(|| {
            let mut set = vec![0u64; 0x10000 / 64];
            for d in self.dicts() {
                for &cp in d.labels() {
                    if cp < 0x10000 {
                        set[(cp >> 6) as usize] |= 1 << (cp & 63);
                    }
                }
            }
            set
        })
    }

    /// Number of characters free of ideographic description operators that must
    /// precede a streaming cut point.
    fn ids_window(&self) -> usize {
        let shrink: usize = self.dicts().map(|d| d.max_shrink().max(1)).product();
        64usize.saturating_mul(shrink).saturating_add(64)
    }

    /// A streaming converter that flushes in chunks of about `chunk_bytes`
    /// (see [`Stream`]).
    pub fn stream(&self) -> Stream<'_> {
        self.stream_with_chunk(64 * 1024)
    }

    /// Like [`Converter::stream`] with an explicit flush threshold (in bytes).
    pub fn stream_with_chunk(&self, chunk_bytes: usize) -> Stream<'_> {
        Stream {
            conv: self,
            pending: String::new(),
            scanned: 0,
            free: usize::MAX / 2,
            cut: None,
            window: self.ids_window(),
            chunk: chunk_bytes.max(1),
        }
    }
}

/// Streaming conversion in bounded chunks with output identical to
/// [`Converter::convert`] on the concatenated input.
///
/// Input is buffered and converted up to a *safe cut*: a character that occurs in
/// no key of any dictionary the config uses (so no match can span it, and it passes
/// through every step unchanged), preceded by enough text without ideographic
/// description operators that no such sequence can span it either. Ordinary text
/// has such characters (line breaks, ASCII, most punctuation) every few dozen
/// characters; the buffer only grows beyond the chunk size for text that has none.
#[derive(Debug)]
pub struct Stream<'a> {
    conv: &'a Converter,
    pending: String,
    /// Bytes of `pending` already scanned for cut points.
    scanned: usize,
    /// Characters without an IDS operator right before byte `scanned` (counting
    /// into text that was already converted).
    free: usize,
    /// The last safe cut found in `pending[..scanned]`.
    cut: Option<usize>,
    window: usize,
    chunk: usize,
}

impl Stream<'_> {
    /// Adds `input`; appends whatever can already be converted to `out`.
    pub fn push(&mut self, input: &str, out: &mut String) {
        self.pending.push_str(input);
        if self.pending.len() >= self.chunk {
            self.flush_safe(out);
        }
    }

    /// Converts everything that is still buffered.
    pub fn finish(&mut self, out: &mut String) {
        self.conv.convert_into(&self.pending, out);
        self.pending.clear();
        self.scanned = 0;
        self.free = usize::MAX / 2;
        self.cut = None;
    }

    /// Bytes currently buffered.
    pub fn buffered(&self) -> usize {
        self.pending.len()
    }

    /// Scans the new part of the buffer (each byte is scanned once) and converts
    /// up to the last safe cut.
    fn flush_safe(&mut self, out: &mut String) {
        let keys = self.conv.key_chars();
        let mut free = self.free;
        for (off, c) in self.pending[self.scanned..].char_indices() {
            let i = self.scanned + off;
            let cp = c as u32;
            let is_ids = (0x2FF0..=0x2FFF).contains(&cp);
            if i > 0
                && !is_ids
                && cp < 0x10000
                && keys[(cp >> 6) as usize] & (1 << (cp & 63)) == 0
                && free >= self.window
            {
                self.cut = Some(i);
            }
            free = if is_ids { 0 } else { free.saturating_add(1) };
        }
        self.scanned = self.pending.len();
        self.free = free;
        if let Some(at) = self.cut.take() {
            self.conv.convert_into(&self.pending[..at], out);
            self.pending.drain(..at);
            self.scanned -= at;
        }
    }
}

// Converters are shared between threads (and cloned cheaply).
const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Converter>();
    assert_send_sync::<Dictionary>();
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::{encode, Entry};

    fn dict(pairs: &[(&str, &str)]) -> Dictionary {
        let mut entries: Vec<Entry> = pairs
            .iter()
            .map(|(k, v)| Entry {
                key: k.to_string(),
                value: v.to_string(),
                part: 0,
            })
            .collect();
        entries.sort_by(|a, b| a.key.cmp(&b.key));
        let bytes = encode("t", &entries).expect("encodes");
        Dictionary::from_bytes("t", &bytes).expect("loads")
    }

    #[test]
    fn bounded_step_equals_per_segment_steps_and_reports_segment_ends() {
        let d = dict(&[
            ("ab", "X"),
            ("a", "1"),
            ("b", "2"),
            ("bc", "YY"),
            ("c", "3"),
        ]);
        let segments = ["a", "bc", "ab", "cab", "⿰ab", "c"];
        let text: String = segments.concat();
        let mut bounds = Vec::new();
        let mut expected = String::new();
        let mut expected_bounds = Vec::new();
        let mut at = 0;
        for s in segments {
            at += s.len();
            bounds.push(at);
            convert_step(&d, s, &mut expected);
            expected_bounds.push(expected.len());
        }
        let mut out = String::new();
        let mut out_bounds = Vec::new();
        convert_bounded(&d, &text, &bounds, &mut out, Some(&mut out_bounds));
        assert_eq!(out, expected);
        assert_eq!(out_bounds, expected_bounds);
        // Without bounds, matches cross the former segment ends.
        let mut whole = String::new();
        convert_step(&d, &text, &mut whole);
        assert_ne!(whole, expected);
    }

    #[test]
    fn ids_sequences() {
        let b = "⿰氵发x".as_bytes();
        assert_eq!(ids_len(b, 0, b.len()), "⿰氵发".len());
        let b = "⿰氵".as_bytes();
        assert_eq!(ids_len(b, 0, b.len()), 0, "incomplete");
        let b = "⿲a".as_bytes();
        assert_eq!(ids_len(b, 0, b.len()), 0, "arity 3 needs three operands");
        let deep = format!("{}a", "⿾".repeat(16));
        assert_eq!(ids_len(deep.as_bytes(), 0, deep.len()), 0, "depth limit");
        let ok = format!("{}a", "⿾".repeat(15));
        assert_eq!(ids_len(ok.as_bytes(), 0, ok.len()), ok.len());
        assert_eq!(ids_len(b"abc", 0, 3), 0);
    }
}
