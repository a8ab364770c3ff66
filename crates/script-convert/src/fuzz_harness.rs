//! Fuzzing harnesses, shared by `fuzz/fuzz_targets/*` and by unit tests so that
//! they are compiled and exercised on stable Rust too.

use std::sync::OnceLock;

use crate::compile::Leaves;
use crate::{config, dict, Converter, Dictionary};

/// Loads arbitrary bytes as a dictionary, then the same bytes with a repaired
/// header (magic, version, lengths, CRC-32) so that the payload validation is
/// exercised too; every dictionary that loads is used for a conversion step.
/// Must never panic.
pub fn dictionary_loader(data: &[u8]) {
    try_load(data);
    if data.len() >= dict::HEADER_LEN {
        let mut fixed = data.to_vec();
        let payload_len = (data.len() - dict::HEADER_LEN) as u32;
        fixed[..8].copy_from_slice(&dict::MAGIC);
        fixed[8..10].copy_from_slice(&dict::FORMAT_VERSION.to_le_bytes());
        fixed[10..12].copy_from_slice(&(dict::HEADER_LEN as u16).to_le_bytes());
        fixed[12..16].copy_from_slice(&payload_len.to_le_bytes());
        let crc = crate::crc32::crc32(&fixed[dict::HEADER_LEN..]);
        fixed[16..20].copy_from_slice(&crc.to_le_bytes());
        fixed[20..24].copy_from_slice(&[0; 4]);
        try_load(&fixed);
    }
}

fn try_load(data: &[u8]) {
    if let Ok(d) = Dictionary::from_bytes("fuzz", data) {
        let mut out = String::new();
        crate::convert::convert_step(&d, "發展乾隆⿰氵发abc😀 后来的皇后", &mut out);
        let _ = d.max_key_chars();
    }
}

fn converters() -> &'static Vec<Converter> {
    static CONVERTERS: OnceLock<Vec<Converter>> = OnceLock::new();
    CONVERTERS.get_or_init(|| {
        let leaves = Leaves::from_dir(&crate::cli::default_data_dir().join("dictionary"))
            .unwrap_or_default();
        config::CONFIG_NAMES
            .iter()
            .filter_map(|c| leaves.converter(c).ok())
            .collect()
    })
}

/// Converts arbitrary input: byte 0 picks the config, byte 1 a streaming chunk
/// size; the rest is the text (lossily decoded). Checks that streaming equals
/// one-shot conversion. Must never panic except on that check.
pub fn conversion(data: &[u8]) {
    let convs = converters();
    if convs.is_empty() || data.len() < 2 {
        return;
    }
    let conv = &convs[usize::from(data[0]) % convs.len()];
    let chunk = usize::from(data[1]) + 1;
    let text = String::from_utf8_lossy(&data[2..]);
    let whole = conv.convert(&text);
    let mut stream = conv.stream_with_chunk(chunk);
    let mut out = String::new();
    let mut rest: &str = &text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(chunk);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        stream.push(&rest[..cut], &mut out);
        rest = &rest[cut..];
    }
    stream.finish(&mut out);
    assert_eq!(out, whole, "streaming differs from one-shot");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harnesses_accept_arbitrary_bytes() {
        let leaves =
            Leaves::from_dir(&crate::cli::default_data_dir().join("dictionary")).expect("data");
        let good = leaves.compile_group("tw-variants").expect("compiles");
        dictionary_loader(&good);
        dictionary_loader(b"");
        dictionary_loader(&good[..good.len() / 2]);
        for i in 0..good.len() {
            let mut d = good.clone();
            d[i] ^= 0xA5;
            dictionary_loader(&d);
        }
        conversion(b"");
        conversion(b"\x00\x05\xe5\x8f\x91\xe5\xb1\x95\xff\xfe abc");
        for c in 0..16u8 {
            let mut input = vec![c, c.wrapping_mul(7)];
            input.extend_from_slice(
                "后来的皇后在网络上发布信息⿰氵发，乾隆\n"
                    .repeat(8)
                    .as_bytes(),
            );
            conversion(&input);
        }
    }
}
