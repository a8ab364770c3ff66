//! article-widget-embed: the WebAssembly module that partner pages load through
//! `www/article-widget.js`. It mounts the `article-widget` components, one Yew app per host
//! element in its own shadow root, and is their browser backend (fetch, the conversion engine
//! and its dictionaries). wasm32 only: natively it holds only [`MOUNT_OPTIONS`].
//!
//! Exports (`#[wasm_bindgen]`): `mount`, `unmount`, `mountedCount`; `configure`, `setScript`, `version`; `stoppedView` (the crash box);
//! `prefetched` (the loader's early article requests); `memoryUse` ([`heap`]). The browser
//! code is in `browser/`, one file per concern.

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
pub use browser::{
    api::configure,
    backend::handle as backend,
    dicts, fetch,
    mount::{mount, mounted_count, unmount},
    prefetch,
};

/// The options `ArticleWidget.mount(element, options)` accepts (camelCase, as in JavaScript).
pub const MOUNT_OPTIONS: &[&str] = &[
    "src",
    "article",
    "locale",
    "timeoutMs",
    "maxBytes",
    "script",
    "quoteMarks",
    "structuredData",
    "excerpt",
    "uiLang",
    "referrerPolicy",
];

/// The module's allocator: talc instead of Rust's default dlmalloc, about 2 KB brotli smaller
/// (docs/BENCHMARKS.md, payload steps), counting the bytes in use (`heap::in_use`).
/// Single-threaded wasm (no `atomics`) only.
#[cfg(all(
    target_arch = "wasm32",
    not(target_feature = "atomics"),
    feature = "allocator"
))]
#[global_allocator]
static TALC: heap::Counting<talc::wasm::WasmDynamicTalc> =
    heap::Counting(talc::wasm::new_wasm_dynamic_allocator());

/// What the module's heap holds. Linear memory never shrinks (WebAssembly has no such
/// instruction), so "memory given back" means bytes freed to the allocator for reuse:
/// `memoryUse()` says how many are handed out now (the lifecycle tests compare it with a
/// one-widget page).
#[cfg(all(
    target_arch = "wasm32",
    not(target_feature = "atomics"),
    feature = "allocator"
))]
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
