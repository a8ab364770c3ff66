//! `article-widget dict build`: the dictionary files the widget fetches from `dict/`.

use std::path::PathBuf;

use script_convert::cli as sc;

/// Writes the dictionary files and their manifest into `out`.
pub fn build(out: PathBuf, data: Option<PathBuf>) -> Result<(), String> {
    let report = match data {
        Some(data) => sc::build_dictionaries(&data, &out),
        None => {
            let files: Vec<(String, &[u8])> = embedded_dicts::FILES
                .iter()
                .map(|(name, bytes)| (name.split('.').next().unwrap_or(name).to_owned(), *bytes))
                .collect();
            sc::write_dictionaries(&files, &out)
        }
    }
    .map_err(|e| e.to_string())?;
    eprintln!("{report}");
    Ok(())
}
