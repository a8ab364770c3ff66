//! The dictionary loader rejects corrupt files with specific errors and never panics.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::compiled;
use script_convert::crc32::crc32;
use script_convert::dict::{encode, Entry, FORMAT_VERSION, HEADER_LEN, MAGIC};
use script_convert::{Converter, Dictionary, Error};

fn small() -> Vec<u8> {
    compiled()["tw-variants"].clone()
}

/// Re-seals a payload edit so that only structural validation can catch it.
fn reseal(mut data: Vec<u8>) -> Vec<u8> {
    let crc = crc32(&data[HEADER_LEN..]);
    data[16..20].copy_from_slice(&crc.to_le_bytes());
    data
}

#[test]
fn valid_files_load() {
    for (id, bytes) in compiled() {
        let d = Dictionary::from_bytes(id, bytes).expect("loads");
        assert_eq!(d.id(), id);
        assert!(!d.is_empty());
    }
}

#[test]
fn truncated_file_is_rejected() {
    let data = small();
    for len in [
        0,
        3,
        8,
        12,
        HEADER_LEN - 1,
        HEADER_LEN,
        HEADER_LEN + 10,
        data.len() - 1,
    ] {
        match Dictionary::from_bytes("t", &data[..len]) {
            Err(Error::Truncated {
                expected, found, ..
            }) => {
                assert_eq!(found, len);
                assert!(expected > len);
            }
            other => panic!("truncated to {len}: expected Truncated, got {other:?}"),
        }
    }
}

#[test]
fn flipped_payload_byte_fails_the_checksum() {
    let data = small();
    for pos in [HEADER_LEN, HEADER_LEN + 7, data.len() / 2, data.len() - 1] {
        let mut d = data.clone();
        d[pos] ^= 0x10;
        assert!(
            matches!(
                Dictionary::from_bytes("t", &d),
                Err(Error::ChecksumMismatch { .. })
            ),
            "flip at {pos}"
        );
    }
}

#[test]
fn wrong_version_is_rejected() {
    let mut d = small();
    d[8..10].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    match Dictionary::from_bytes("t", &d) {
        Err(Error::UnsupportedVersion {
            found, supported, ..
        }) => {
            assert_eq!(found, FORMAT_VERSION + 1);
            assert_eq!(supported, FORMAT_VERSION);
        }
        other => panic!("expected UnsupportedVersion, got {other:?}"),
    }
}

#[test]
fn wrong_magic_is_rejected() {
    let mut d = small();
    d[1] = b'X';
    assert!(matches!(
        Dictionary::from_bytes("t", &d),
        Err(Error::BadMagic { .. })
    ));
    assert!(matches!(
        Dictionary::from_bytes("t", b"not a dictionary at all, just text"),
        Err(Error::BadMagic { .. })
    ));
    assert!(matches!(
        Dictionary::from_bytes("t", b"{\"json\": 1}"),
        Err(Error::BadMagic { .. })
    ));
}

#[test]
fn trailing_bytes_are_rejected() {
    let mut d = small();
    d.push(0);
    assert!(matches!(
        Dictionary::from_bytes("t", &d),
        Err(Error::Corrupt { .. })
    ));
}

#[test]
fn structurally_invalid_payloads_are_rejected_not_misread() {
    let entries = |keys: &[(&str, &str)]| -> Vec<Entry> {
        keys.iter()
            .map(|(k, v)| Entry {
                key: k.to_string(),
                value: v.to_string(),
                part: 0,
            })
            .collect()
    };
    let good = encode(
        "x",
        &entries(&[("乾", "干"), ("乾隆", "乾隆"), ("髮", "发")]),
    )
    .expect("encodes");
    assert!(Dictionary::from_bytes("x", &good).is_ok());
    // Unsorted input is refused by the encoder.
    assert!(encode("x", &entries(&[("髮", "发"), ("乾", "干")])).is_err());
    // Every single-byte change of the payload, re-sealed: an error or a valid
    // dictionary, never a panic.
    for pos in HEADER_LEN..good.len() {
        for delta in [1u8, 0x80, 0xFF] {
            let mut d = good.clone();
            d[pos] = d[pos].wrapping_add(delta);
            let _ = Dictionary::from_bytes("x", &reseal(d));
        }
    }
    // A key count larger than the data.
    let mut d = good.clone();
    let n_keys_at = HEADER_LEN + 1 + 1; // id length byte, id "x"
    d[n_keys_at..n_keys_at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(
        Dictionary::from_bytes("x", &reseal(d)),
        Err(Error::Corrupt { .. })
    ));
}

#[test]
fn mutated_real_files_never_panic() {
    let data = compiled()["hk-variants"].clone();
    let step = (data.len() / 500).max(1);
    for pos in (HEADER_LEN..data.len()).step_by(step) {
        let mut d = data.clone();
        d[pos] ^= 0x5A;
        let _ = Dictionary::from_bytes("hk", &reseal(d));
    }
}

#[test]
fn converter_reports_missing_and_unknown() {
    let norm = compiled()["norm"].clone();
    match Converter::from_files("s2t", &[("norm.scd", &norm)]) {
        Err(Error::MissingDictionary { config, group }) => {
            assert_eq!(config, "s2t");
            assert_eq!(group, "st");
        }
        other => panic!("expected MissingDictionary, got {other:?}"),
    }
    let err = Converter::from_files("s2x", &[]).expect_err("unknown config");
    assert!(matches!(err, Error::UnknownConfig { .. }));
    assert!(
        err.to_string().contains("s2twp"),
        "message lists the valid configs: {err}"
    );
    let mut bad = norm.clone();
    bad[0] = 0;
    let err = Converter::from_files("s2t", &[("norm.scd", &bad)]).expect_err("bad magic");
    assert!(
        err.to_string().contains("norm.scd"),
        "message names the file: {err}"
    );
    assert_eq!(&MAGIC[..4], b"\x89SCD");
}

/// Hostile input: a crafted file whose keys are long runs of one-byte characters (with
/// one-character values) would make the loader allocate about 12 bytes of tables per file byte
/// (100 MB for 8 MB) before any later check; the tables are bounded by the file's size.
#[test]
fn allocations_are_bounded_by_the_file_size() {
    let entries: Vec<Entry> = (0..2000u32)
        .map(|i| {
            // Distinct at the first character, so nothing is shared: 253 nodes per key (255 bytes).
            let first = char::from_u32(0x4E00 + i).unwrap();
            let key: String = std::iter::once(first)
                .chain((0..252).map(|j| char::from(b'a' + (j % 26) as u8)))
                .collect();
            Entry {
                key,
                value: first.to_string(),
                part: 0,
            }
        })
        .collect();
    let data = encode("crafted", &entries).expect("encodes");
    let err = Dictionary::from_bytes("crafted.scd", &data)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("its tables would take") && err.contains("per file byte"),
        "{err}"
    );
    // Real files stay well inside the bound.
    for (id, bytes) in compiled() {
        Dictionary::from_bytes(id, bytes).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
}

/// FORMAT.md: max shrink is the max over entries of ⌈key chars / value chars⌉; a file that
/// states another value is refused (streaming sizes its buffers by it).
#[test]
fn max_shrink_is_checked_against_the_data() {
    let data = small();
    let id_len = usize::from(data[HEADER_LEN]);
    let at = HEADER_LEN + 1 + id_len + 20 + 1;
    let stated = data[at];
    for wrong in [stated.wrapping_add(1), 200, stated.saturating_sub(1).max(1)] {
        if wrong == stated {
            continue;
        }
        let mut d = data.clone();
        d[at] = wrong;
        let err = Dictionary::from_bytes("t.scd", &reseal(d))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!(
                "max shrink is {wrong} but the keys and values give {stated}"
            )),
            "{err}"
        );
    }
}
