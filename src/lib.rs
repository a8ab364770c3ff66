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
pub mod listen;
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

/// Gives back most of a registry's spare capacity once it holds a quarter of it or less, so a
/// page that once had many widgets does not keep their slots (`heap::in_use`).
pub(crate) fn give_back<T>(v: &mut Vec<T>) {
    if v.len() * 4 <= v.capacity() {
        v.shrink_to(v.len() * 2);
    }
}

/// The module's allocator: talc instead of Rust's default dlmalloc, about 2 KB brotli smaller
/// (docs/BENCHMARKS.md, payload steps), counting the bytes in use (`heap::in_use`).
/// Single-threaded wasm (no `atomics`) only.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: heap::Counting<talc::wasm::WasmDynamicTalc> =
    heap::Counting(talc::wasm::new_wasm_dynamic_allocator());

/// What the module's heap holds. Linear memory never shrinks (WebAssembly has no such
/// instruction), so "memory given back" means bytes freed to the allocator for reuse:
/// `memoryUse()` says how many are handed out now (the lifecycle tests compare it with a
/// one-widget page).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub mod heap {
    use std::alloc::{GlobalAlloc, Layout};
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    static IN_USE: AtomicUsize = AtomicUsize::new(0);

    /// A global allocator that counts the bytes `A` has handed out and not had back.
    pub struct Counting<A>(pub A);

    // SAFETY: every call is passed to `A` unchanged; the count only observes the results.
    unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let p = self.0.alloc(layout);
            if !p.is_null() {
                IN_USE.fetch_add(layout.size(), Relaxed);
            }
            p
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            let p = self.0.alloc_zeroed(layout);
            if !p.is_null() {
                IN_USE.fetch_add(layout.size(), Relaxed);
            }
            p
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            self.0.dealloc(ptr, layout);
            IN_USE.fetch_sub(layout.size(), Relaxed);
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let p = self.0.realloc(ptr, layout, new_size);
            if !p.is_null() {
                IN_USE.fetch_sub(layout.size(), Relaxed);
                IN_USE.fetch_add(new_size, Relaxed);
            }
            p
        }
    }

    /// Bytes of the module's heap in use now (allocated, not yet freed).
    pub fn in_use() -> usize {
        IN_USE.load(Relaxed)
    }

    /// `[heapInUse, liveJsRefs]`, for tests and diagnostics: the bytes of the module's heap in
    /// use now (allocated, not yet freed), and the JavaScript values the module holds now
    /// (slots in use of wasm-bindgen's externref table: every DOM node a mounted widget
    /// renders, its listeners, its options). Both are back at the one-widget figures once the
    /// other widgets are unmounted, or something leaked.
    #[wasm_bindgen::prelude::wasm_bindgen(js_name = memoryUse)]
    pub fn memory_use() -> js_sys::Array {
        js_sys::Array::of2(
            &(in_use() as f64).into(),
            &wasm_bindgen::externref_heap_live_count().into(),
        )
    }
}
