//! The library side of `article-widget convert` and `article-widget dict build` (the argument
//! parsing lives in the `article-widget` binary): converters from OpenCC's text data or from
//! compiled files, streaming conversion with bounded memory, and the dictionary build.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::compile::Leaves;
use crate::{config, dict, Converter, Dictionary, Error, TofuRisk, CONFIG_NAMES};

/// Default OpenCC data directory: `data/opencc` of this crate (shipped in its package).
pub fn default_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/opencc")
}

/// A converter for `name` compiled in memory from the OpenCC text data in `data` (the
/// directory holding `dictionary/`).
pub fn converter_from_data(data: &Path, name: &str, tofu: TofuRisk) -> Result<Converter, String> {
    known_config(name)?;
    let leaves = Leaves::from_dir(&data.join("dictionary")).map_err(|e| e.to_string())?;
    leaves.converter_with(name, tofu).map_err(|e| e.to_string())
}

/// A converter for `name` from the compiled files of a `dict build` output directory.
pub fn converter_from_dict_dir(
    dir: &Path,
    name: &str,
    tofu: TofuRisk,
) -> Result<Converter, String> {
    let spec = known_config(name)?;
    let mut dicts = Vec::new();
    for g in spec.groups_with(tofu) {
        let (file, bytes) = read_group_file(dir, g)?;
        dicts.push(Arc::new(
            Dictionary::from_bytes(&file, &bytes).map_err(|e| e.to_string())?,
        ));
    }
    Converter::with_tofu_risk(name, tofu, &dicts).map_err(|e| e.to_string())
}

fn known_config(name: &str) -> Result<&'static config::ConfigSpec, String> {
    config::config(name).ok_or_else(|| {
        format!(
            "unknown config {name:?}; valid configs: {}",
            CONFIG_NAMES.join(", ")
        )
    })
}

/// The file name the manifest lists for `group` (`"group": "st", "file": "st.1a2b3c4d.scd"`).
pub fn manifest_file_name<'a>(manifest: &'a str, group: &str) -> Option<&'a str> {
    let key = format!("\"group\": \"{group}\", \"file\": \"");
    let start = manifest.find(&key)? + key.len();
    let len = manifest[start..].find('"')?;
    Some(&manifest[start..start + len])
}

/// Reads the compiled file of `group` from a `dict build` output directory (found through its
/// `manifest.json`); returns the file name and its bytes.
pub fn read_group_file(dir: &Path, group: &str) -> Result<(String, Vec<u8>), String> {
    let manifest_path = dir.join("manifest.json");
    let manifest = std::fs::read_to_string(&manifest_path).map_err(|e| {
        format!(
            "{}: {e}; run `article-widget dict build --out {}`",
            manifest_path.display(),
            dir.display()
        )
    })?;
    let file = manifest_file_name(&manifest, group).ok_or_else(|| {
        format!(
            "{}: no file for group {group}; rebuild it with `article-widget dict build`",
            manifest_path.display()
        )
    })?;
    let path = dir.join(file);
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((file.to_owned(), bytes))
}

/// The content-addressed file name of a group's compiled bytes: `<group>.<crc32>.scd`.
pub fn file_name(group: &str, crc: u32) -> String {
    format!("{group}.{crc:08x}.{}", dict::FILE_EXTENSION)
}

/// Converts the files (`-` is stdin; none: stdin) to stdout, streaming each in bounded
/// chunks. A closed stdout (`| head`) ends the conversion quietly.
pub fn convert_files(conv: &Converter, files: &[PathBuf]) -> Result<(), String> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = if files.is_empty() {
        convert_reader(conv, io::stdin().lock(), "<stdin>", &mut out)
    } else {
        files.iter().try_for_each(|f| {
            if f.as_os_str() == "-" {
                return convert_reader(conv, io::stdin().lock(), "<stdin>", &mut out);
            }
            let file = std::fs::File::open(f).map_err(|e| format!("{}: {e}", f.display()))?;
            convert_reader(conv, file, &f.display().to_string(), &mut out)
        })
    };
    let flushed = out.flush();
    match (result, flushed) {
        (Err(e), _) if e == BROKEN_PIPE => Ok(()),
        (Err(e), _) => Err(e),
        (Ok(()), Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        (Ok(()), Err(e)) => Err(format!("writing stdout: {e}")),
        (Ok(()), Ok(())) => Ok(()),
    }
}

const BROKEN_PIPE: &str = "broken pipe";

/// Streams `input` through the converter in bounded chunks.
pub fn convert_reader<R: Read, W: Write>(
    conv: &Converter,
    mut input: R,
    name: &str,
    out: &mut W,
) -> Result<(), String> {
    let mut stream = conv.stream();
    let mut buf = vec![0u8; 1 << 16];
    let mut carry: Vec<u8> = Vec::new();
    let mut offset = 0usize; // bytes of `name` consumed before `carry`
    let mut converted = String::new();
    let write = |out: &mut W, s: &mut String| -> Result<(), String> {
        let r = out.write_all(s.as_bytes());
        s.clear();
        r.map_err(|e| {
            if e.kind() == io::ErrorKind::BrokenPipe {
                BROKEN_PIPE.to_string()
            } else {
                format!("writing stdout: {e}")
            }
        })
    };
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("{name}: {e}")),
        };
        carry.extend_from_slice(&buf[..n]);
        let valid = match std::str::from_utf8(&carry) {
            Ok(_) => carry.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => {
                return Err(format!(
                    "{name}: invalid UTF-8 at byte offset {}; convert the input to UTF-8 first (e.g. with iconv)",
                    offset + e.valid_up_to()
                ))
            }
        };
        let text = std::str::from_utf8(&carry[..valid]).map_err(|e| e.to_string())?;
        stream.push(text, &mut converted);
        write(out, &mut converted)?;
        carry.drain(..valid);
        offset += valid;
    }
    if !carry.is_empty() {
        return Err(format!(
            "{name}: invalid UTF-8 at byte offset {offset} (truncated character at end of input); \
             convert the input to UTF-8 first"
        ));
    }
    stream.finish(&mut converted);
    write(out, &mut converted)
}

/// Compiles every dictionary group from the OpenCC text data in `data` into
/// `<out>/<group>.<crc32>.scd` and writes `<out>/manifest.json`. Returns a one-line summary
/// per file.
pub fn build_dictionaries(data: &Path, out: &Path) -> Result<String, Error> {
    let leaves = Leaves::from_dir(&data.join("dictionary"))?;
    let mut compiled = Vec::new();
    for g in config::GROUPS {
        compiled.push((g.id.to_string(), leaves.compile_group(g.id)?));
    }
    write_dictionaries(&compiled, out)
}

/// Writes compiled groups (`(group id, bytes)` for every group of [`config::GROUPS`]) as
/// `<out>/<group>.<crc32>.scd` plus `<out>/manifest.json`, removing the `.scd` files of
/// earlier builds. Each file is loaded back (header, checksum, structure) before it is written.
pub fn write_dictionaries<B: AsRef<[u8]>>(
    compiled: &[(String, B)],
    out: &Path,
) -> Result<String, Error> {
    let io_err = |p: &Path, e: io::Error| Error::Io {
        path: p.display().to_string(),
        message: e.to_string(),
    };
    std::fs::create_dir_all(out).map_err(|e| io_err(out, e))?;
    let mut files: Vec<(String, usize, u32)> = Vec::new();
    let mut report = String::new();
    for g in config::GROUPS {
        let bytes = compiled
            .iter()
            .find(|(id, _)| id == g.id)
            .map(|(_, b)| b.as_ref())
            .ok_or_else(|| Error::MissingDictionary {
                config: "dict build".into(),
                group: g.id.into(),
            })?;
        // Round-trip check: every written file must load.
        let loaded = Dictionary::from_bytes(g.id, bytes)?;
        if loaded.id() != g.id {
            return Err(Error::Corrupt {
                file: g.id.into(),
                reason: format!("the file holds group {}, not {}", loaded.id(), g.id),
            });
        }
        let crc = crate::crc32::crc32(bytes);
        let path = out.join(file_name(g.id, crc));
        std::fs::write(&path, bytes).map_err(|e| io_err(&path, e))?;
        report.push_str(&format!(
            "wrote {} ({} bytes)\n",
            path.display(),
            bytes.len()
        ));
        files.push((g.id.to_string(), bytes.len(), crc));
    }
    // Content-addressed names change with the data: remove files of earlier builds.
    let written: Vec<String> = files
        .iter()
        .map(|(id, _, crc)| file_name(id, *crc))
        .collect();
    for entry in std::fs::read_dir(out)
        .map_err(|e| io_err(out, e))?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(&format!(".{}", dict::FILE_EXTENSION)) && !written.contains(&name) {
            std::fs::remove_file(entry.path()).map_err(|e| io_err(&entry.path(), e))?;
        }
    }
    let manifest = manifest_json(&files);
    let path = out.join("manifest.json");
    std::fs::write(&path, manifest).map_err(|e| io_err(&path, e))?;
    report.push_str(&format!("wrote {}", path.display()));
    Ok(report)
}

/// The manifest: format version, every file (group, content-addressed name, size, CRC-32)
/// and, per config, the ordered list of files (`configs`; `configs_without_tofu_risk` when
/// the `may_output_tofu` dictionaries are left out).
pub fn manifest_json(files: &[(String, usize, u32)]) -> String {
    let file_obj = |id: &str| -> String {
        match files.iter().find(|f| f.0 == id) {
            Some((id, size, crc)) => format!(
                "{{\"group\": \"{id}\", \"file\": \"{}\", \"size\": {size}, \"crc32\": \"{crc:08x}\"}}",
                file_name(id, *crc)
            ),
            None => "null".into(),
        }
    };
    let mut s = String::new();
    s.push_str("{\n  \"format\": \"script-convert-dictionary\",\n");
    s.push_str(&format!(
        "  \"format_version\": {},\n",
        dict::FORMAT_VERSION
    ));
    s.push_str("  \"opencc_version\": \"1.4.2\",\n  \"files\": [\n");
    let list: Vec<String> = files
        .iter()
        .map(|f| format!("    {}", file_obj(&f.0)))
        .collect();
    s.push_str(&list.join(",\n"));
    s.push_str("\n  ]");
    for (key, tofu) in [
        ("configs", TofuRisk::Include),
        ("configs_without_tofu_risk", TofuRisk::Exclude),
    ] {
        s.push_str(&format!(",\n  \"{key}\": {{\n"));
        let configs: Vec<String> = config::CONFIGS
            .iter()
            .map(|c| {
                let fs: Vec<String> = c
                    .groups_with(tofu)
                    .iter()
                    .map(|g| format!("      {}", file_obj(g)))
                    .collect();
                format!("    \"{}\": [\n{}\n    ]", c.name, fs.join(",\n"))
            })
            .collect();
        s.push_str(&configs.join(",\n"));
        s.push_str("\n  }");
    }
    s.push_str("\n}\n");
    s
}
