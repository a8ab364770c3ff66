//! The page-wide script choice: one store per page that every widget follows.
//!
//! A reader's explicit choice (a click on the script control, or `ArticleWidget.setScript`)
//! applies to every widget on the page at once, is remembered in `localStorage` for the site,
//! and reaches the site's other tabs through the `storage` event. Without an explicit choice
//! each widget shows its own default (`script` attribute, `auto` resolved from
//! `navigator.languages`). Storage that is missing, blocked or throwing is ignored: switching
//! still works for the page.
//!
//! The store itself is plain Rust (it also runs natively, where nothing is persisted); storage
//! and the languages come from `crate::platform`.

use std::cell::RefCell;

use yew::Callback;

use article_convert::Script;

use crate::platform;

/// The `localStorage` key of the reader's explicit choice.
pub const STORAGE_KEY: &str = "article-widget:script";

#[derive(Default)]
struct Store {
    loaded: bool,
    explicit: Option<Script>,
    attempt: u64,
    next_id: u64,
    subscribers: Vec<(u64, Callback<()>)>,
}

thread_local! {
    static STORE: RefCell<Store> = RefCell::new(Store::default());
}

/// Unsubscribes when dropped.
pub struct Subscription(u64);

impl Drop for Subscription {
    fn drop(&mut self) {
        let id = self.0;
        STORE.with(|s| {
            let subscribers = &mut s.borrow_mut().subscribers;
            subscribers.retain(|(i, _)| *i != id);
            crate::give_back(subscribers);
        });
    }
}

fn ensure_loaded() {
    let first = STORE.with(|s| {
        let mut s = s.borrow_mut();
        !std::mem::replace(&mut s.loaded, true)
    });
    if first {
        let stored = platform::stored(STORAGE_KEY).and_then(|v| Script::parse(&v));
        STORE.with(|s| s.borrow_mut().explicit = stored);
        platform::on_stored_elsewhere(STORAGE_KEY, |value| {
            apply(value.and_then(|v| Script::parse(&v)))
        });
    }
}

/// The reader's explicit choice on this site, if any.
pub fn explicit() -> Option<Script> {
    ensure_loaded();
    STORE.with(|s| s.borrow().explicit)
}

/// Calls `on_change` whenever the explicit choice changes (or conversion progress is
/// reported through [`notify`]).
pub fn subscribe(on_change: Callback<()>) -> Subscription {
    ensure_loaded();
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        s.next_id += 1;
        let id = s.next_id;
        s.subscribers.push((id, on_change));
        Subscription(id)
    })
}

/// Tells every subscriber to look again.
pub fn notify() {
    let subscribers: Vec<Callback<()>> = STORE.with(|s| {
        s.borrow()
            .subscribers
            .iter()
            .map(|(_, c)| c.clone())
            .collect()
    });
    for c in subscribers {
        c.emit(());
    }
}

/// Sets (or, with `None`, clears) the explicit choice for the whole page, remembers it, and
/// tells every widget.
pub fn set_explicit(choice: Option<Script>) {
    ensure_loaded();
    apply(choice);
    platform::store(STORAGE_KEY, choice.map(Script::as_str));
}

/// A counter bumped by [`retry`]: widgets try a failed switch again when it changes.
pub fn attempt() -> u64 {
    STORE.with(|s| s.borrow().attempt)
}

/// Asks every widget to try its current option again (after a failed dictionary fetch).
pub fn retry() {
    STORE.with(|s| s.borrow_mut().attempt += 1);
    notify();
}

/// Applies a choice without persisting it (a change made in another tab).
fn apply(choice: Option<Script>) {
    STORE.with(|s| s.borrow_mut().explicit = choice);
    notify();
}

/// The reader's preferred languages (`navigator.languages`); empty outside the browser.
pub fn reader_languages() -> Vec<String> {
    platform::reader_languages()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    #[test]
    fn choice_reaches_every_subscriber_until_dropped() {
        let hits = Rc::new(Cell::new(0));
        let h = hits.clone();
        let a = subscribe(Callback::from(move |()| h.set(h.get() + 1)));
        let h = hits.clone();
        let b = subscribe(Callback::from(move |()| h.set(h.get() + 10)));
        set_explicit(Some(Script::Hans));
        assert_eq!(explicit(), Some(Script::Hans));
        assert_eq!(hits.get(), 11);
        drop(b);
        set_explicit(None);
        assert_eq!(explicit(), None);
        assert_eq!(hits.get(), 12);
        drop(a);
    }
}
