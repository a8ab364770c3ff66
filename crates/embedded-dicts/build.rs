//! Compiles OpenCC's text dictionaries (shipped in the script-convert crate) into the same
//! content-addressed files `article-widget dict build` writes, in OUT_DIR, and generates
//! `embedded.rs`, which includes them.

use std::path::PathBuf;

fn main() {
    // OpenCC's data inside the script-convert crate, found from this crate's directory as cargo
    // gives it to this run (a path compiled into script-convert could name another checkout
    // that shares the target directory).
    let here = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let data = here.join("../script-convert/data/opencc");
    println!(
        "cargo:rerun-if-changed={}",
        data.join("dictionary").display()
    );
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dir = out.join("dict");
    if let Err(e) = script_convert::cli::build_dictionaries(&data, &dir) {
        // A build script reports through a panic; the message names the data directory.
        panic!(
            "compiling the OpenCC dictionaries from {}: {e}",
            data.display()
        );
    }
    let manifest = dir.join("manifest.json");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("OUT_DIR/dict")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".scd"))
        .collect();
    files.sort();
    let mut code = String::from(
        "/// Every compiled dictionary group: (`<group>.<crc32>.scd`, bytes).\n\
         pub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for f in &files {
        code.push_str(&format!(
            "    ({f:?}, include_bytes!({:?})),\n",
            dir.join(f).display().to_string()
        ));
    }
    code.push_str("];\n");
    code.push_str(&format!(
        "/// The `manifest.json` that lists [`FILES`] per config.\n\
         pub static MANIFEST: &str = include_str!({:?});\n",
        manifest.display().to_string()
    ));
    std::fs::write(out.join("embedded.rs"), code).expect("write embedded.rs");
}
