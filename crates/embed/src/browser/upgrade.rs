//! Upgrading a syndication snippet in place: its light-DOM snapshot stays on screen (through
//! a `<slot>`) until the live rendering has loaded, or converted when the snapshot's script
//! needs a conversion, and the snapshot's height is reserved until that has painted.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::browser::shadow::OURS;

/// The light-DOM snapshot of a syndication snippet (`<div class="aw-snapshot">`), if any.
pub(crate) fn snapshot_of(host: &HtmlElement) -> Option<HtmlElement> {
    // `:scope` works on an element (unlike on a ShadowRoot, see `is_ours`).
    host.query_selector(":scope > .aw-snapshot")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// A `<slot>` in the shadow root: it shows the host's light DOM (the snapshot).
pub(crate) fn snapshot_slot(host: &HtmlElement) -> Option<Element> {
    let shadow = host.shadow_root()?;
    let slot = web_sys::window()?.document()?.create_element("slot").ok()?;
    slot.set_attribute(OURS, "").ok()?;
    shadow.append_child(&slot).ok()?;
    Some(slot)
}

/// An upgrade in progress: the snapshot shows (through `slot`) until the live rendering in
/// `root` has loaded; `root` keeps the snapshot's height until it has painted.
pub(crate) struct Upgrade {
    slot: Element,
    root: HtmlElement,
}

impl Upgrade {
    /// Keeps the snapshot on screen and reserves its height for the live rendering.
    pub(crate) fn start(
        host: &HtmlElement,
        snapshot_height: i32,
        root: &Element,
    ) -> Option<Upgrade> {
        let root: HtmlElement = root.clone().dyn_into().ok()?;
        root.set_hidden(true);
        root.style()
            .set_property("min-height", &format!("{snapshot_height}px"))
            .ok()?;
        let slot = snapshot_slot(host)?;
        Some(Upgrade { slot, root })
    }

    /// The live rendering is in the DOM: swap it in, in the same frame as the snapshot leaves,
    /// and release the reserved height once that frame has painted (two animation frames).
    pub(crate) fn finish(self) {
        self.slot.remove();
        self.root.set_hidden(false);
        let root = self.root;
        let release = Closure::once_into_js(move || {
            let inner = Closure::once_into_js(move || {
                root.style().remove_property("min-height").ok();
            });
            if let Some(w) = web_sys::window() {
                w.request_animation_frame(inner.unchecked_ref()).ok();
            }
        });
        if let Some(w) = web_sys::window() {
            w.request_animation_frame(release.unchecked_ref()).ok();
        }
    }
}
