//! Every package, binary and crate path the automation names, in one place: moving a crate or
//! renaming a package is a change of these constants only.

/// A library built for wasm32 and run through wasm-bindgen.
pub struct WasmPackage {
    /// The cargo package.
    pub package: &'static str,
    /// Its library's name: cargo writes `<lib>.wasm` (the package name with `_` for `-`,
    /// unless its `[lib]` sets another).
    pub lib: &'static str,
    /// The stem of the files wasm-bindgen writes (`--out-name`): `<out_name>.js` and
    /// `<out_name>_bg.wasm`, the names the loader and the bundle use.
    pub out_name: &'static str,
}

/// The widget's module (mount, fetch, script switching): `www/pkg/article_widget.js` and
/// `www/pkg/article_widget_bg.wasm`; with `--features crash-test`, the end-to-end tests'
/// crash module.
pub const WIDGET: WasmPackage = WasmPackage {
    package: "article-widget-embed",
    lib: "article_widget_embed",
    out_name: "article_widget",
};

/// The conversion engine, loaded on a reader's first script switch.
pub const ENGINE: WasmPackage = WasmPackage {
    package: "article-widget-engine",
    lib: "article_widget_engine",
    out_name: "article_widget_engine",
};

/// The demo's embed-code builder, into `www/demo/pkg/`.
pub const SNIPPET_BUILDER: WasmPackage = WasmPackage {
    package: "snippet-builder",
    lib: "snippet_builder",
    out_name: "snippet_builder",
};

/// The converter benchmark's wasm harness (built with and without the engine).
pub const BENCH_WASM: WasmPackage = WasmPackage {
    package: "bench-wasm",
    lib: "bench_wasm",
    out_name: "bench_wasm",
};

/// Where the harness's crate is; the benchmark report names it.
pub const BENCH_WASM_DIR: &str = "dev/bench-wasm";

/// The converter benchmark's native package and its binary.
pub const BENCH_NATIVE_PACKAGE: &str = "bench";
pub const BENCH_NATIVE_BIN: &str = "bench-native";

/// The Yew component library: its wasm32 tests (`tests/browser.rs` and others) are the
/// browser tests.
pub const COMPONENTS: &str = "article-widget";

/// The command-line tool: its package, its binary, and the directory `cargo install --path`
/// installs it from.
pub const CLI_PACKAGE: &str = "article-widget-cli";
pub const CLI_BIN: &str = "article-widget";
pub const CLI_DIR: &str = "crates/cli";

/// The library crates published to crates.io, each in `crates/<name>/`.
/// Native-only packages (clap, tokio, libFuzzer harnesses): never built for wasm32.
pub const NATIVE_ONLY: [&str; 3] = ["xtask", CLI_PACKAGE, "article-widget-fuzz-harness"];

pub const PUBLISHED_CRATES: [&str; 2] = ["article-model", "script-convert"];

/// The converter crate; it has its own fuzz crate and carries OpenCC's data.
pub const SCRIPT_CONVERT_DIR: &str = "crates/script-convert";

/// The directories holding a cargo-fuzz crate (`<dir>/fuzz/`, outside the workspace, each
/// with its own lock file).
pub const FUZZ_CRATES: [&str; 2] = [".", SCRIPT_CONVERT_DIR];

/// OpenCC's dictionary data, with its license and notice, in [`SCRIPT_CONVERT_DIR`].
pub const OPENCC_DATA: &str = "data/opencc";

/// The product's name: the release bundle is `<PRODUCT>-<version>`, the npm package
/// `<PRODUCT>`.
pub const PRODUCT: &str = "article-widget";

/// The release version: the workspace's (tests/version.rs holds the others to it).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
