//! Compiled dictionary groups: the binary file format (see `FORMAT.md`) and the
//! in-memory matcher built from it.
//!
//! A file holds the *flattened* entries of one OpenCC dictionary group, sorted by
//! key, front-coded (shared prefix length + suffix), with values stored only when
//! they differ from the character-by-character conversion of the key. Loading
//! checks the header and checksum, validates every field, and builds a trie whose
//! nodes are numbered breadth-first, so the children of a node are contiguous and
//! sorted (binary search), with a two-level page table for the first character.

use crate::crc32::crc32;
use crate::Error;

/// File extension of compiled dictionary groups.
pub const FILE_EXTENSION: &str = "scd";
/// Magic bytes at the start of every file (PNG-style: catches text-mode transfers).
pub const MAGIC: [u8; 8] = *b"\x89SCD\r\n\x1a\n";
/// The format version this build writes and reads.
pub const FORMAT_VERSION: u16 = 1;
/// Header size in bytes.
pub const HEADER_LEN: usize = 24;

/// Value stored for a key of a flattened group (compiler side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub value: String,
    /// Index of the top-level group member the key came from (used to restrict
    /// max-match segmentation to the group's first member).
    pub part: u8,
}

const NO_PAGE: u16 = 0;
const VALUE_MASK: u32 = 0x00FF_FFFF;

/// A loaded dictionary group, ready for matching.
#[derive(Debug, Clone)]
pub struct Dictionary {
    id: String,
    max_key_chars: u8,
    max_shrink: u8,
    n_parts: u8,
    n_keys: u32,
    /// `page_index[cp >> 8]` is a page number into `pages` (page 0 is all zeros).
    page_index: Vec<u16>,
    /// 256 node ids per page; 0 = no key starts with that character.
    pages: Vec<u32>,
    /// Lead bytes of characters that can begin a key, plus the lead byte of the
    /// ideographic description operators (0xE2).
    lead: [bool; 256],
    labels: Vec<u32>,
    first_child: Vec<u32>,
    child_count: Vec<u32>,
    /// 0: not a key. Otherwise `(part + 1) << 24 | value`, where `value` is 0 for
    /// "character-by-character conversion of the key" or 1 + index into `spans`.
    term: Vec<u32>,
    values: String,
    spans: Vec<(u32, u32)>,
}

fn corrupt(file: &str, reason: impl Into<String>) -> Error {
    Error::Corrupt {
        file: file.to_string(),
        reason: reason.into(),
    }
}

struct Reader<'a> {
    file: &'a str,
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        match end {
            Some(end) => {
                let s = &self.data[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(corrupt(
                self.file,
                format!("{what} runs past the end of the payload"),
            )),
        }
    }
    fn u8(&mut self, what: &str) -> Result<u8, Error> {
        Ok(self.take(1, what)?[0])
    }
    fn u32(&mut self, what: &str) -> Result<u32, Error> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Checks magic, version, length and checksum; returns the payload.
pub fn check_header<'a>(file: &str, data: &'a [u8]) -> Result<&'a [u8], Error> {
    if data.len() < MAGIC.len() || data[..MAGIC.len()] != MAGIC {
        if data.len() < MAGIC.len() && MAGIC.starts_with(data) {
            return Err(Error::Truncated {
                file: file.into(),
                expected: HEADER_LEN,
                found: data.len(),
            });
        }
        return Err(Error::BadMagic { file: file.into() });
    }
    if data.len() < HEADER_LEN {
        return Err(Error::Truncated {
            file: file.into(),
            expected: HEADER_LEN,
            found: data.len(),
        });
    }
    let version = u16::from_le_bytes([data[8], data[9]]);
    if version != FORMAT_VERSION {
        return Err(Error::UnsupportedVersion {
            file: file.into(),
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let header_len = usize::from(u16::from_le_bytes([data[10], data[11]]));
    if header_len != HEADER_LEN {
        return Err(corrupt(
            file,
            format!("header length {header_len}, expected {HEADER_LEN}"),
        ));
    }
    let payload_len = u32::from_le_bytes([data[12], data[13], data[14], data[15]]) as usize;
    let expected_crc = u32::from_le_bytes([data[16], data[17], data[18], data[19]]);
    let reserved = u32::from_le_bytes([data[20], data[21], data[22], data[23]]);
    let total = HEADER_LEN.saturating_add(payload_len);
    if data.len() < total {
        return Err(Error::Truncated {
            file: file.into(),
            expected: total,
            found: data.len(),
        });
    }
    if data.len() > total {
        return Err(corrupt(
            file,
            format!("{} unexpected bytes after the payload", data.len() - total),
        ));
    }
    let payload = &data[HEADER_LEN..];
    let found = crc32(payload);
    if found != expected_crc {
        return Err(Error::ChecksumMismatch {
            file: file.into(),
            expected: expected_crc,
            found,
        });
    }
    if reserved != 0 {
        return Err(corrupt(file, "reserved header field is not zero"));
    }
    Ok(payload)
}

#[inline]
pub(crate) fn decode_at(b: &[u8], i: usize) -> (u32, usize) {
    let b0 = b[i];
    if b0 < 0x80 {
        (u32::from(b0), 1)
    } else if b0 < 0xE0 {
        ((u32::from(b0 & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F), 2)
    } else if b0 < 0xF0 {
        (
            (u32::from(b0 & 0x0F) << 12)
                | (u32::from(b[i + 1] & 0x3F) << 6)
                | u32::from(b[i + 2] & 0x3F),
            3,
        )
    } else {
        (
            (u32::from(b0 & 0x07) << 18)
                | (u32::from(b[i + 1] & 0x3F) << 12)
                | (u32::from(b[i + 2] & 0x3F) << 6)
                | u32::from(b[i + 3] & 0x3F),
            4,
        )
    }
}

#[inline]
pub(crate) fn utf8_len(b0: u8) -> usize {
    if b0 < 0x80 {
        1
    } else if b0 < 0xE0 {
        2
    } else if b0 < 0xF0 {
        3
    } else {
        4
    }
}

impl Dictionary {
    /// Parses and validates a compiled dictionary file. `file` is only used in
    /// error messages. Never panics; a corrupt or truncated file is an error.
    pub fn from_bytes(file: &str, data: &[u8]) -> Result<Dictionary, Error> {
        let payload = check_header(file, data)?;
        let mut r = Reader {
            file,
            data: payload,
            pos: 0,
        };
        let id_len = usize::from(r.u8("group id length")?);
        let id = std::str::from_utf8(r.take(id_len, "group id")?)
            .map_err(|_| corrupt(file, "group id is not UTF-8"))?
            .to_string();
        let n_keys = r.u32("key count")?;
        let suffix_bytes = r.u32("suffix byte count")? as usize;
        let n_explicit = r.u32("value count")? as usize;
        let value_bytes = r.u32("value byte count")? as usize;
        let max_key_chars = r.u8("max key length")?;
        let max_shrink = r.u8("max shrink")?;
        let n_parts = r.u8("part count")?;
        let _reserved = r.u8("reserved")?;
        if n_parts == 0 || n_parts > 127 {
            return Err(corrupt(
                file,
                format!("part count {n_parts} out of range 1..=127"),
            ));
        }
        if max_shrink == 0 {
            return Err(corrupt(file, "max shrink is 0"));
        }
        let n = n_keys as usize;
        if n > payload.len() {
            return Err(corrupt(file, "key count exceeds the payload size"));
        }
        let lcps = r.take(n, "prefix lengths")?;
        let sufs = r.take(n, "suffix lengths")?;
        let metas = r.take(n, "key flags")?;
        let suffix_text = std::str::from_utf8(r.take(suffix_bytes, "key suffixes")?)
            .map_err(|_| corrupt(file, "key suffixes are not valid UTF-8"))?;
        if n_explicit > n {
            return Err(corrupt(file, "more values than keys"));
        }
        let vlens = r.take(n_explicit, "value lengths")?;
        let values = std::str::from_utf8(r.take(value_bytes, "values")?)
            .map_err(|_| corrupt(file, "values are not valid UTF-8"))?
            .to_string();
        if r.pos != payload.len() {
            return Err(corrupt(
                file,
                format!("{} trailing payload bytes", payload.len() - r.pos),
            ));
        }

        // Pass 1: validate the front coding and count nodes per depth.
        let mut count = [0u32; 257];
        let mut prev_len = 0usize;
        let mut total_chars = 0usize;
        let mut max_len = 0usize;
        for k in 0..n {
            let lcp = usize::from(lcps[k]);
            let suf = usize::from(sufs[k]);
            if lcp > prev_len {
                return Err(corrupt(
                    file,
                    format!("key {k}: shared prefix longer than the previous key"),
                ));
            }
            if suf == 0 {
                return Err(corrupt(
                    file,
                    format!("key {k}: empty suffix (keys must be unique)"),
                ));
            }
            let len = lcp + suf;
            if len > 255 {
                return Err(corrupt(
                    file,
                    format!("key {k}: longer than 255 characters"),
                ));
            }
            for c in count.iter_mut().take(len + 1).skip(lcp + 1) {
                *c += 1;
            }
            total_chars += suf;
            max_len = max_len.max(len);
            prev_len = len;
        }
        if suffix_text.chars().count() != total_chars {
            return Err(corrupt(
                file,
                "suffix lengths do not add up to the suffix text",
            ));
        }
        if max_len != usize::from(max_key_chars) {
            return Err(corrupt(file, "max key length does not match the keys"));
        }
        let mut start = [0u32; 257];
        let mut next_id = 1u32;
        for d in 1..=max_len {
            start[d] = next_id;
            next_id += count[d];
        }
        let n_nodes = next_id as usize;
        let mut labels = vec![0u32; n_nodes];
        let mut first_child = vec![0u32; n_nodes];
        let mut child_count = vec![0u32; n_nodes];
        let mut term = vec![0u32; n_nodes];
        let mut spans: Vec<(u32, u32)> = Vec::with_capacity(n_explicit);

        // Pass 2: create nodes breadth-first numbered; check strict key order.
        let mut path = [0u32; 257];
        let mut key: Vec<u32> = Vec::with_capacity(256);
        let mut cursor = [0u32; 257];
        cursor[..=max_len].copy_from_slice(&start[..=max_len]);
        let mut chars = suffix_text.chars();
        let mut value_pos = 0usize;
        for k in 0..n {
            let lcp = usize::from(lcps[k]);
            let suf = usize::from(sufs[k]);
            let prev_key_len = key.len();
            key.truncate(lcp);
            for d in lcp + 1..=lcp + suf {
                let c = match chars.next() {
                    Some(c) => c as u32,
                    None => return Err(corrupt(file, "suffix text ended early")),
                };
                if d == lcp + 1 && lcp < prev_key_len {
                    // `key` was truncated; compare with the previous key's char at lcp.
                    let prev_c = labels[path[d] as usize];
                    if c <= prev_c {
                        return Err(corrupt(
                            file,
                            format!("key {k} is not in strictly increasing order"),
                        ));
                    }
                }
                let id = cursor[d];
                cursor[d] += 1;
                labels[id as usize] = c;
                let parent = path[d - 1] as usize;
                if child_count[parent] == 0 {
                    first_child[parent] = id;
                }
                child_count[parent] += 1;
                path[d] = id;
                key.push(c);
            }
            let meta = metas[k];
            let part = meta & 0x7F;
            if part >= n_parts {
                return Err(corrupt(
                    file,
                    format!("key {k}: part {part} >= part count {n_parts}"),
                ));
            }
            let explicit = meta & 0x80 != 0;
            let mut value = 0u32;
            if explicit {
                let i = spans.len();
                if i >= n_explicit {
                    return Err(corrupt(file, "more explicit keys than values"));
                }
                let len = usize::from(vlens[i]);
                let end = value_pos + len;
                if len == 0
                    || end > values.len()
                    || !values.is_char_boundary(value_pos)
                    || !values.is_char_boundary(end)
                {
                    return Err(corrupt(file, format!("value {i} has a bad length")));
                }
                spans.push((value_pos as u32, len as u32));
                value_pos = end;
                value = spans.len() as u32;
            } else if key.len() == 1 {
                return Err(corrupt(
                    file,
                    format!("key {k}: single-character key without a value"),
                ));
            }
            term[path[key.len()] as usize] = ((u32::from(part) + 1) << 24) | value;
        }
        if spans.len() != n_explicit || value_pos != values.len() {
            return Err(corrupt(
                file,
                "value count or lengths do not match the keys",
            ));
        }
        if n_explicit >= VALUE_MASK as usize {
            return Err(corrupt(file, "too many values"));
        }

        // First-character page table.
        let mut page_index = vec![NO_PAGE; 0x1100];
        let mut pages = vec![0u32; 256];
        let mut lead = [false; 256];
        lead[0xE2] = true; // ideographic description operators U+2FF0..U+2FFF
        let root_end = (first_child[0] + child_count[0]) as usize;
        let root_start = (first_child[0] as usize).min(n_nodes);
        for (id, &cp) in labels
            .iter()
            .enumerate()
            .take(root_end.min(n_nodes))
            .skip(root_start)
        {
            let hi = (cp >> 8) as usize;
            if page_index[hi] == NO_PAGE {
                let page = pages.len() / 256;
                if page > usize::from(u16::MAX) {
                    return Err(corrupt(file, "too many first-character pages"));
                }
                page_index[hi] = page as u16;
                pages.resize(pages.len() + 256, 0);
            }
            pages[usize::from(page_index[hi]) * 256 + (cp & 0xFF) as usize] = id as u32;
            let mut buf = [0u8; 4];
            if let Some(ch) = char::from_u32(cp) {
                lead[usize::from(ch.encode_utf8(&mut buf).as_bytes()[0])] = true;
            }
        }
        Ok(Dictionary {
            id,
            max_key_chars,
            max_shrink,
            n_parts,
            n_keys,
            page_index,
            pages,
            lead,
            labels,
            first_child,
            child_count,
            term,
            values,
            spans,
        })
    }

    /// The group id (e.g. `"st"`), as stored in the file.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Number of keys.
    pub fn len(&self) -> usize {
        self.n_keys as usize
    }
    /// True if the dictionary has no keys.
    pub fn is_empty(&self) -> bool {
        self.n_keys == 0
    }
    /// Length of the longest key, in characters.
    pub fn max_key_chars(&self) -> usize {
        usize::from(self.max_key_chars)
    }
    pub(crate) fn max_shrink(&self) -> usize {
        usize::from(self.max_shrink)
    }
    /// Number of top-level group members the entries came from.
    pub fn parts(&self) -> usize {
        usize::from(self.n_parts)
    }
    pub(crate) fn labels(&self) -> &[u32] {
        &self.labels
    }

    #[inline]
    fn root(&self, cp: u32) -> u32 {
        let page = self
            .page_index
            .get((cp >> 8) as usize)
            .copied()
            .unwrap_or(NO_PAGE);
        self.pages[usize::from(page) * 256 + (cp & 0xFF) as usize]
    }

    #[inline]
    fn child(&self, node: u32, cp: u32) -> u32 {
        let first = self.first_child[node as usize] as usize;
        let count = self.child_count[node as usize] as usize;
        let kids = &self.labels[first..first + count];
        if count <= 8 {
            for (i, &l) in kids.iter().enumerate() {
                if l == cp {
                    return (first + i) as u32;
                }
                if l > cp {
                    return 0;
                }
            }
            0
        } else {
            match kids.binary_search(&cp) {
                Ok(i) => (first + i) as u32,
                Err(_) => 0,
            }
        }
    }

    /// Byte index of the first character at or after `from` that may begin a key
    /// or is an ideographic description operator; `b.len()` if none.
    #[inline]
    pub(crate) fn next_candidate(&self, b: &[u8], mut i: usize) -> usize {
        let n = b.len();
        while i < n {
            let b0 = b[i];
            if self.lead[usize::from(b0)] {
                let (cp, l) = decode_at(b, i);
                if self.root(cp) != 0 || (0x2FF0..=0x2FFF).contains(&cp) {
                    return i;
                }
                i += l;
            } else {
                i += 1;
            }
        }
        n
    }

    /// Longest key that is a prefix of `b[i..]` (restricted to keys of `part` if
    /// given): returns the end byte index and the node.
    #[inline]
    pub(crate) fn longest(&self, b: &[u8], i: usize, part: Option<u8>) -> Option<(usize, u32)> {
        let (cp, l) = decode_at(b, i);
        let mut node = self.root(cp);
        if node == 0 {
            return None;
        }
        let accepts = |t: u32| t != 0 && part.is_none_or(|p| (t >> 24) == u32::from(p) + 1);
        let mut j = i + l;
        let mut best = if accepts(self.term[node as usize]) {
            Some((j, node))
        } else {
            None
        };
        while j < b.len() && self.child_count[node as usize] != 0 {
            let (cp, l) = decode_at(b, j);
            let next = self.child(node, cp);
            if next == 0 {
                break;
            }
            node = next;
            j += l;
            if accepts(self.term[node as usize]) {
                best = Some((j, node));
            }
        }
        best
    }

    #[inline]
    fn value(&self, v: u32) -> &str {
        let (s, l) = self.spans[(v - 1) as usize];
        &self.values[s as usize..(s + l) as usize]
    }

    /// Appends the value of the key `key` (which ends at `node`).
    #[inline]
    pub(crate) fn emit(&self, node: u32, key: &str, out: &mut String) {
        let v = self.term[node as usize] & VALUE_MASK;
        if v != 0 {
            out.push_str(self.value(v));
        } else {
            for ch in key.chars() {
                let n = self.root(ch as u32);
                let t = if n != 0 {
                    self.term[n as usize] & VALUE_MASK
                } else {
                    0
                };
                if t != 0 {
                    out.push_str(self.value(t));
                } else {
                    out.push(ch);
                }
            }
        }
    }
}

/// Serializes flattened, key-sorted entries into a dictionary file.
///
/// Entries must be sorted by key (byte order = code point order) and unique,
/// keys 1..=255 characters, values 1..=255 bytes, parts < 128.
pub fn encode(group_id: &str, entries: &[Entry], n_parts: u8) -> Result<Vec<u8>, Error> {
    let err = |reason: String| Error::Corrupt {
        file: format!("{group_id} (compiling)"),
        reason,
    };
    if group_id.len() > 255 {
        return Err(err("group id longer than 255 bytes".into()));
    }
    if n_parts == 0 || n_parts > 127 {
        return Err(err(format!("part count {n_parts} out of range")));
    }
    // The character map used for "value equals the char-by-char conversion".
    let single: std::collections::HashMap<char, &str> = entries
        .iter()
        .filter_map(|e| {
            let mut cs = e.key.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Some((c, e.value.as_str())),
                _ => None,
            }
        })
        .collect();
    let mut lcps = Vec::with_capacity(entries.len());
    let mut sufs = Vec::with_capacity(entries.len());
    let mut metas = Vec::with_capacity(entries.len());
    let mut suffix = String::new();
    let mut vlens = Vec::new();
    let mut values = String::new();
    let mut max_key = 0usize;
    let mut max_shrink = 1usize;
    let mut prev: Vec<char> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let key: Vec<char> = e.key.chars().collect();
        if key.is_empty() || key.len() > 255 {
            return Err(err(format!("key {:?} must have 1..=255 characters", e.key)));
        }
        if i > 0 && entries[i - 1].key >= e.key {
            return Err(err(format!("keys not sorted/unique at {:?}", e.key)));
        }
        if e.value.is_empty() || e.value.len() > 255 {
            return Err(err(format!("value of {:?} must have 1..=255 bytes", e.key)));
        }
        if e.part >= n_parts {
            return Err(err(format!("part {} of {:?} out of range", e.part, e.key)));
        }
        if e.value
            .chars()
            .any(|c| ('\u{2FF0}'..='\u{2FFF}').contains(&c))
        {
            return Err(err(format!(
                "value of {:?} contains an ideographic description operator",
                e.key
            )));
        }
        let lcp = prev.iter().zip(&key).take_while(|(a, b)| a == b).count();
        lcps.push(lcp as u8);
        sufs.push((key.len() - lcp) as u8);
        suffix.extend(&key[lcp..]);
        let charwise: String = key
            .iter()
            .map(|c| {
                single
                    .get(c)
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| c.to_string())
            })
            .collect();
        let explicit = key.len() == 1 || charwise != e.value;
        metas.push(e.part | if explicit { 0x80 } else { 0 });
        if explicit {
            vlens.push(e.value.len() as u8);
            values.push_str(&e.value);
        }
        max_key = max_key.max(key.len());
        let vchars = e.value.chars().count();
        max_shrink = max_shrink.max(key.len().div_ceil(vchars));
        prev = key;
    }
    if max_shrink > 255 {
        return Err(err(
            "a value is more than 255 times shorter than its key".into()
        ));
    }
    let mut payload = Vec::new();
    payload.push(group_id.len() as u8);
    payload.extend_from_slice(group_id.as_bytes());
    for v in [entries.len(), suffix.len(), vlens.len(), values.len()] {
        payload.extend_from_slice(&(v as u32).to_le_bytes());
    }
    payload.extend_from_slice(&[max_key as u8, max_shrink as u8, n_parts, 0]);
    payload.extend_from_slice(&lcps);
    payload.extend_from_slice(&sufs);
    payload.extend_from_slice(&metas);
    payload.extend_from_slice(suffix.as_bytes());
    payload.extend_from_slice(&vlens);
    payload.extend_from_slice(values.as_bytes());
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(HEADER_LEN as u16).to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32(&payload).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&payload);
    Ok(out)
}
