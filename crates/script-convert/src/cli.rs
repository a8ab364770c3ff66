//! Command-line entry points: `article-widget convert` and `article-widget dict`.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use crate::compile::Leaves;
use crate::{config, dict, Converter, Dictionary, Error, TofuRisk, CONFIG_NAMES};

const USAGE: &str = "\
usage:
  article-widget convert --config NAME [--tofu-risk include|exclude]
                         [--data DIR | --dict-dir DIR] [FILE...]
      Converts UTF-8 text from FILEs (or stdin) to stdout, streaming.
      --config NAME   one of: s2t t2s s2tw tw2s s2twp tw2sp s2hk hk2s s2hkp hk2sp
                      t2tw tw2t t2hk hk2t jp2t t2jp
      --tofu-risk M   include (default, as OpenCC's library) or exclude (as OpenCC's
                      command-line tool) the dictionaries OpenCC marks may_output_tofu,
                      whose characters many fonts show as empty boxes
      --data DIR      OpenCC text data (default: data/opencc of the script-convert crate)
      --dict-dir DIR  use compiled dictionaries (from `dict build`) instead
  article-widget dict build --out DIR [--data DIR]
      Compiles the OpenCC text dictionaries into one file per dictionary group
      (<group>.<crc32>.scd, content-addressed) plus manifest.json.";

/// Default OpenCC data directory: `data/opencc` of this crate (shipped in its package).
pub fn default_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/opencc")
}

/// Runs a subcommand; `args[0]` is `convert` or `dict`. Prints errors to stderr.
pub fn main(args: &[String]) -> ExitCode {
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Like [`main`], returning the error message instead of printing it.
pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("convert") => convert_cmd(&args[1..]),
        Some("dict") => dict_cmd(&args[1..]),
        Some("-h" | "--help" | "help") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown subcommand {other:?}\n{USAGE}")),
    }
}

struct Opts {
    config: Option<String>,
    tofu: TofuRisk,
    data: Option<PathBuf>,
    dict_dir: Option<PathBuf>,
    out: Option<PathBuf>,
    files: Vec<PathBuf>,
}

fn parse_opts(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        config: None,
        tofu: TofuRisk::Include,
        data: None,
        dict_dir: None,
        out: None,
        files: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--config" | "-c" => o.config = Some(value(a)?),
            "--tofu-risk" => {
                let v = value(a)?;
                o.tofu = TofuRisk::parse(&v).ok_or_else(|| {
                    format!("--tofu-risk {v:?}: give include or exclude\n{USAGE}")
                })?;
            }
            "--data" => o.data = Some(value(a)?.into()),
            "--dict-dir" => o.dict_dir = Some(value(a)?.into()),
            "--out" | "-o" => o.out = Some(value(a)?.into()),
            "-" => o.files.push(a.into()),
            s if s.starts_with('-') => return Err(format!("unknown option {s:?}\n{USAGE}")),
            _ => o.files.push(a.into()),
        }
    }
    Ok(o)
}

fn load_converter(o: &Opts, name: &str) -> Result<Converter, String> {
    let spec = config::config(name).ok_or_else(|| {
        format!(
            "unknown config {name:?}; valid configs: {}",
            CONFIG_NAMES.join(", ")
        )
    })?;
    if let Some(dir) = &o.dict_dir {
        let mut dicts = Vec::new();
        for g in spec.groups_with(o.tofu) {
            let (file, bytes) = read_group_file(dir, g)?;
            dicts.push(Arc::new(
                Dictionary::from_bytes(&file, &bytes).map_err(|e| e.to_string())?,
            ));
        }
        return Converter::with_tofu_risk(name, o.tofu, &dicts).map_err(|e| e.to_string());
    }
    let data = o.data.clone().unwrap_or_else(default_data_dir);
    let leaves = Leaves::from_dir(&data.join("dictionary")).map_err(|e| e.to_string())?;
    leaves
        .converter_with(name, o.tofu)
        .map_err(|e| e.to_string())
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

fn convert_cmd(args: &[String]) -> Result<(), String> {
    let o = parse_opts(args)?;
    let name = o.config.clone().ok_or_else(|| {
        format!(
            "--config is required; valid configs: {}",
            CONFIG_NAMES.join(", ")
        )
    })?;
    if o.out.is_some() {
        return Err("convert writes to stdout; --out is not accepted".into());
    }
    let conv = load_converter(&o, &name)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = if o.files.is_empty() {
        convert_reader(&conv, io::stdin().lock(), "<stdin>", &mut out)
    } else {
        o.files.iter().try_for_each(|f| {
            if f.as_os_str() == "-" {
                return convert_reader(&conv, io::stdin().lock(), "<stdin>", &mut out);
            }
            let file = std::fs::File::open(f).map_err(|e| format!("{}: {e}", f.display()))?;
            convert_reader(&conv, file, &f.display().to_string(), &mut out)
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

fn dict_cmd(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("build") => {
            let o = parse_opts(&args[1..])?;
            let out = o
                .out
                .clone()
                .ok_or_else(|| format!("dict build needs --out DIR\n{USAGE}"))?;
            let data = o.data.clone().unwrap_or_else(default_data_dir);
            let report = build_dictionaries(&data, &out).map_err(|e| e.to_string())?;
            eprintln!("{report}");
            Ok(())
        }
        _ => Err(format!("unknown dict subcommand\n{USAGE}")),
    }
}

/// Compiles every dictionary group into `<out>/<group>.scd` and writes
/// `<out>/manifest.json`. Returns a one-line summary per file.
pub fn build_dictionaries(data: &Path, out: &Path) -> Result<String, Error> {
    let io_err = |p: &Path, e: io::Error| Error::Io {
        path: p.display().to_string(),
        message: e.to_string(),
    };
    let leaves = Leaves::from_dir(&data.join("dictionary"))?;
    std::fs::create_dir_all(out).map_err(|e| io_err(out, e))?;
    let mut files: Vec<(String, usize, u32)> = Vec::new();
    let mut report = String::new();
    for g in config::GROUPS {
        let bytes = leaves.compile_group(g.id)?;
        // Round-trip check: every written file must load.
        Dictionary::from_bytes(g.id, &bytes)?;
        let crc = crate::crc32::crc32(&bytes);
        let path = out.join(file_name(g.id, crc));
        std::fs::write(&path, &bytes).map_err(|e| io_err(&path, e))?;
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
