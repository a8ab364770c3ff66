//! Everything the components need from the platform they run on, behind one interface with
//! two sides: `browser.rs` (wasm32: DOM listeners, timers, `Intl.DateTimeFormat`,
//! `localStorage` and the `storage` event, `navigator.languages`, tasks and timeouts) and `native.rs` (server-side
//! rendering and native tests: no events, no timers, no storage; dates worded as Intl words
//! them). Both sides have the same functions; this is the one place that chooses.

#[cfg_attr(target_arch = "wasm32", path = "browser.rs")]
#[cfg_attr(not(target_arch = "wasm32"), path = "native.rs")]
mod side;

pub(crate) use side::*;
