//! The browser side of [`crate::platform`].

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use article_model::DateTime;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::{Callback, NodeRef};

use web_sys::{Element, Event, EventTarget, HtmlElement, KeyboardEvent};

/// A long body is rendered in steps (`hooks::progressive`): the page stays responsive.
pub const PROGRESSIVE: bool = true;

/// A DOM listener that removes itself from its target, and frees its closure, when dropped.
struct Listener {
    target: EventTarget,
    event: &'static str,
    closure: Closure<dyn Fn(&Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.event, self.closure.as_ref().unchecked_ref());
    }
}

/// Adds a listener for `event` to the element `node` refers to, calling the handler `latest`
/// holds at the time of the event; dropping the returned value removes it.
pub fn listen(
    node: &NodeRef,
    event: &'static str,
    latest: Rc<RefCell<Callback<Event>>>,
) -> Option<Box<dyn Any>> {
    let target = node.get()?;
    // `Fn(&Event)`, the signature of Yew's own listeners: the module has its glue already.
    let closure = Closure::<dyn Fn(&Event)>::new(move |e: &Event| {
        let handler = latest.borrow().clone();
        handler.emit(e.clone());
    });
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    Some(Box::new(Listener {
        target: target.into(),
        event,
        closure,
    }))
}

/// The closest element to the event's target (itself included) that matches `selector`,
/// within the listening element.
pub fn closest(e: &Event, selector: &str) -> Option<Element> {
    let target = e.target()?.dyn_into::<Element>().ok()?;
    let found = target.closest(selector).ok()??;
    let within = e.current_target()?.dyn_into::<web_sys::Node>().ok()?;
    within.contains(Some(&found)).then_some(found)
}

/// For a key event on a button of a group: moves focus to the previous or next button on
/// ←/→ (and ↑/↓, Home, End). Returns whether `e` was a key event (handled or not).
pub fn move_focus(e: &Event) -> bool {
    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
        return false;
    };
    let step: i32 = match e.key().as_str() {
        "ArrowRight" | "ArrowDown" => 1,
        "ArrowLeft" | "ArrowUp" => -1,
        "Home" => -100,
        "End" => 100,
        _ => return true,
    };
    let Some(current) = closest(e, "button") else {
        return true;
    };
    let Some(group) = current.parent_element() else {
        return true;
    };
    let buttons = group.get_elements_by_tag_name("button");
    let n = buttons.length() as i32;
    let index = (0..n)
        .find(|&i| buttons.item(i as u32).as_ref() == Some(&current))
        .unwrap_or(0);
    let next = (index + step).clamp(0, n - 1);
    if let Some(b) = buttons
        .item(next as u32)
        .and_then(|b| b.dyn_into::<HtmlElement>().ok())
    {
        e.prevent_default();
        let _ = b.focus();
    }
    true
}

/// Runs `f` in a later task (a zero timeout lets the page's own tasks run first); dropping
/// the returned value cancels it.
pub fn next_task(f: impl FnOnce() + 'static) -> Box<dyn Any> {
    Box::new(gloo_timers::callback::Timeout::new(0, f))
}

/// `time` as `Intl.DateTimeFormat` words it in `locale`, in the article's own offset; should
/// Intl fail, the ISO wall clock (which keeps the widget's module small).
pub fn format_date(time: &DateTime, locale: &str, with_time: bool) -> String {
    intl_format(time, locale, with_time).unwrap_or_else(|| {
        if with_time {
            time.wall_clock()
        } else {
            format!("{:04}-{:02}-{:02}", time.year, time.month, time.day)
        }
    })
}

fn intl_format(time: &DateTime, locale: &str, with_time: bool) -> Option<String> {
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
        type Dtf;
        #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "DateTimeFormat")]
        fn new(locale: &str, options: &JsValue) -> Result<Dtf, JsValue>;
        #[wasm_bindgen(method, catch)]
        fn format(this: &Dtf, date: &js_sys::Date) -> Result<String, JsValue>;
    }

    let options = js_sys::Object::new();
    let date_fields = [("year", "numeric"), ("month", "long"), ("day", "numeric")];
    let time_fields = [
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("second", "2-digit"),
        ("hourCycle", "h23"),
    ];
    // The instant is shifted by the article's offset and shown as UTC, which gives the
    // wall-clock time at the publisher whatever the reader's own zone is.
    let fields = date_fields
        .iter()
        .chain(time_fields.iter().filter(|_| with_time))
        .chain(&[("timeZone", "UTC")]);
    for (k, v) in fields {
        js_sys::Reflect::set(&options, &(*k).into(), &(*v).into()).ok()?;
    }
    let formatter = Dtf::new(locale, &options)
        .or_else(|_| Dtf::new("en", &options))
        .ok()?;
    let shifted = time.unix_millis() + i64::from(time.offset_minutes) * 60_000;
    let date = js_sys::Date::new(&JsValue::from_f64(shifted as f64));
    formatter.format(&date).ok()
}

fn storage() -> Option<web_sys::Storage> {
    // `localStorage` throws (SecurityError) where the page may not use storage.
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value stored under `key` for the site, if storage is there and allowed.
pub fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores (or, with `None`, removes) `key`. Quota errors and blocked storage are ignored:
/// the caller's state still applies to this page.
pub fn store(key: &str, value: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

/// Calls `changed` with the new value whenever another tab of the site changes `key` (or
/// clears the whole storage: `None`). One listener for the page's lifetime.
pub fn on_stored_elsewhere(key: &'static str, changed: fn(Option<String>)) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_storage = Closure::<dyn Fn(Event)>::new(move |e: Event| {
        let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
            return;
        };
        // `key` is null when another tab cleared the whole storage.
        match e.key() {
            Some(k) if k == key => changed(e.new_value()),
            None => changed(None),
            Some(_) => {}
        }
    });
    let _ = window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
    on_storage.forget();
}

/// The reader's preferred languages (`navigator.languages`, else `navigator.language`).
pub fn reader_languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if list.is_empty() {
        nav.language().into_iter().collect()
    } else {
        list
    }
}

/// Runs `future` on the page's event loop.
pub fn spawn(future: impl std::future::Future<Output = ()> + 'static) {
    wasm_bindgen_futures::spawn_local(future);
}

/// Resolves after `ms` milliseconds (a `setTimeout`; 0 waits for a later task).
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
