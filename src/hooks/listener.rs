//! DOM listeners that a component removes when it unmounts.
//!
//! The widget's components do not use Yew's `onclick=`/`onkeydown=` attributes. Yew 0.23
//! delegates those to a listener on the app's root element, and adds it with a closure it
//! never frees (`HostHandlers::add_listener` calls `forget`): every mounted widget that ever
//! showed a button left that closure, its subtree data and its detached root element behind,
//! about 0.6 KB of JS heap plus the wasm side, after it was unmounted. A page that mounts and
//! removes widgets (an infinite feed, a single-page app) grew without bound.
//!
//! [`use_dom_listener`] adds one listener to an element the component renders (by
//! [`NodeRef`]) and removes it, dropping the closure, when the component goes away. The
//! handlers delegate: one listener on a group, which looks at the event's target.

use yew::prelude::*;

use crate::platform;

/// Listens for `event` on the element `node` refers to, from the component's first render in
/// the DOM to its unmount. `handler` may change between renders: the latest one is called.
/// The element must be rendered unconditionally by the component (it is looked up once).
/// Under SSR nothing happens: effects do not run there.
#[hook]
pub fn use_dom_listener(node: NodeRef, event: &'static str, handler: Callback<Event>) {
    let latest = use_mut_ref(|| handler.clone());
    *latest.borrow_mut() = handler;
    use_effect_with(node, move |node| {
        let listener = platform::listen(node, event, latest);
        // Dropping the listener removes it from the element and frees its closure.
        move || drop(listener)
    });
}

/// Whether the event's target is, or is inside, an element matching `selector` within the
/// listening element.
pub fn targets(e: &Event, selector: &str) -> bool {
    platform::closest(e, selector).is_some()
}

/// The value of `attribute` on the closest element to the event's target (itself included)
/// that matches `selector`, within the listening element; `None` when none matches or it
/// lacks the attribute.
pub fn closest_attribute(e: &Event, selector: &str, attribute: &str) -> Option<String> {
    platform::closest(e, selector)?.get_attribute(attribute)
}
