//! `cargo xtask build`: the release WebAssembly modules into `www/pkg/` (wasm-bindgen, then
//! wasm-opt and glue without comments), the demo's embed-code builder into `www/demo/pkg/`,
//! content-hashed copies of the modules, and the compiled dictionaries into `www/dict/`.

use crate::layout::{self, WasmPackage, CLI_BIN, CLI_PACKAGE};
use crate::release::assets;
use crate::setup;
use crate::util::{cargo, root, run, target_dir, Cmd};

/// Builds the distributable: `www/pkg/` and `www/dict/`.
pub fn build(dev: bool) -> Result<(), String> {
    let root = root();
    let pkg = root.join("www/pkg");
    wasm_package(&layout::WIDGET, &[], !dev, &pkg)?;
    // The conversion engine: a second module, loaded on a reader's first script switch.
    wasm_package(&layout::ENGINE, &[], !dev, &pkg)?;
    // The demo's embed-code builder: the snippet code in its own module, never in www/pkg.
    let demo = root.join("www/demo/pkg");
    wasm_package(&layout::SNIPPET_BUILDER, &[], !dev, &demo)?;
    // Content-hashed copies of the modules and their names (www/pkg/assets.json), which the
    // demo and test server writes into the loader it serves.
    let hashed = assets::hash_assets(&root.join("www"))?;
    println!("hashed modules: {}", serde_json::Value::Object(hashed));
    let dict = root.join("www/dict");
    run(cli(!dev)
        .args(["dict", "build", "--out"])
        .arg(dict.to_str().unwrap_or_default()))?;
    println!(
        "built {}, {} and {}",
        pkg.display(),
        demo.display(),
        dict.display()
    );
    Ok(())
}

/// `cargo run` of the command-line tool (release or debug build); its arguments follow.
pub fn cli(release: bool) -> Cmd {
    let c = cargo(&["run", "--quiet", "-p", CLI_PACKAGE, "--bin", CLI_BIN]);
    if release {
        c.args(["--release", "--"])
    } else {
        c.arg("--")
    }
}

/// Builds `package`'s library for wasm32, runs wasm-bindgen (`--target web`) into `out_dir`
/// and, for a release build, `wasm-opt -Oz --converge` with the features rustc enables.
pub fn wasm_package(
    package: &WasmPackage,
    extra_cargo_args: &[&str],
    release: bool,
    out_dir: &std::path::Path,
) -> Result<(), String> {
    let mut c = cargo(&[
        "build",
        "-p",
        package.package,
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
    ])
    .args(extra_cargo_args);
    if release {
        c = c.arg("--release");
    }
    run(c)?;
    let (lib, out_name) = (package.lib, package.out_name);
    let profile = if release { "release" } else { "debug" };
    let wasm = target_dir().join(format!("wasm32-unknown-unknown/{profile}/{lib}.wasm"));
    run(Cmd::new("wasm-bindgen")
        .arg(wasm.to_string_lossy())
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            out_name,
            "--out-dir",
        ])
        .arg(out_dir.to_string_lossy()))?;
    if release {
        let out = out_dir.join(format!("{out_name}_bg.wasm"));
        let out = out.to_string_lossy();
        run(Cmd::new(&setup::wasm_opt().to_string_lossy())
            // `--converge` repeats -Oz until it stops shrinking the module (about 0.5 KB brotli
            // off the widget); `--low-memory-unused` lets loads and stores fold small constant
            // offsets, true for Rust's layout, whose stack grows down towards address 0 and
            // whose data lies above it (about 0.4 KB more). See docs/BENCHMARKS.md.
            .args(["-Oz", "--converge", "--low-memory-unused"])
            .args(["--strip-debug", "--strip-producers"])
            .args(setup::WASM_FEATURES)
            .args([&*out, "-o", &*out]))?;
        let glue = out_dir.join(format!("{out_name}.js"));
        let text =
            std::fs::read_to_string(&glue).map_err(|e| format!("{}: {e}", glue.display()))?;
        std::fs::write(&glue, compact_glue(&text))
            .map_err(|e| format!("{}: {e}", glue.display()))?;
    }
    Ok(())
}

/// wasm-bindgen's JS glue without its comments (`/** … */` blocks copied from the Rust docs,
/// which stay the reference, and whole-line `//` comments), blank lines and indentation: about
/// 1 KB brotli off the widget's glue. The glue is left as it is when its code has a template
/// literal over several lines or a line continuation (where a line could be part of a
/// string), or a comment of another shape than wasm-bindgen writes.
fn compact_glue(text: &str) -> String {
    let mut code = Vec::new();
    let mut in_doc = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if in_doc {
            if trimmed == "*/" {
                in_doc = false;
            } else if !trimmed.starts_with('*') || trimmed.contains("*/") {
                return text.to_owned();
            }
        } else if trimmed == "/**" {
            in_doc = true;
        } else if !trimmed.is_empty() && !trimmed.starts_with("//") {
            code.push(trimmed);
        }
    }
    // A line with an odd number of backticks opens or closes a multi-line template literal.
    let multi_line = |l: &&str| l.matches('`').count() % 2 == 1 || l.ends_with('\\');
    if in_doc || code.iter().any(multi_line) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for line in code {
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::compact_glue;

    #[test]
    fn glue_loses_comments_and_indentation_only() {
        let glue = "/**\n * Mounts `host`.\n * @param {any} host\n */\nexport function mount(host) {\n    // Cast intrinsic for `F64 -> Externref`.\n    const ret = wasm.mount(host, `${a}`);\n\n    if (ret[1]) { throw x; }\n}\n/** @type {number} */ let n = 1;\nconst a = '/** not a comment */'; // trailing\n";
        assert_eq!(
            compact_glue(glue),
            "export function mount(host) {\nconst ret = wasm.mount(host, `${a}`);\nif (ret[1]) { throw x; }\n}\n/** @type {number} */ let n = 1;\nconst a = '/** not a comment */'; // trailing\n"
        );
        for unchanged in [
            "function f() {\n    return `a\n    // b`;\n}\n",
            "const s = 'a\\\n    b';\n",
            "/**\n * doc\nconst x = 1;\n",
        ] {
            assert_eq!(compact_glue(unchanged), unchanged);
        }
    }
}
