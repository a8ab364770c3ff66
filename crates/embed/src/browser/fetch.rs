//! Fetching an article document: HTTP status checked, a timeout through `AbortController`, and
//! the body read in chunks so that an oversized response is stopped at the limit instead of
//! being buffered whole.
//!
//! The browser's `fetch` is called through web-sys directly: a request builder crate (gloo-net
//! with the `http` crate) cost the module several KB for this one GET.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use article_model::Article;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, RequestInit, Response};

pub use article_widget::backend::Limits;
use article_widget::LoadError;

/// Aborts the request and clears the timer when dropped.
pub struct Cancel {
    controller: Option<AbortController>,
    timer: Option<i32>,
    _on_timeout: Closure<dyn FnMut()>,
    cancelled: Rc<Cell<bool>>,
}

impl Drop for Cancel {
    fn drop(&mut self) {
        self.cancelled.set(true);
        if let (Some(id), Some(window)) = (self.timer, web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}

fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "request failed".to_owned())
}

/// A rejected `fetch` as `name: message` (`TypeError: Failed to fetch`, `AbortError: …`).
fn js_error_text(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(error) => {
            let mut text = String::from(error.name());
            text.push_str(": ");
            text.push_str(&String::from(error.message()));
            text
        }
        None => js_message(e),
    }
}

/// A response header's value, if present.
fn header(response: &Response, name: &str) -> Option<String> {
    response.headers().get(name).ok().flatten()
}

/// Called with the number of bytes received so far.
pub type OnProgress = Rc<dyn Fn(u64)>;

/// A body kept in JavaScript memory as it arrives: a dictionary file the widget only hands on
/// (the engine module copies it into its own memory) never grows the widget module's linear
/// memory, which never shrinks; a document is copied in once, at its exact size.
#[derive(Default)]
pub struct JsBytes {
    chunks: Vec<Uint8Array>,
    len: u64,
}

impl JsBytes {
    fn push(&mut self, chunk: &Uint8Array) {
        self.len += u64::from(chunk.length());
        self.chunks.push(chunk.clone());
    }

    /// The body as one `Uint8Array`.
    pub fn into_array(self) -> Uint8Array {
        if let [only] = &self.chunks[..] {
            return only.clone();
        }
        let out = Uint8Array::new_with_length(self.len as u32);
        let mut at = 0u32;
        for c in &self.chunks {
            out.set(c, at);
            at += c.length();
        }
        out
    }
}

/// Starts loading `url`. The future resolves to the validated article; dropping the `Cancel`
/// aborts the request (the future then resolves to [`LoadError::Cancelled`]).
pub fn load_article(
    url: String,
    limits: Limits,
) -> (impl Future<Output = Result<Article, LoadError>>, Cancel) {
    // The loader may have started this request already (see `prefetch`): same checks apply.
    let prefetched = crate::browser::prefetch::take(&url);
    let (bytes, cancel) = fetch_with(url, "application/json", limits, None, prefetched);
    let future = async move {
        let bytes = bytes.await?.into_array().to_vec();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return Err(LoadError::NotText);
        };
        // A leading BOM is skipped by the reader, as `response.json()` does.
        Article::from_json(text).map_err(LoadError::Invalid)
    };
    (future, cancel)
}

/// Starts a GET of `url` with the `Accept` header `accept`: the status is checked, the body
/// is read in chunks up to `limits.max_bytes` (reporting progress), and the request is aborted
/// after `limits.timeout_ms`. Dropping the `Cancel` aborts it (the future then resolves to
/// [`LoadError::Cancelled`]).
pub fn fetch_bytes(
    url: String,
    accept: &'static str,
    limits: Limits,
    on_progress: Option<OnProgress>,
) -> (impl Future<Output = Result<Vec<u8>, LoadError>>, Cancel) {
    let (body, cancel) = fetch_js(url, accept, limits, on_progress);
    let future = async move { body.await.map(|b| b.into_array().to_vec()) };
    (future, cancel)
}

/// [`fetch_bytes`], the body left in JS memory.
pub fn fetch_js(
    url: String,
    accept: &'static str,
    limits: Limits,
    on_progress: Option<OnProgress>,
) -> (impl Future<Output = Result<JsBytes, LoadError>>, Cancel) {
    fetch_with(url, accept, limits, on_progress, None)
}

/// [`fetch_js`], reading the loader's request for `url` instead of starting one when given
/// (its controller then takes the timeout and the cancellation).
fn fetch_with(
    url: String,
    accept: &'static str,
    limits: Limits,
    on_progress: Option<OnProgress>,
    prefetched: Option<crate::browser::prefetch::Prefetched>,
) -> (impl Future<Output = Result<JsBytes, LoadError>>, Cancel) {
    let (prefetched, controller) = match prefetched {
        Some(p) => (Some(p.response), Some(p.controller)),
        None => (None, AbortController::new().ok()),
    };
    let timed_out = Rc::new(Cell::new(false));
    let cancelled = Rc::new(Cell::new(false));
    let on_timeout = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Closure::<dyn FnMut()>::new(move || {
            timed_out.set(true);
            if let Some(c) = &controller {
                c.abort();
            }
        })
    };
    let timer = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            limits.timeout_ms.min(i32::MAX as u32) as i32,
        )
        .ok()
    });
    let signal = controller.as_ref().map(|c| c.signal());
    let state = (timed_out, cancelled.clone());
    let future = async move {
        let result = fetch_body(
            &url,
            accept,
            signal.as_ref(),
            limits.max_bytes,
            on_progress,
            prefetched,
        )
        .await;
        let (timed_out, cancelled) = state;
        if cancelled.get() {
            return Err(LoadError::Cancelled);
        }
        match result {
            Err(LoadError::Network(_)) if timed_out.get() => Err(LoadError::Timeout {
                ms: limits.timeout_ms,
            }),
            other => other,
        }
    };
    let cancel = Cancel {
        controller,
        timer,
        _on_timeout: on_timeout,
        cancelled,
    };
    (future, cancel)
}

async fn fetch_body(
    url: &str,
    accept: &str,
    signal: Option<&web_sys::AbortSignal>,
    max_bytes: u32,
    on_progress: Option<OnProgress>,
    prefetched: Option<js_sys::Promise>,
) -> Result<JsBytes, LoadError> {
    let promise = match prefetched {
        // The loader's request for this URL, started while the module loaded.
        Some(promise) => promise,
        None => {
            let window = web_sys::window()
                .ok_or_else(|| LoadError::Network("no window to fetch from".to_owned()))?;
            let headers =
                web_sys::Headers::new().map_err(|e| LoadError::Network(js_error_text(&e)))?;
            headers
                .set("Accept", accept)
                .map_err(|e| LoadError::Network(js_error_text(&e)))?;
            let init = RequestInit::new();
            init.set_method("GET");
            init.set_headers(&headers);
            init.set_signal(signal);
            window.fetch_with_str_and_init(url, &init)
        }
    };
    let response: Response = JsFuture::from(promise)
        .await
        .map_err(|e| LoadError::Network(js_error_text(&e)))?
        .dyn_into()
        .map_err(|_| LoadError::Network("fetch did not resolve to a Response".to_owned()))?;
    // `fetch` resolves 4xx/5xx responses too: the status must be checked here.
    if !response.ok() {
        return Err(LoadError::Http {
            status: response.status(),
            status_text: response.status_text(),
            // Seconds only; an HTTP-date is treated as absent (the widget's backoff applies).
            retry_after: header(&response, "retry-after").and_then(|v| v.trim().parse().ok()),
        });
    }
    if let Some(length) =
        header(&response, "content-length").and_then(|v| v.trim().parse::<u64>().ok())
    {
        if length > u64::from(max_bytes) {
            return Err(LoadError::TooLarge { limit: max_bytes });
        }
    }
    match response.body() {
        Some(stream) => read_limited(stream, max_bytes, on_progress).await,
        None => Ok(JsBytes::default()),
    }
}

/// Reads a body stream chunk by chunk, cancelling it as soon as it exceeds `max_bytes`.
async fn read_limited(
    stream: web_sys::ReadableStream,
    max_bytes: u32,
    on_progress: Option<OnProgress>,
) -> Result<JsBytes, LoadError> {
    let reader: ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|_| LoadError::Network("the response body cannot be read".into()))?;
    let mut out = JsBytes::default();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| LoadError::Network(js_message(&e)))?;
        let done = Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(out);
        }
        let value = Reflect::get(&chunk, &"value".into()).unwrap_or(JsValue::UNDEFINED);
        let Some(array) = value.dyn_ref::<Uint8Array>() else {
            return Err(LoadError::NotText);
        };
        if out.len + u64::from(array.length()) > u64::from(max_bytes) {
            let _ = reader.cancel();
            return Err(LoadError::TooLarge { limit: max_bytes });
        }
        out.push(array);
        if let Some(report) = &on_progress {
            report(out.len);
        }
    }
}
