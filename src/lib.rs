//! article-widget: a Yew component that renders a news article faithfully and attributed, and
//! the WebAssembly embed that mounts it on partner pages.
//!
//! * [`ArticleWidget`] loads an article (or takes one) and renders it with loading and error
//!   states; [`ArticleView`] renders a loaded [`Article`]. Both render under Yew SSR too.
//! * In WebAssembly, `mount(element, options)` / `unmount(element)` (module `embed`) are what
//!   `www/article-widget.js` calls.
//!
//! The article format lives in the `article-model` crate; the script converter in
//! `script-convert`. See ARCHITECTURE.md for the map.

pub mod control;
pub mod datefmt;
pub mod error;
pub mod inline_json;
pub mod jsonld;
pub mod labels;
pub mod switch;
pub mod view;
pub mod widget;

/// Native command line (`snippet`, `oembed`).
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
/// Fuzzing harnesses of the whole pipeline (`fuzz/`, `tests/pipeline_fuzz.rs`).
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod fuzz_harness;
/// The syndication snippet (server-side rendering): natively, and in wasm32 with `ssr`.
#[cfg(any(feature = "ssr", not(target_arch = "wasm32")))]
pub mod snippet;

#[cfg(target_arch = "wasm32")]
pub mod dicts;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod fetch;
#[cfg(target_arch = "wasm32")]
mod options;
#[cfg(target_arch = "wasm32")]
pub mod prefetch;

pub use article_convert as script;
pub use article_model::Article;
pub use error::LoadError;
pub use view::{ArticleView, ArticleViewProps};
pub use widget::{ArticleWidget, ArticleWidgetProps, LoadState, STYLESHEET};

/// The module's allocator: talc instead of Rust's default dlmalloc, about 2 KB brotli smaller
/// (docs/BENCHMARKS.md, payload steps). Single-threaded wasm (no `atomics`) only.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
