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
/// Most bytes of tables [`Dictionary::from_bytes`] allocates per byte of file: real files need
/// at most about 5 (`st`: 2.5 MB for 481 KB), a crafted file of one-byte key characters about
/// 12 (see the test `allocations_are_bounded_by_the_file_size` in `tests/loader.rs`).
pub const MAX_ALLOC_PER_FILE_BYTE: usize = 8;

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
const TERMINAL: u32 = 1 << 31;
const FIRST_MEMBER: u32 = 1 << 30;
/// Key flag: the key belongs to the group's first member.
const META_FIRST: u8 = 0x01;
/// Key flag: the value is stored (otherwise it is the char-by-char conversion).
const META_VALUE: u8 = 0x80;

/// Reads an unsigned LEB128 number of at most 5 bytes that fits in a `u32`.
fn read_varint(data: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v: u64 = 0;
    for shift in (0..35).step_by(7) {
        let b = *data.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            return u32::try_from(v).ok();
        }
    }
    None
}

fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Term flag: the value is the one character in the low bits (the common case), so that
/// emitting it needs no second lookup and no value span.
const SINGLE: u32 = 1 << 29;
/// Bytes of tables per trie node: its label, first child and terminal info.
const NODE_BYTES: usize = 12;

/// First characters with at most this many continuations are not in the pair table: their
/// children are scanned like deeper nodes' (for `st`, this halves the table and its filter).
const NARROW: u32 = 12;

/// Pair-table limits: first-character node ids below 2^20, child ids below 2^23.
const PAIR_PARENT_LIMIT: u32 = 1 << 20;
const PAIR_CHILD_LIMIT: u32 = 1 << 23;
const PAIR_KEY_MASK: u64 = !((1 << 23) - 1);

#[inline(always)]
fn pair_key(parent: u32, cp: u32) -> u64 {
    (u64::from(parent) << 44) | (u64::from(cp) << 23)
}

#[inline(always)]
fn bloom_bit(key: u64, shift: u32) -> usize {
    (key.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> shift) as usize
}

#[inline(always)]
fn pair_hash(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

#[derive(Debug, Clone)]
pub struct Dictionary {
    id: String,
    max_key_chars: u8,
    max_shrink: u8,
    n_keys: u32,
    /// `page_index[cp >> 8]` is a page number into `pages` (page 0 is all zeros).
    page_index: Box<[u16; 0x1100]>,
    /// 256 node ids per page; 0 = no key starts with that character.
    pages: Vec<u32>,
    /// Lead bytes of characters that can begin a key, plus the lead byte of the
    /// ideographic description operators (0xE2).
    lead: [bool; 256],
    /// Bitset over the BMP (`cp >> 6` words) of the first characters of keys and
    /// the ideographic description operators: lets the scan skip a 3-byte
    /// character with one test on its raw bytes.
    first_bits: Box<[u64; 0x10000 / 64]>,
    labels: Vec<u32>,
    /// Per node, its first child; one more entry than nodes. Nodes are numbered breadth-first
    /// in key order, so the children of node `i` are `first[i]..first[i + 1]` (a leaf's range
    /// is empty): no child count is stored.
    first: Vec<u32>,
    /// Per node: 0 if it ends no key; otherwise `TERMINAL | FIRST_MEMBER? |` either
    /// `SINGLE | the value's one character` or the value index (see `values`).
    term: Vec<u32>,
    /// Nodes below this id are first characters; their children are found
    /// through the `pair_*` hash table instead of a search.
    depth2_start: u32,
    /// Open addressing, linear probing; entry = `parent << 44 | cp << 23 | child`,
    /// 0 = empty (a parent is never the root).
    pairs: Vec<u64>,
    pair_mask: usize,
    /// Bloom filter (one hash) over the same edges: most text positions have no
    /// key continuing with the next character, and this 16 bits-per-edge bitset
    /// answers that without touching the larger table.
    pair_bloom: Vec<u64>,
    bloom_shift: u32,
    /// Values of more than one character; a key's value index is 0 for
    /// "character-by-character conversion of the key" or 1 + index into `spans`.
    values: String,
    spans: Vec<(u32, u32)>,
    /// Every key outside the first member is a single character and no
    /// ideographic description operator begins a key (enables fusing max-match
    /// segmentation with the first conversion step).
    single_char_rest: bool,
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

#[inline(always)]
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
        let delta_bytes = r.u32("delta byte count")? as usize;
        let rest_bytes = r.u32("suffix byte count")? as usize;
        let n_explicit = r.u32("value count")? as usize;
        let value_bytes = r.u32("value byte count")? as usize;
        let max_key_chars = r.u8("max key length")?;
        let max_shrink = r.u8("max shrink")?;
        let flags = r.u8("flags")?;
        let reserved = r.u8("reserved")?;
        if flags != 0 || reserved != 0 {
            return Err(corrupt(file, "unknown flags are set"));
        }
        if max_shrink == 0 {
            return Err(corrupt(file, "max shrink is 0"));
        }
        let n = n_keys as usize;
        // Every key has at least one byte of first-character delta.
        if n > payload.len() || n > delta_bytes {
            return Err(corrupt(file, "key count exceeds the payload size"));
        }
        let lcps = r.take(n, "prefix lengths")?;
        let sufs = r.take(n, "suffix lengths")?;
        let metas = r.take(n, "key flags")?;
        let deltas = r.take(delta_bytes, "first-character deltas")?;
        let rest = std::str::from_utf8(r.take(rest_bytes, "key suffixes")?)
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
        let mut rest_chars = 0usize;
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
            if metas[k] & !(META_FIRST | META_VALUE) != 0 {
                return Err(corrupt(file, format!("key {k}: unknown key flags")));
            }
            for c in count.iter_mut().take(len + 1).skip(lcp + 1) {
                *c += 1;
            }
            rest_chars += suf - 1;
            max_len = max_len.max(len);
            prev_len = len;
        }
        if rest.chars().count() != rest_chars {
            return Err(corrupt(
                file,
                "suffix lengths do not add up to the suffix text",
            ));
        }
        if max_len != usize::from(max_key_chars) {
            return Err(corrupt(file, "max key length does not match the keys"));
        }
        let mut start = [0u32; 257];
        let mut next_id = 1u64;
        for d in 1..=max_len {
            if next_id > u64::from(PAIR_CHILD_LIMIT) {
                return Err(corrupt(file, "too many trie nodes for this format version"));
            }
            start[d] = next_id as u32;
            next_id += u64::from(count[d]);
        }
        if next_id > u64::from(PAIR_CHILD_LIMIT) {
            return Err(corrupt(file, "too many trie nodes for this format version"));
        }
        let n_nodes = next_id as usize;
        // Allocations are bounded by the file's size (which the loader has checked against the
        // manifest): the tables below take about `node bytes` per trie node plus the edge hash,
        // and a crafted file of mostly one-byte suffix characters must not turn 8 MB into
        // hundreds of MB before a later check refuses it.
        let n_pairs_bound = if max_len >= 2 { count[2] as usize } else { 0 };
        let planned = n_nodes * NODE_BYTES
            + (n_pairs_bound + n_pairs_bound / 3 + 1).next_power_of_two() * 8
            + n_explicit * 8;
        if planned > MAX_ALLOC_PER_FILE_BYTE * data.len() + (1 << 16) {
            return Err(corrupt(
                file,
                format!(
                    "its tables would take {planned} bytes, more than {MAX_ALLOC_PER_FILE_BYTE} per file byte; \
                     rebuild it with `article-widget dict build`"
                ),
            ));
        }
        let mut labels = vec![0u32; n_nodes];
        let mut first = vec![0u32; n_nodes + 1];
        let mut term = vec![0u32; n_nodes];
        let mut spans: Vec<(u32, u32)> = Vec::with_capacity(n_explicit);

        // Pass 2: create nodes breadth-first numbered; check strict key order.
        let mut path = [0u32; 257];
        let mut key_len = 0usize;
        let mut cursor = [0u32; 257];
        cursor[..=max_len].copy_from_slice(&start[..=max_len]);
        let mut chars = rest.chars();
        let mut dpos = 0usize;
        let mut value_pos = 0usize;
        // Max shrink as the keys and values give it (keys without a stored value convert
        // character by character, to at least as many characters: shrink 1).
        let mut shrink = 1usize;
        for k in 0..n {
            let lcp = usize::from(lcps[k]);
            let suf = usize::from(sufs[k]);
            for d in lcp + 1..=lcp + suf {
                let c = if d == lcp + 1 {
                    let delta = read_varint(deltas, &mut dpos).ok_or_else(|| {
                        corrupt(file, format!("key {k}: bad first-character delta"))
                    })?;
                    let cp = if lcp < key_len {
                        // Sibling of the previous key's character at this depth.
                        let prev = labels[path[d] as usize];
                        if delta == 0 {
                            return Err(corrupt(
                                file,
                                format!("key {k} is not in strictly increasing order"),
                            ));
                        }
                        prev.checked_add(delta)
                    } else {
                        Some(delta)
                    };
                    cp.and_then(char::from_u32)
                        .ok_or_else(|| corrupt(file, format!("key {k}: character out of range")))?
                        as u32
                } else {
                    match chars.next() {
                        Some(c) => c as u32,
                        None => return Err(corrupt(file, "suffix text ended early")),
                    }
                };
                let id = cursor[d];
                cursor[d] += 1;
                labels[id as usize] = c;
                let parent = path[d - 1] as usize;
                if first[parent] == 0 {
                    first[parent] = id;
                }
                path[d] = id;
            }
            key_len = lcp + suf;
            let meta = metas[k];
            let mut t = TERMINAL;
            if meta & META_FIRST != 0 {
                t |= FIRST_MEMBER;
            }
            if meta & META_VALUE != 0 {
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
                let vchars = values[value_pos..end].chars().count();
                shrink = shrink.max(key_len.div_ceil(vchars));
                let mut vc = values[value_pos..end].chars();
                t |= match (vc.next(), vc.next()) {
                    (Some(c), None) => SINGLE | c as u32,
                    _ => spans.len() as u32,
                };
                value_pos = end;
            } else if key_len == 1 {
                return Err(corrupt(
                    file,
                    format!("key {k}: single-character key without a value"),
                ));
            }
            term[path[key_len] as usize] = t;
        }
        // A leaf's children start where the next node's do (the sentinel: after the last).
        first[n_nodes] = n_nodes as u32;
        for i in (0..n_nodes).rev() {
            if first[i] == 0 {
                first[i] = first[i + 1];
            } else if first[i] > first[i + 1] {
                return Err(corrupt(file, "keys are not in breadth-first order"));
            }
        }
        if dpos != deltas.len() {
            return Err(corrupt(file, "unused first-character deltas"));
        }
        if spans.len() != n_explicit || value_pos != values.len() {
            return Err(corrupt(
                file,
                "value count or lengths do not match the keys",
            ));
        }
        if shrink != usize::from(max_shrink) {
            return Err(corrupt(
                file,
                format!("max shrink is {max_shrink} but the keys and values give {shrink}"),
            ));
        }
        if n_explicit >= VALUE_MASK as usize {
            return Err(corrupt(file, "too many values"));
        }

        // First-character page table.
        let mut page_index = Box::new([NO_PAGE; 0x1100]);
        let mut pages = vec![0u32; 256];
        let mut lead = [false; 256];
        lead[0xE2] = true; // ideographic description operators U+2FF0..U+2FFF
        let mut first_bits = Box::new([0u64; 0x10000 / 64]);
        first_bits[0x2FF0 >> 6] |= 0xFFFF << (0x2FF0 & 63);
        let root_end = first[1.min(n_nodes)] as usize;
        let root_start = (first[0] as usize).min(n_nodes);
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
            if cp < 0x10000 {
                first_bits[(cp >> 6) as usize] |= 1 << (cp & 63);
            }
            let mut buf = [0u8; 4];
            if let Some(ch) = char::from_u32(cp) {
                lead[usize::from(ch.encode_utf8(&mut buf).as_bytes()[0])] = true;
            }
        }
        // Hash table of the edges below first characters (the widest nodes).
        let depth2_start = if max_len >= 2 {
            start[2]
        } else {
            n_nodes as u32
        };
        // Only first characters with more than `NARROW` continuations go into the table; the
        // others are a short sorted run of labels, scanned directly (as deeper nodes are).
        let wide = |p: usize| first[p + 1] - first[p] > NARROW;
        let n_pairs: usize = (1..depth2_start.min(n_nodes as u32) as usize)
            .filter(|&p| wide(p))
            .map(|p| (first[p + 1] - first[p]) as usize)
            .sum();
        // Load factor 0.5–0.75: misses are mostly answered by the Bloom filter.
        let cap = (n_pairs + n_pairs / 3 + 1).next_power_of_two().max(2);
        let pair_mask = cap - 1;
        if depth2_start > PAIR_PARENT_LIMIT || n_nodes as u64 > u64::from(PAIR_CHILD_LIMIT) {
            return Err(corrupt(file, "too many keys for this format version"));
        }
        let mut pairs = vec![0u64; cap];
        let bloom_bits = (n_pairs * 16).next_power_of_two().clamp(64, 1 << 21);
        let bloom_shift = 64 - bloom_bits.trailing_zeros();
        let mut pair_bloom = vec![0u64; bloom_bits / 64];
        for parent in 1..depth2_start.min(n_nodes as u32) {
            if !wide(parent as usize) {
                continue;
            }
            for child in first[parent as usize]..first[parent as usize + 1] {
                let key = pair_key(parent, labels[child as usize]);
                let mut h = pair_hash(key, pair_mask);
                while pairs[h] != 0 {
                    h = (h + 1) & pair_mask;
                }
                pairs[h] = key | u64::from(child);
                let bit = bloom_bit(key, bloom_shift);
                pair_bloom[bit >> 6] |= 1 << (bit & 63);
            }
        }
        let mut single_char_rest = (0x2FF0..=0x2FFF).all(|cp| {
            let page = page_index
                .get((cp >> 8) as usize)
                .copied()
                .unwrap_or(NO_PAGE);
            pages[usize::from(page) * 256 + (cp & 0xFF) as usize] == 0
        });
        if single_char_rest && max_len >= 2 {
            let deep = start[2] as usize;
            single_char_rest = term[deep..]
                .iter()
                .all(|&t| t == 0 || t & FIRST_MEMBER != 0);
        }
        Ok(Dictionary {
            id,
            max_key_chars,
            max_shrink,
            n_keys,
            page_index,
            pages,
            lead,
            first_bits,
            labels,
            first,
            term,
            depth2_start,
            pairs,
            pair_mask,
            pair_bloom,
            bloom_shift,
            values,
            spans,
            single_char_rest,
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
    pub(crate) fn single_char_rest(&self) -> bool {
        self.single_char_rest
    }
    /// True if the first-character node is itself a key (of any member).
    #[inline]
    pub(crate) fn is_key(&self, node: u32) -> bool {
        self.term[node as usize] & TERMINAL != 0
    }
    /// True if the key ending at `node` belongs to the group's first member.
    #[inline]
    pub(crate) fn is_first(&self, node: u32) -> bool {
        self.term[node as usize] & FIRST_MEMBER != 0
    }
    pub(crate) fn labels(&self) -> &[u32] {
        &self.labels
    }

    #[inline(always)]
    fn root(&self, cp: u32) -> u32 {
        let page = self
            .page_index
            .get((cp >> 8) as usize)
            .copied()
            .unwrap_or(NO_PAGE);
        self.pages[usize::from(page) * 256 + (cp & 0xFF) as usize]
    }

    #[inline(always)]
    fn child(&self, node: u32, cp: u32) -> u32 {
        let first = self.first[node as usize] as usize;
        let end = self.first[node as usize + 1] as usize;
        if node < self.depth2_start && end - first > NARROW as usize {
            let key = pair_key(node, cp);
            let bit = bloom_bit(key, self.bloom_shift);
            if self.pair_bloom[bit >> 6] & (1 << (bit & 63)) == 0 {
                return 0;
            }
            let mut h = pair_hash(key, self.pair_mask);
            loop {
                let e = self.pairs[h];
                if e & PAIR_KEY_MASK == key {
                    return (e & !PAIR_KEY_MASK) as u32;
                }
                if e == 0 {
                    return 0;
                }
                h = (h + 1) & self.pair_mask;
            }
        }
        let kids = &self.labels[first..end];
        if kids.len() <= 16 {
            for (i, &l) in kids.iter().enumerate() {
                if l >= cp {
                    return if l == cp { (first + i) as u32 } else { 0 };
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

    /// The first character at or after byte `i` that may begin a key or is an
    /// ideographic description operator: `(byte index, first-character node or 0,
    /// character length)`; `(b.len(), 0, 0)` if there is none.
    #[inline(always)]
    pub(crate) fn next_hit(&self, b: &[u8], mut i: usize) -> (usize, u32, usize) {
        let n = b.len();
        while i < n {
            let b0 = b[i];
            if self.lead[usize::from(b0)] {
                if b0 & 0xF0 == 0xE0 {
                    // Three-byte character (the input is valid UTF-8).
                    let t = &b[i..i + 3];
                    let w = (usize::from(t[0] & 0x0F) << 6) | usize::from(t[1] & 0x3F);
                    let lo = u32::from(t[2] & 0x3F);
                    if self.first_bits[w] & (1 << lo) == 0 {
                        i += 3;
                        continue;
                    }
                    // A first character of a key or an IDS operator (the bitset
                    // holds exactly those).
                    let page = self.page_index[w >> 2];
                    let node = self.pages[usize::from(page) * 256 + (((w & 3) << 6) | lo as usize)];
                    return (i, node, 3);
                }
                let (cp, l) = decode_at(b, i);
                let node = self.root(cp);
                if node != 0 || (0x2FF0..=0x2FFF).contains(&cp) {
                    return (i, node, l);
                }
                i += l;
            } else {
                i += 1;
            }
        }
        (n, 0, 0)
    }

    /// True if some character of `b` may begin a key or is an IDS operator.
    pub(crate) fn has_hit(&self, b: &[u8]) -> bool {
        self.next_hit(b, 0).0 < b.len()
    }

    /// Longest key that starts with the first character `node` (ending at byte
    /// `j`) and continues as a prefix of `b[j..]`; restricted to keys of the
    /// group's first member if `first_only`. Returns the end byte index and node.
    #[inline(always)]
    pub(crate) fn walk(
        &self,
        b: &[u8],
        mut j: usize,
        mut node: u32,
        first_only: bool,
    ) -> Option<(usize, u32)> {
        let mask = if first_only {
            TERMINAL | FIRST_MEMBER
        } else {
            TERMINAL
        };
        let mut best = if self.term[node as usize] & mask == mask {
            Some((j, node))
        } else {
            None
        };
        while j < b.len() && self.first[node as usize] != self.first[node as usize + 1] {
            let (cp, l) = decode_at(b, j);
            let next = self.child(node, cp);
            if next == 0 {
                break;
            }
            node = next;
            j += l;
            if self.term[node as usize] & mask == mask {
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
    #[inline(always)]
    pub(crate) fn emit(&self, node: u32, key: &str, out: &mut String) {
        let t = self.term[node as usize];
        if t & SINGLE != 0 {
            out.push(single_char(t));
            return;
        }
        let v = t & VALUE_MASK;
        if v != 0 {
            out.push_str(self.value(v));
        } else {
            for ch in key.chars() {
                let n = self.root(ch as u32);
                if n == 0 {
                    out.push(ch);
                    continue;
                }
                let t = self.term[n as usize];
                if t & SINGLE != 0 {
                    out.push(single_char(t));
                } else if t & VALUE_MASK != 0 {
                    out.push_str(self.value(t & VALUE_MASK));
                } else {
                    out.push(ch);
                }
            }
        }
    }
}

impl Dictionary {
    /// A dictionary of group `group_id` holding exactly `entries` (in any order; keys must be
    /// unique): what a per-article slice of a group becomes. The entries are encoded and loaded
    /// like a file, so every check of [`Dictionary::from_bytes`] applies; `file` names it in
    /// errors.
    pub fn from_entries(
        file: &str,
        group_id: &str,
        mut entries: Vec<Entry>,
    ) -> Result<Dictionary, Error> {
        entries.sort_by(|a, b| a.key.cmp(&b.key));
        let bytes = encode(group_id, &entries).map_err(|e| match e {
            Error::Corrupt { reason, .. } => corrupt(file, reason),
            other => other,
        })?;
        Dictionary::from_bytes(file, &bytes)
    }
}

/// The one-character value of a `SINGLE` term (checked to be a `char` when loaded).
#[inline(always)]
fn single_char(t: u32) -> char {
    char::from_u32(t & VALUE_MASK).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// Serializes flattened, key-sorted entries into a dictionary file.
///
/// Entries must be sorted by key (byte order = code point order) and unique,
/// keys 1..=255 characters, values 1..=255 bytes. `Entry::part == 0` marks the
/// keys of the group's first member (the segmentation dictionary).
pub fn encode(group_id: &str, entries: &[Entry]) -> Result<Vec<u8>, Error> {
    let err = |reason: String| Error::Corrupt {
        file: format!("{group_id} (compiling)"),
        reason,
    };
    if group_id.len() > 255 {
        return Err(err("group id longer than 255 bytes".into()));
    }
    // The character map used for "value equals the char-by-char conversion": sorted, since the
    // entries are (a sorted vector rather than a hash map keeps the engine module small).
    let mut single: Vec<(char, &str)> = entries
        .iter()
        .filter_map(|e| {
            let mut cs = e.key.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Some((c, e.value.as_str())),
                _ => None,
            }
        })
        .collect();
    single.sort_unstable_by_key(|(c, _)| *c);
    let mut lcps = Vec::with_capacity(entries.len());
    let mut sufs = Vec::with_capacity(entries.len());
    let mut metas = Vec::with_capacity(entries.len());
    let mut deltas = Vec::new();
    let mut rest = String::new();
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
        let first = key[lcp] as u32;
        write_varint(
            &mut deltas,
            if lcp < prev.len() {
                first - prev[lcp] as u32
            } else {
                first
            },
        );
        rest.extend(&key[lcp + 1..]);
        let charwise: String = key
            .iter()
            .map(|c| match single.binary_search_by_key(c, |(k, _)| *k) {
                Ok(i) => single[i].1.to_string(),
                Err(_) => c.to_string(),
            })
            .collect();
        let explicit = key.len() == 1 || charwise != e.value;
        let mut meta = if e.part == 0 { META_FIRST } else { 0 };
        if explicit {
            meta |= META_VALUE;
            vlens.push(e.value.len() as u8);
            values.push_str(&e.value);
        }
        metas.push(meta);
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
    for v in [
        entries.len(),
        deltas.len(),
        rest.len(),
        vlens.len(),
        values.len(),
    ] {
        payload.extend_from_slice(&(v as u32).to_le_bytes());
    }
    payload.extend_from_slice(&[max_key as u8, max_shrink as u8, 0, 0]);
    payload.extend_from_slice(&lcps);
    payload.extend_from_slice(&sufs);
    payload.extend_from_slice(&metas);
    payload.extend_from_slice(&deltas);
    payload.extend_from_slice(rest.as_bytes());
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
