//! `article-widget convert`: Chinese script conversion of files or stdin, streaming.

use script_convert::{cli as sc, TofuRisk};

use crate::{ConvertArgs, Tofu};

/// Converts the files (or stdin) to stdout.
pub fn run(args: ConvertArgs) -> Result<(), String> {
    let tofu = match args.tofu_risk {
        Tofu::Include => TofuRisk::Include,
        Tofu::Exclude => TofuRisk::Exclude,
    };
    let conv = match (&args.data, &args.dict_dir) {
        (Some(data), _) => sc::converter_from_data(data, &args.config, tofu)?,
        (None, Some(dir)) => sc::converter_from_dict_dir(dir, &args.config, tofu)?,
        (None, None) => embedded_dicts::converter(&args.config, tofu).map_err(|e| e.to_string())?,
    };
    sc::convert_files(&conv, &args.files)
}
