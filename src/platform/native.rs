//! The native side of [`crate::platform`]: server-side rendering (the syndication snippet)
//! and native tests. No DOM events happen, no effects run, nothing is stored.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use article_model::DateTime;
use yew::{Callback, NodeRef};

use web_sys::{Element, Event};

/// Server-side rendering runs no effects to take a long body's later steps: all at once.
pub const PROGRESSIVE: bool = false;

/// No element is ever rendered into a DOM here: nothing to listen to.
pub fn listen(
    _node: &NodeRef,
    _event: &'static str,
    _latest: Rc<RefCell<Callback<Event>>>,
) -> Option<Box<dyn Any>> {
    None
}

/// No DOM event happens here.
pub fn closest(_e: &Event, _selector: &str) -> Option<Element> {
    None
}

/// No DOM event happens here.
pub fn move_focus(_e: &Event) -> bool {
    false
}

/// At once: there is no page whose tasks could run in between.
pub fn next_task(f: impl FnOnce() + 'static) -> Box<dyn Any> {
    f();
    Box::new(())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Intl's wording for `zh*` and `en*` (so a snapshot and the live widget that replaces it
/// read alike), the publisher's ISO wall clock otherwise.
pub fn format_date(t: &DateTime, locale: &str, with_time: bool) -> String {
    let lower = locale.to_ascii_lowercase().replace('_', "-");
    // English word order differs by region (en-GB writes 29 December 2025): only en and
    // en-US get Intl's wording, other regions the ISO form.
    let primary = match lower.split('-').next().unwrap_or("") {
        "en" if lower != "en" && !lower.starts_with("en-us") => "",
        p => p,
    };
    let clock = format!("{:02}:{:02}:{:02}", t.hour, t.minute, t.second);
    let month = usize::from(t.month.clamp(1, 12) - 1);
    let date = match primary {
        "zh" => format!("{}年{}月{}日", t.year, t.month, t.day),
        "en" => format!("{} {}, {}", MONTHS[month], t.day, t.year),
        _ if with_time => return t.wall_clock(),
        _ => return format!("{:04}-{:02}-{:02}", t.year, t.month, t.day),
    };
    match (with_time, primary) {
        (false, _) => date,
        (true, "en") => format!("{date} at {clock}"),
        (true, _) => format!("{date} {clock}"),
    }
}

/// Nothing is stored natively.
pub fn stored(_key: &str) -> Option<String> {
    None
}

/// Nothing is stored natively.
pub fn store(_key: &str, _value: Option<&str>) {}

/// There are no other tabs.
pub fn on_stored_elsewhere(_key: &'static str, _changed: fn(Option<String>)) {}

/// No reader: no languages.
pub fn reader_languages() -> Vec<String> {
    Vec::new()
}

/// Runs `future` on Yew's native runtime (server-side rendering has no backend, so the
/// components never spawn there; this keeps both sides alike).
pub fn spawn(future: impl std::future::Future<Output = ()> + 'static) {
    yew::platform::spawn_local(future);
}

/// Resolves at once: there is no page to yield to.
pub async fn sleep_ms(_ms: u32) {}
