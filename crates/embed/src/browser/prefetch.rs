//! Article requests the loader starts before the module is ready, so the JSON downloads while
//! the WebAssembly compiles. The loader hands over the pending `Response` (never a parsed
//! body): the module's one fetch path then applies every check to it as to its own request
//! (status, `Content-Length` and streamed size limit, timeout, UTF-8, BOM, the depth-limited
//! reader). Each handed-over request serves one load of its URL; automatic retries and the
//! Retry button fetch again.

use std::cell::RefCell;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use web_sys::AbortController;

/// A request started by the loader: the promise of its `Response` and the controller whose
/// signal it was started with (aborted by the load's timeout, or when the widget goes away).
pub struct Prefetched {
    pub response: Promise,
    pub controller: AbortController,
}

thread_local! {
    static PENDING: RefCell<Vec<(String, Prefetched)>> = const { RefCell::new(Vec::new()) };
}

/// `prefetched(url, response, controller)`: called by the loader right before it mounts a
/// widget on `url` (absolute); the widget's first load takes it.
#[wasm_bindgen]
pub fn prefetched(url: String, response: Promise, controller: AbortController) {
    PENDING.with(|p| {
        p.borrow_mut().push((
            url,
            Prefetched {
                response,
                controller,
            },
        ))
    });
}

/// The loader's pending request for `url`, if any; taken once. One the loader has aborted
/// since (its widget went away or its mount failed) is dropped.
pub fn take(url: &str) -> Option<Prefetched> {
    let found = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        let i = p.iter().position(|(u, _)| u == url)?;
        let found = p.swap_remove(i).1;
        article_widget::give_back(&mut p);
        Some(found)
    })?;
    (!found.controller.signal().aborted()).then_some(found)
}
