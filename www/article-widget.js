/*! article-widget loader | MIT OR Apache-2.0 | usage, API and events: docs/EMBEDDING.md */
(() => {
  "use strict";
  const w = window;
  const doc = document;
  const O = Object;
  // Own properties only: markup can shadow names on window and document (DOM clobbering:
  // <form id="ArticleWidget">, <img name="currentScript">) and a polluted Object.prototype
  // adds inherited ones; neither is ours.
  const own = (o, k) => (o && O.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
  // A getter of the platform's prototype, called on the object: what markup cannot shadow.
  const real = (proto, k, o) => {
    const d = O.getOwnPropertyDescriptor(proto, k);
    return d && d.get ? d.get.call(o) : undefined;
  };
  const prior = own(w, "ArticleWidget");
  if (prior && typeof own(prior, "__loader") == "string") {
    return;
  }

  const TAG = "article-widget";
  const AUTO = "article-widget[src], article-widget[data-snapshot], [data-article-src]";
  const OWN = ["src", "locale", "ui-lang", "script", "quote-marks", "referrerpolicy"];
  const ATTRS = OWN.map((a) => "data-article-" + a).concat(OWN, "data-snapshot", "structured-data", "excerpt");
  // `var`: tests/version.rs and xtask read this line and ASSETS'.
  var LOADER_VERSION = "0.1.0";
  const ce = w.customElements;
  const native = !!(ce && !ce.get(TAG));
  const SCAN = native ? "[data-article-src]:not(article-widget)" : AUTO;

  // This loader's <script>: currentScript through Document.prototype's getter (set while a
  // classic script runs), else the one script element that names the loader. Without either
  // (none, or several: one may be injected markup) the page's own folder, never a guess.
  const isScript = (s) => s instanceof HTMLScriptElement;
  let script = real(Document.prototype, "currentScript", doc);
  if (!isScript(script)) {
    const found = doc.querySelectorAll('script[src*="article-widget.js"], script[src*="article-widget.min.js"]');
    script = found.length === 1 && isScript(found[0]) ? found[0] : null;
  }
  const pageBase = real(Node.prototype, "baseURI", doc);
  const base = new URL(".", script ? script.src : pageBase);
  const nonce = (script && (script.nonce || script.getAttribute("nonce"))) || null;
  // data-sources: the article origins this page accepts (docs/EMBEDDING.md, Article sources).
  const listed = script && script.getAttribute("data-sources");
  let sources = null;
  if (listed !== null) {
    sources = [];
    listed.split(/\s+/).filter(Boolean).forEach((t) => {
      const origin = /^https?:\/\/[^/]+\/?$/i.test(t) && new URL(t).origin;
      if (origin) {
        sources.push(origin);
      } else {
        console.error("article-widget: data-sources: " + JSON.stringify(t) + " is not an origin such as https://publisher.example; ignored");
      }
    });
  }
  // Why src may not be mounted under data-sources, or "" when it may.
  function refused(src, found) {
    if (!sources) {
      return "";
    }
    const rule = "is not allowed by the loader's data-sources (" + (sources.join(" ") || "no valid origin") + ")";
    if (typeof src != "string") {
      return found ? "an article without src " + rule + ": only a src on a listed origin is mounted; mount an inline article with ArticleWidget.mount" : "";
    }
    let origin = "";
    try {
      origin = new URL(src, pageBase).origin;
    } catch (e) {
      // Not a URL: the module reports that.
      return "";
    }
    return sources.indexOf(origin) < 0 ? "src " + JSON.stringify(src) + " (origin " + origin + ") " + rule + "; add the origin there to show it" : "";
  }
  var ASSETS = {"module": "pkg/article_widget.js", "wasm": "pkg/article_widget_bg.wasm", "engine": "pkg/article_widget_engine.js", "engineWasm": "pkg/article_widget_engine_bg.wasm"}; // @assets
  // The SHA-384 of each hashed module (a build's loader; docs/EMBEDDING.md, Integrity).
  var INTEGRITY = {}; // @integrity
  const at = (path) => new URL(path, base).href;
  const noop = () => {};
  const isTrap = (e) => !!(w.WebAssembly && e instanceof WebAssembly.RuntimeError);

  // fetch(url) checked against INTEGRITY[key]; a refusal names the file and the rule.
  const pinned = (url, key) => {
    const integrity = INTEGRITY[key] || "";
    return fetch(url, { credentials: "same-origin", integrity }).catch((e) => {
      throw new Error(url + (integrity ? " could not be fetched, or its SHA-384 is not the " + integrity + " this loader pins" : " could not be fetched") + " (" + e.message + ")");
    });
  };
  async function instantiate(glue, wasm, gk, wk) {
    const bytes = pinned(wasm, wk);
    bytes.catch(noop);
    if (INTEGRITY[gk]) {
      // The glue checked first, then imported (from the HTTP cache: hashed names are immutable).
      await pinned(glue, gk);
    }
    const m = await import(glue);
    await m.default({ module_or_path: bytes });
    return m;
  }
  // Once per page (a failure is forgotten); started early when a conversion is likely.
  let engine = null;
  const importEngine = () =>
    engine ||
    (engine = instantiate(at(ASSETS.engine), at(ASSETS.engineWasm), "engine", "engineWasm").catch((e) => {
      engine = null;
      throw e;
    }));
  function stored() {
    try {
      return w.localStorage.getItem("article-widget:script");
    } catch (e) {
      return null;
    }
  }

  // The module instance (a reload makes a new one).
  class Instance {
    constructor(generation) {
      const q = generation ? "?aw-reload=" + generation : "";
      this.url = at(ASSETS.wasm) + q;
      this.ready = false;
      this.dead = null; // The trap.
      this.exports = instantiate(at(ASSETS.module) + q, this.url, "module", "wasm").then((m) => this.guard(m));
    }

    // Every export guarded: a trap (panic=abort) marks the instance dead.
    guard(m) {
      const g = {};
      for (const k of Object.keys(m)) {
        g[k] = (...args) => {
          if (this.dead) {
            throw this.dead;
          }
          try {
            return m[k](...args);
          } catch (e) {
            if (isTrap(e)) {
              crash(this, e);
            }
            throw e;
          }
        };
      }
      g.configure({ base: base.href, engine: importEngine, nonce });
      if (g.stoppedView) {
        pageCrashBox = g.stoppedView({});
      }
      this.ready = true;
      return g;
    }
  }
  let current = null;
  let generation = 0;

  function load() {
    if (current && current.dead) {
      return Promise.reject(current.dead);
    }
    current = current || new Instance(generation);
    return current.exports;
  }

  // A trap outside our calls: its stack names the instance's wasm URL.
  function onTrap(e) {
    const error = e.error || e.reason;
    if (current && isTrap(error) && String(error.stack).includes(current.url)) {
      crash(current, error);
    }
  }
  w.addEventListener("error", onTrap);
  w.addEventListener("unhandledrejection", onTrap);

  function crash(instance, error) {
    if (!instance.dead) {
      instance.dead = error;
      live().forEach((el) => showCrash(el, error));
    }
  }

  function fail(el, kind, error) {
    if (isTrap(error)) {
      return showCrash(el, error);
    }
    const message = error && error.message ? error.message : String(error);
    el.setAttribute("data-state", "error");
    const widget = registry.get(el);
    const src = widget && widget.manual ? own(widget.options, "src") : optionsOf(el).src;
    el.dispatchEvent(
      new CustomEvent("article-widget:error", {
        bubbles: true,
        composed: true,
        detail: { src: src || null, kind, message, status: null },
      })
    );
    console.error("article-widget:", message);
  }

  // Crash boxes the module built while it ran (stoppedView).
  const crashBoxes = new WeakMap();
  let pageCrashBox = null;

  function showCrash(el, error) {
    const box = crashBoxes.get(el) || pageCrashBox;
    try {
      const root = el.shadowRoot || el.attachShadow({ mode: "open" });
      for (const node of [...root.childNodes]) {
        if (!/^(style|link)$/.test(node.localName)) {
          root.removeChild(node);
        }
      }
      if (box) {
        root.appendChild(box.cloneNode(true)).querySelector("button").addEventListener("click", reload);
      }
    } catch (e) {
      // No shadow root possible here: data-state and the event still tell.
    }
    fail(el, "crashed", new Error("the module crashed: " + error.message));
  }

  // The registry: element → Widget, found on the page or given to mount() (manual).
  class Widget {
    constructor(manual, options) {
      this.manual = manual;
      this.options = options;
      this.key = null; // Found: its options' JSON when mounted.
      this.live = false; // Mounting or mounted: a crash draws over it.
      this.seen = false; // Manual: it has been on the page.
    }
  }
  const registry = new Map();

  const live = () => [...registry].filter(([, widget]) => widget.live).map(([el]) => el);

  // Article requests started while the module loads.
  const prefetches = new Map();

  function prefetch(el, src) {
    if (w.AbortController && !(current && current.ready) && typeof src == "string") {
      let url;
      try {
        url = new URL(src, pageBase).href;
      } catch (e) {
        return;
      }
      if (/^https?:/.test(url)) {
        const controller = new AbortController();
        const response = fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal });
        response.catch(noop);
        prefetches.set(el, { url, response, controller });
      }
    }
  }

  function takePrefetch(el) {
    const request = prefetches.get(el);
    prefetches.delete(el);
    return request;
  }

  function abortPrefetch(el) {
    const request = takePrefetch(el);
    if (request) {
      request.controller.abort();
    }
  }

  function mountNow(m, el, options) {
    const request = takePrefetch(el);
    try {
      if (m.stoppedView) {
        crashBoxes.set(el, m.stoppedView(options));
      }
      if (request) {
        m.prefetched(request.url, request.response, request.controller);
      }
      m.mount(el, options);
    } catch (e) {
      if (request) {
        request.controller.abort();
      }
      throw e;
    }
  }

  // Mounts run in batches, a task each; a job catches its own errors.
  const mountQueue = [];
  let draining = false;

  function enqueue(job) {
    mountQueue.push(job);
    if (!draining) {
      draining = true;
      drain();
    }
  }

  function drain() {
    load().then(
      (m) => {
        for (let n = 0, end = performance.now() + 8; mountQueue.length && n < 4 && performance.now() < end; n++) {
          mountQueue.shift()(m);
        }
        draining = mountQueue.length > 0;
        if (draining) {
          setTimeout(drain);
        }
      },
      (e) => {
        const jobs = mountQueue.splice(0);
        draining = false;
        jobs.forEach((job) => job(null, e));
      }
    );
  }

  function inlineArticle(el) {
    const data = el.querySelector(':scope > script[type="application/json"]');
    if (data) {
      JSON.parse(data.textContent);
      return data.textContent;
    }
  }

  function optionsOf(el) {
    const attr = (name) => el.getAttribute(name) || el.getAttribute("data-article-" + name);
    const options = { src: attr("src") };
    if (!options.src) {
      try {
        options.article = inlineArticle(el);
      } catch (e) {
        options.article = null;
      }
    }
    const excerpt = el.getAttribute("excerpt");
    if (excerpt) {
      options.excerpt = Number(excerpt);
    }
    if (attr("locale")) {
      options.locale = attr("locale");
    }
    if (attr("ui-lang")) {
      options.uiLang = attr("ui-lang");
    }
    if (attr("script")) {
      options.script = attr("script");
    }
    if (el.hasAttribute("quote-marks") || el.hasAttribute("data-article-quote-marks")) {
      options.quoteMarks = true;
    }
    if (el.hasAttribute("structured-data")) {
      options.structuredData = true;
    }
    if (attr("referrerpolicy")) {
      options.referrerPolicy = attr("referrerpolicy");
    }
    return options;
  }

  function mountAuto(el) {
    const options = optionsOf(el);
    const key = JSON.stringify(options);
    let widget = registry.get(el);
    if (!widget || widget.manual) {
      registry.set(el, (widget = new Widget(false)));
    }
    widget.key = key;
    widget.live = true;
    abortPrefetch(el);
    const why = refused(options.src, true);
    if (why) {
      return fail(el, "source", new Error(why));
    }
    if (options.article === null) {
      try {
        inlineArticle(el);
      } catch (e) {
        fail(el, "invalid", new Error("the inline article (script type=application/json) is not JSON: " + e.message));
      }
      return;
    }
    prefetch(el, options.src);
    enqueue((m, error) => {
      const now = registry.get(el);
      if (now && now.key === key) {
        try {
          if (error) {
            throw error;
          }
          mountNow(m, el, options);
        } catch (e) {
          fail(el, error ? "load" : "options", e);
        }
      }
    });
    // A conversion is likely: the engine loads beside the module and the article.
    const likely = stored() || options.script || "original";
    if (!engine && likely != "original" && (likely != "auto" || /(^|,)zh/i.test(navigator.languages))) {
      importEngine().catch(noop);
    }
  }

  const io =
    "IntersectionObserver" in w &&
    new IntersectionObserver(
      (entries) => {
        entries.forEach((entry) => {
          if (entry.isIntersecting) {
            io.unobserve(entry.target);
            mountAuto(entry.target);
          }
        });
      },
      { rootMargin: "300px 0px" }
    );

  function watch(el) {
    if (registry.has(el)) {
      return;
    }
    registry.set(el, new Widget(false));
    const r = el.getBoundingClientRect();
    if (io && !(el.getClientRects().length && r.bottom >= -300 && r.top <= w.innerHeight + 300)) {
      io.observe(el);
    } else {
      mountAuto(el);
    }
  }

  function scan(root) {
    if (root.nodeType === 1) {
      if (root.matches(SCAN)) {
        watch(root);
      }
      root.querySelectorAll(SCAN).forEach(watch);
    }
  }

  function unmountNow(el) {
    abortPrefetch(el);
    if (!current || current.dead) {
      return Promise.resolve(false);
    }
    return current.exports.then((m) => m.unmount(el));
  }

  function forget(el) {
    if (io) {
      io.unobserve(el);
    }
    const widget = registry.get(el);
    registry.delete(el);
    if (widget && (widget.manual || widget.live)) {
      unmountNow(el).catch(noop);
    }
  }

  function drop(el) {
    if (!el.isConnected) {
      forget(el);
    }
  }

  function sweep() {
    registry.forEach((widget, el) => {
      if (!widget.manual) {
        drop(el);
      } else if (el.isConnected) {
        widget.seen = true;
      } else if (widget.seen) {
        drop(el);
      }
    });
  }

  function changed(el) {
    const widget = registry.get(el);
    if ((widget && widget.manual) || !el.isConnected) {
      return;
    }
    if (!widget) {
      if (el.matches(AUTO)) {
        watch(el);
      }
    } else if (!el.matches(AUTO)) {
      forget(el);
    } else if (widget.live && widget.key !== JSON.stringify(optionsOf(el))) {
      mountAuto(el);
    }
  }

  const mo = new MutationObserver((records) => {
    records.forEach((r) => {
      if (r.type === "attributes") {
        if (!native || r.target.localName !== TAG) {
          changed(r.target);
        }
      } else {
        r.addedNodes.forEach(scan);
      }
    });
    sweep();
  });

  const api = {
    __loader: LOADER_VERSION,
    version: LOADER_VERSION,
    get ready() {
      return load().then(noop);
    },
    mount(element, options) {
      if (!(element instanceof HTMLElement)) {
        return Promise.reject(new TypeError("ArticleWidget.mount: the first argument must be an HTML element"));
      }
      if (io) {
        io.unobserve(element);
      }
      abortPrefetch(element);
      const was = registry.get(element);
      const widget = new Widget(true, options === undefined ? {} : options);
      widget.seen = element.isConnected;
      registry.set(element, widget);
      const root = element.getRootNode();
      if (root.host) {
        // Removals inside a shadow root are seen there.
        mo.observe(root, { childList: true, subtree: true });
      }
      const src = own(widget.options, "src");
      const why = refused(src, false);
      if (why) {
        const e = new TypeError("ArticleWidget.mount: " + why);
        fail(element, "source", e);
        return Promise.reject(e);
      }
      if (!(was && was.manual && was.live)) {
        prefetch(element, src);
      }
      return new Promise((resolve, reject) => {
        enqueue((m, error) => {
          if (registry.get(element) !== widget) {
            return resolve();
          }
          try {
            if (error) {
              throw error;
            }
            mountNow(m, element, widget.options);
            widget.live = true;
            resolve();
          } catch (e) {
            if (isTrap(e)) {
              widget.live = true;
              showCrash(element, e);
            }
            reject(e);
          }
        });
      });
    },
    unmount(element) {
      if (io) {
        io.unobserve(element);
      }
      registry.delete(element);
      return unmountNow(element);
    },
    reload,
    setScript(choice) {
      return load().then((m) => {
        m.setScript(choice);
      });
    },
    mountedCount() {
      return current ? load().then((m) => m.mountedCount()) : Promise.resolve(0);
    },
  };
  O.defineProperty(w, "ArticleWidget", { value: api, configurable: true, enumerable: true, writable: true });

  function reload() {
    if (current && current.dead) {
      const els = live();
      generation++;
      current = null;
      els.forEach((el) => {
        const widget = registry.get(el);
        if (widget.manual) {
          api.mount(el, widget.options).catch(noop);
        } else {
          mountAuto(el);
        }
      });
    }
    return load().then(noop);
  }

  class ArticleWidgetElement extends HTMLElement {
    static get observedAttributes() {
      return ATTRS;
    }
    connectedCallback() {
      changed(this);
    }
    attributeChangedCallback() {
      changed(this);
    }
    disconnectedCallback() {
      Promise.resolve(this).then(drop);
    }
  }

  function start() {
    if (native) {
      ce.define(TAG, ArticleWidgetElement);
    }
    scan(doc.documentElement);
    mo.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ATTRS });
  }
  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
