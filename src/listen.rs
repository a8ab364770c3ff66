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

/// Listens for `event` on the element `node` refers to, from the component's first render in
/// the DOM to its unmount. `handler` may change between renders: the latest one is called.
/// The element must be rendered unconditionally by the component (it is looked up once).
/// Under SSR nothing happens: effects do not run there.
#[hook]
pub fn use_dom_listener(node: NodeRef, event: &'static str, handler: Callback<Event>) {
    let latest = use_mut_ref(|| handler.clone());
    *latest.borrow_mut() = handler;
    use_effect_with(node, move |node| {
        let listener = attach(node, event, latest);
        // Dropping the listener removes it from the element and frees its closure.
        move || drop(listener)
    });
}

/// The listener on the rendered element, as an owned value whose drop removes it.
fn attach(
    node: &NodeRef,
    event: &'static str,
    latest: std::rc::Rc<std::cell::RefCell<Callback<Event>>>,
) -> Option<Box<dyn std::any::Any>> {
    #[cfg(target_arch = "wasm32")]
    return node.get().map(|target| -> Box<dyn std::any::Any> {
        use wasm_bindgen::JsCast;
        // `Fn(&Event)`, the signature of Yew's own listeners: the module has its glue already.
        let closure = wasm_bindgen::closure::Closure::<dyn Fn(&Event)>::new(move |e: &Event| {
            let handler = latest.borrow().clone();
            handler.emit(e.clone());
        });
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        Box::new(Listener {
            target: target.into(),
            event,
            closure,
        })
    });
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (node, event, latest);
        None
    }
}

/// A DOM listener that removes itself from its target, and frees its closure, when dropped.
#[cfg(target_arch = "wasm32")]
struct Listener {
    target: web_sys::EventTarget,
    event: &'static str,
    closure: wasm_bindgen::closure::Closure<dyn Fn(&Event)>,
}

#[cfg(target_arch = "wasm32")]
impl Drop for Listener {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        let _ = self
            .target
            .remove_event_listener_with_callback(self.event, self.closure.as_ref().unchecked_ref());
    }
}

/// Whether the event's target is, or is inside, an element matching `selector` within the
/// listening element. (Natively always false: no DOM event happens there.)
pub fn targets(e: &Event, selector: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    return closest(e, selector).is_some();
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (e, selector);
        false
    }
}

/// The value of `attribute` on the closest element to the event's target (itself included)
/// that matches `selector`, within the listening element; `None` when none matches or it
/// lacks the attribute. (Natively always `None`: no DOM event happens there.)
pub fn closest_attribute(e: &Event, selector: &str, attribute: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    return closest(e, selector)?.get_attribute(attribute);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (e, selector, attribute);
        None
    }
}

/// The closest element to the event's target (itself included) that matches `selector`,
/// within the listening element.
#[cfg(target_arch = "wasm32")]
pub fn closest(e: &Event, selector: &str) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let found = target.closest(selector).ok()??;
    let within = e.current_target()?.dyn_into::<web_sys::Node>().ok()?;
    within.contains(Some(&found)).then_some(found)
}
