//! The JSON-LD blocks the embed adds to the host page's `<head>` (`structuredData`): one per
//! article, however many widgets show it, reference-counted, removed with the last widget.

use std::cell::RefCell;

use article_model::Article;
use web_sys::Element;

/// A JSON-LD block added to `<head>`: the article's key, the element, how many widgets use it.
struct JsonLd {
    key: String,
    element: Element,
    users: usize,
}

thread_local! {
    static JSON_LD: RefCell<Vec<JsonLd>> = const { RefCell::new(Vec::new()) };
}

/// Takes a share of the article's JSON-LD block in `<head>`, adding it for the first widget.
/// Returns the key to release, or `None` when nothing was added: a block for the article is
/// already on the page (a snippet's), or the page has no `<head>`.
pub(crate) fn acquire(article: &Article, locale: &str) -> Option<String> {
    let key = article_widget::article_key(article);
    let shared = JSON_LD.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        let block = blocks.iter_mut().find(|b| b.key == key)?;
        block.users += 1;
        Some(())
    });
    if shared.is_some() {
        return Some(key);
    }
    let doc = web_sys::window()?.document()?;
    let selector = format!("script[type=\"application/ld+json\"][data-aw-ld=\"{key}\"]");
    if doc.query_selector(&selector).ok().flatten().is_some() {
        return None;
    }
    let script = doc.create_element("script").ok()?;
    script.set_attribute("type", "application/ld+json").ok()?;
    script.set_attribute("data-aw-ld", &key).ok()?;
    // A text node, not `textContent` on the script: no Trusted Types sink is involved, and
    // the type makes it data, never code.
    let text = doc.create_text_node(&article_widget::structured_data::script_text(
        article, locale,
    ));
    script.append_child(&text).ok()?;
    doc.head()?.append_child(&script).ok()?;
    JSON_LD.with(|blocks| {
        blocks.borrow_mut().push(JsonLd {
            key: key.clone(),
            element: script,
            users: 1,
        })
    });
    Some(key)
}

/// Gives back a share; the last widget of an article removes its block.
pub(crate) fn release(key: &str) {
    let last = JSON_LD.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        let i = blocks.iter().position(|b| b.key == key)?;
        blocks[i].users -= 1;
        let last = (blocks[i].users == 0).then(|| blocks.swap_remove(i));
        article_widget::give_back(&mut blocks);
        last
    });
    if let Some(block) = last {
        block.element.remove();
    }
}
