/*! article-widget loader | MIT OR Apache-2.0
 *
 * Paste once per page:
 *   <article-widget src="https://publisher.example/article.json"></article-widget>
 *   <script async src="https://cdn.example/article-widget/article-widget.js"></script>
 * or, where a CMS strips unknown tags:
 *   <div data-article-src="https://publisher.example/article.json"></div>
 *
 * <article-widget> is a custom element (it works inside other components' shadow roots too);
 * data-article-src elements are found by a MutationObserver. Widgets in or near the viewport
 * mount at once, others when they come near; the module (pkg/ beside this file) and their
 * article JSON download in parallel. Removing an element unmounts its widget.
 * Script API: ArticleWidget.mount(element, { src, article, locale, timeoutMs, maxBytes, script,
 * quoteMarks }), ArticleWidget.unmount(element), ArticleWidget.setScript(script),
 * ArticleWidget.reload(), ArticleWidget.ready, ArticleWidget.version.
 * Events on the element: "article-widget:load", "article-widget:error" (detail.kind,
 * detail.message; kind "crashed" when the module trapped: every widget then offers a Reload
 * button, which starts a fresh module, as ArticleWidget.reload() does) and
 * "article-widget:script" (detail.script, detail.config).
 * Strict Content-Security-Policy: no inline script or style is needed. Give this tag the
 * page's nonce (nonce="…") and the widget's stylesheet uses it where the browser lacks
 * constructable stylesheets; otherwise it links article-widget.css beside this file.
 */
(function () {
  "use strict";
  var w = window;
  var doc = document;
  if (w.ArticleWidget && w.ArticleWidget.__loader) {
    return; // Already loaded by another copy of this tag.
  }

  var TAG = "article-widget";
  // A snippet's element (data-snapshot) may carry its article inline instead of a src.
  var AUTO = "article-widget[src], article-widget[data-snapshot], [data-article-src]";
  var ATTRS = ["src", "data-article-src", "locale", "data-article-locale", "ui-lang", "data-article-ui-lang", "script", "data-article-script", "quote-marks", "data-article-quote-marks", "data-snapshot", "structured-data", "excerpt"];
  var LOADER_VERSION = "0.1.0";
  var ce = w.customElements;
  // <article-widget> is ours unless the page defined that name itself.
  var native = !!(ce && w.Reflect && !ce.get(TAG));
  var SCAN = native ? "[data-article-src]:not(article-widget)" : AUTO;

  // This loader's own <script> tag (read now: currentScript is only set while it runs).
  function ownScript() {
    var current = doc.currentScript;
    if (current && current.src) {
      return current;
    }
    var scripts = doc.getElementsByTagName("script");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/article-widget(\.min)?\.js(\?|#|$)/.test(scripts[i].src)) {
        return scripts[i];
      }
    }
    return null;
  }

  var script = ownScript();
  var base = new URL(".", script ? script.src : doc.baseURI);
  // Browsers hide a nonce attribute's value from the DOM; the property keeps it.
  var nonce = (script && (script.nonce || script.getAttribute("nonce"))) || null;
  // Module paths; the release bundle (cargo xtask dist) writes content-hashed ones here.
  var ASSETS = {"module": "pkg/article_widget.js", "wasm": "pkg/article_widget_bg.wasm", "engine": "pkg/article_widget_engine.js", "engineWasm": "pkg/article_widget_engine_bg.wasm"}; // @assets
  var moduleUrl = new URL(ASSETS.module, base).href;
  var wasmUrl = new URL(ASSETS.wasm, base).href;
  var engineUrl = new URL(ASSETS.engine, base).href;
  var engineWasmUrl = new URL(ASSETS.engineWasm, base).href;

  // The conversion engine: a second module, imported on a reader's first switch only.
  function importEngine() {
    // Fetch the wasm while the glue loads (it would otherwise start after the glue).
    var wasm = fetch(engineWasmUrl, { credentials: "same-origin" });
    return import(engineUrl).then(function (e) {
      return e.default({ module_or_path: wasm }).then(function () {
        return e;
      });
    });
  }

  function noop() {}

  // The module instance: { url, dead }. `dead` is the RuntimeError once it trapped (with
  // panic=abort its memory is then unusable); reload() starts a fresh instance.
  var current = null;
  var modulePromise = null;
  var generation = 0;

  function isTrap(e) {
    return !!(w.WebAssembly && e instanceof WebAssembly.RuntimeError);
  }

  // Loads and instantiates the module once, on first use: the glue and the wasm are requested
  // at once, and the wasm compiles while it streams (served as application/wasm).
  function load() {
    if (current && current.dead) {
      return Promise.reject(current.dead);
    }
    if (!modulePromise) {
      var q = generation ? "?aw-reload=" + generation : "";
      var inst = (current = { url: wasmUrl + q, dead: null });
      var wasm = fetch(inst.url, { credentials: "same-origin" });
      wasm.catch(noop);
      modulePromise = import(moduleUrl + q).then(function (m) {
        return m.default({ module_or_path: wasm }).then(function () {
          // Every export, guarded: a trap in any call marks the instance dead.
          var g = {};
          Object.keys(m).forEach(function (k) {
            g[k] = function (a, b, c) {
              if (inst.dead) {
                throw inst.dead;
              }
              try {
                return m[k](a, b, c);
              } catch (e) {
                if (isTrap(e)) {
                  crash(inst, e);
                }
                throw e;
              }
            };
          });
          // Dictionaries and the fallback stylesheet live beside this file; the nonce is this
          // tag's, for the stylesheet where constructable stylesheets are missing.
          g.configure({ base: base.href, engine: importEngine, nonce: nonce });
          inst.ready = true;
          return g;
        });
      });
    }
    return modulePromise;
  }

  // A trap outside our calls (an event handler, a timer, a promise of the module's): its
  // stack names the instance's wasm URL.
  function onTrap(e) {
    var error = e.error || e.reason;
    if (current && isTrap(error) && String(error.stack).indexOf(current.url) >= 0) {
      crash(current, error);
    }
  }
  w.addEventListener("error", onTrap);
  w.addEventListener("unhandledrejection", onTrap);

  function emit(el, kind, message) {
    el.setAttribute("data-state", "error");
    var o = manual.get(el);
    var src = o ? o.options && o.options.src : el.getAttribute("src") || el.getAttribute("data-article-src");
    el.dispatchEvent(
      new CustomEvent("article-widget:error", {
        bubbles: true,
        composed: true,
        detail: { src: src || null, kind: kind, message: message, status: null },
      })
    );
  }

  function fail(el, kind, error) {
    if (isTrap(error)) {
      return showCrash(el, error);
    }
    var message = error && error.message ? error.message : String(error);
    emit(el, kind, message);
    if (w.console) {
      w.console.error("article-widget:", message);
    }
  }

  // The crash state, drawn by the loader (the module cannot run): title, message, Reload.
  var TEXT = {
    en: ["The article widget stopped working", "An internal error stopped it. Reload it to show the article again.", "Reload"],
    "zh-Hant": ["文章小工具已停止運作", "內部錯誤使其停止。重新載入即可再次顯示文章。", "重新載入"],
    "zh-Hans": ["文章小组件已停止运行", "内部错误使其停止。重新加载即可再次显示文章。", "重新加载"],
  };
  var sheets = null;

  function make(parent, tag, cls, text) {
    var el = doc.createElement(tag);
    el.className = cls;
    if (text) {
      el.textContent = text;
    }
    return parent.appendChild(el);
  }

  function showCrash(el, error) {
    var root = el.shadowRoot;
    try {
      root = root || el.attachShadow({ mode: "open" });
      // Keep the stylesheet (adopted, or a <style>/<link>); the module's rendering goes.
      for (var i = root.childNodes.length - 1; i >= 0; i--) {
        var n = root.childNodes[i];
        if (n.localName !== "style" && n.localName !== "link") {
          root.removeChild(n);
        }
      }
      if (root.adoptedStyleSheets) {
        if (root.adoptedStyleSheets.length) {
          sheets = sheets || root.adoptedStyleSheets;
        } else if (sheets) {
          root.adoptedStyleSheets = sheets;
        }
      }
      var l = (el.closest("[lang]") || doc.documentElement).lang || navigator.language || "";
      l = /^zh/i.test(l) ? (/hant|tw|hk|mo/i.test(l) ? "zh-Hant" : "zh-Hans") : "en";
      var t = TEXT[l];
      var box = make(root, "div", "aw-root");
      box.setAttribute("data-aw-shadow", ""); // The module reuses a shadow root marked ours.
      box = make(box, "div", "article-widget");
      box.lang = l;
      box = make(box, "div", "aw-error");
      box.setAttribute("part", "error");
      box.setAttribute("role", "alert");
      make(box, "p", "aw-error-title", t[0]);
      make(box, "p", "aw-error-message", t[1]);
      var button = make(box, "button", "aw-retry", t[2]);
      button.type = "button";
      button.addEventListener("click", reload);
    } catch (e) {
      // An element that cannot host a shadow root: the event still tells the page.
    }
    emit(el, "crashed", "the widget's module crashed (" + error.message + "); reload it with the widget's button or ArticleWidget.reload()");
  }

  function crash(inst, error) {
    if (inst.dead) {
      return;
    }
    inst.dead = error;
    if (w.console) {
      w.console.error("article-widget: the module crashed; every widget offers a reload", error);
    }
    live().forEach(function (el) {
      showCrash(el, error);
    });
  }

  // Elements the loader manages: auto-mounted ones map to the JSON of the options they were
  // mounted with (null: not mounted yet); script API ones to { options, live, seen }.
  var auto = new Map();
  var manual = new Map();
  // Article requests started before the module was ready, per element: [url, response, abort].
  var early = new Map();

  // Every element showing a widget now.
  function live() {
    var out = [];
    auto.forEach(function (key, el) {
      if (key !== null) {
        out.push(el);
      }
    });
    manual.forEach(function (o, el) {
      if (o.live) {
        out.push(el);
      }
    });
    return out;
  }

  // Starts fetching the article while the module loads; the module reads the response itself
  // (status, size limit, timeout, parser: the same checks as its own requests).
  function prefetch(el, src) {
    if (!w.AbortController || (current && current.ready) || typeof src !== "string") {
      return;
    }
    try {
      var url = new URL(src, doc.baseURI).href;
    } catch (e) {
      return;
    }
    if (/^https?:/.test(url)) {
      var c = new AbortController();
      var r = fetch(url, { headers: { Accept: "application/json" }, signal: c.signal });
      r.catch(noop);
      early.set(el, [url, r, c]);
    }
  }

  function handOver(m, el) {
    var f = early.get(el);
    early.delete(el);
    if (f && m.prefetched) {
      m.prefetched(f[0], f[1], f[2]);
    }
    return f;
  }

  function abortEarly(el) {
    var f = early.get(el);
    early.delete(el);
    if (f) {
      f[2].abort();
    }
  }

  // Mounts run in small batches, each in its own task, so that a page with hundreds of
  // widgets never blocks its main thread for long; a batch grows or shrinks with its cost.
  var queue = [];
  var draining = false;
  var batch = 4;

  function enqueue(job) {
    queue.push(job);
    if (!draining) {
      draining = true;
      drain();
    }
  }

  function drain() {
    load().then(
      function (m) {
        var t0 = performance.now();
        queue.splice(0, batch).forEach(function (job) {
          try {
            job(m);
          } catch (e) {
            // A job reports its own failures; a trap has marked the instance dead.
          }
        });
        // After the renders these mounts scheduled (microtasks run in order).
        Promise.resolve().then(function () {
          var took = performance.now() - t0;
          batch = took > 25 ? Math.max(1, batch >> 1) : took < 8 ? Math.min(batch * 2, 64) : batch;
          if (queue.length) {
            setTimeout(drain, 0);
          } else {
            draining = false;
          }
        });
      },
      function (e) {
        var jobs = queue;
        queue = [];
        draining = false;
        jobs.forEach(function (job) {
          job(null, e);
        });
      }
    );
  }

  // The JSON text of a snippet's inline article; throws when it is not JSON.
  function inlineArticle(el) {
    var data = el.querySelector(':scope > script[type="application/json"]');
    if (!data) {
      return undefined;
    }
    JSON.parse(data.textContent);
    return data.textContent;
  }

  function optionsOf(el) {
    var options = { src: el.getAttribute("src") || el.getAttribute("data-article-src") };
    if (!options.src) {
      try {
        options.article = inlineArticle(el);
      } catch (e) {
        options.article = null;
      }
    }
    var excerpt = el.getAttribute("excerpt");
    if (excerpt) {
      options.excerpt = Number(excerpt);
    }
    var locale = el.getAttribute("locale") || el.getAttribute("data-article-locale");
    if (locale) {
      options.locale = locale;
    }
    var uiLang = el.getAttribute("ui-lang") || el.getAttribute("data-article-ui-lang");
    if (uiLang) {
      options.uiLang = uiLang;
    }
    var script = el.getAttribute("script") || el.getAttribute("data-article-script");
    if (script) {
      options.script = script;
    }
    if (el.hasAttribute("quote-marks") || el.hasAttribute("data-article-quote-marks")) {
      options.quoteMarks = true;
    }
    if (el.hasAttribute("structured-data")) {
      options.structuredData = true;
    }
    return options;
  }

  function mountAuto(el) {
    var options = optionsOf(el);
    var key = JSON.stringify(options);
    auto.set(el, key);
    if (options.article === null) {
      try {
        inlineArticle(el);
      } catch (e) {
        fail(el, "invalid", new Error("the inline article (script type=application/json) is not JSON: " + e.message));
      }
      return;
    }
    abortEarly(el);
    prefetch(el, options.src);
    enqueue(function (m, error) {
      if (auto.get(el) !== key) {
        return; // Removed or changed while waiting.
      }
      if (error) {
        return fail(el, "load", error);
      }
      var f;
      try {
        f = handOver(m, el);
        m.mount(el, options);
      } catch (e) {
        if (f) {
          f[2].abort();
        }
        fail(el, "options", e);
      }
    });
  }

  var io =
    "IntersectionObserver" in w
      ? new IntersectionObserver(
          function (entries) {
            entries.forEach(function (entry) {
              if (entry.isIntersecting) {
                io.unobserve(entry.target);
                mountAuto(entry.target);
              }
            });
          },
          { rootMargin: "300px 0px" }
        )
      : null;

  // In or near the viewport now (a rendered element within the observer's margin).
  function near(el) {
    var r = el.getBoundingClientRect();
    return el.getClientRects().length > 0 && r.bottom >= -300 && r.top <= w.innerHeight + 300;
  }

  function watch(el) {
    if (auto.has(el) || manual.has(el)) {
      return;
    }
    auto.set(el, null); // Known, not mounted yet.
    if (io && !near(el)) {
      io.observe(el);
    } else {
      mountAuto(el);
    }
  }

  function scan(root) {
    if (root.nodeType !== 1) {
      return;
    }
    if (root.matches(SCAN)) {
      watch(root);
    }
    var found = root.querySelectorAll(SCAN);
    for (var i = 0; i < found.length; i++) {
      watch(found[i]);
    }
  }

  // Unmounts a widget through the module (nothing to do once it crashed).
  function unmountNow(el) {
    abortEarly(el);
    if (!modulePromise || (current && current.dead)) {
      return Promise.resolve(false);
    }
    return modulePromise.then(function (m) {
      return m.unmount(el);
    });
  }

  function forget(el) {
    if (!auto.has(el)) {
      return;
    }
    if (io) {
      io.unobserve(el);
    }
    var mounted = auto.get(el);
    auto.delete(el);
    abortEarly(el);
    if (mounted) {
      unmountNow(el).catch(noop);
    }
  }

  // An element that left the page (a moved one is connected again by now) loses its widget.
  function drop(el) {
    if (el.isConnected) {
      return;
    }
    forget(el);
    if (manual.has(el)) {
      manual.delete(el);
      unmountNow(el).catch(noop);
    }
  }

  function sweep() {
    auto.forEach(function (_, el) {
      drop(el);
    });
    manual.forEach(function (o, el) {
      if (el.isConnected) {
        o.seen = true;
      } else if (o.seen) {
        drop(el); // Only once it was on the page: mount may come before the element is added.
      }
    });
  }

  function changed(el) {
    if (manual.has(el) || !el.isConnected) {
      return;
    }
    if (auto.has(el)) {
      var mountedWith = auto.get(el);
      if (!el.matches(AUTO)) {
        forget(el);
      } else if (mountedWith !== null && mountedWith !== JSON.stringify(optionsOf(el))) {
        mountAuto(el);
      }
    } else if (el.matches(AUTO)) {
      watch(el);
    }
  }

  function onMutations(records) {
    records.forEach(function (r) {
      if (r.type === "attributes") {
        if (!(native && r.target.localName === TAG)) {
          changed(r.target);
        }
        return;
      }
      r.addedNodes.forEach(scan);
    });
    sweep();
  }
  var mo = new MutationObserver(onMutations);
  // Shadow roots holding script API widgets, watched for their removal too.
  var roots = new WeakSet();

  var api = {
    __loader: LOADER_VERSION,
    version: LOADER_VERSION,
    /** Resolves once the WebAssembly module is ready. */
    get ready() {
      return load().then(noop);
    },
    /**
     * Mounts a widget on `element`; rejects with a TypeError naming a malformed option. The
     * widget is unmounted when the element leaves the page. After a failed load, mounting
     * again with the same options loads again.
     */
    mount: function (element, options) {
      if (!(element instanceof HTMLElement)) {
        return Promise.reject(new TypeError("ArticleWidget.mount: the first argument must be an HTML element"));
      }
      if (auto.has(element)) {
        if (io) {
          io.unobserve(element);
        }
        auto.delete(element);
      }
      var was = manual.get(element);
      var o = { options: options === undefined ? {} : options, live: false, seen: element.isConnected };
      manual.set(element, o);
      var root = element.getRootNode();
      if (root.host && !roots.has(root)) {
        roots.add(root);
        mo.observe(root, { childList: true, subtree: true });
      }
      abortEarly(element);
      if (!(was && was.live)) {
        prefetch(element, o.options && o.options.src);
      }
      return new Promise(function (resolve, reject) {
        enqueue(function (m, error) {
          if (manual.get(element) !== o) {
            return resolve(); // Unmounted or mounted again meanwhile.
          }
          try {
            if (error) {
              throw error;
            }
            var f;
            try {
              f = handOver(m, element);
              m.mount(element, o.options);
            } catch (e) {
              if (f) {
                f[2].abort();
              }
              throw e;
            }
            o.live = true;
            resolve();
          } catch (e) {
            if (isTrap(e)) {
              o.live = true; // Shows the crash state, and mounts again on reload().
              showCrash(element, e);
            }
            reject(e);
          }
        });
      });
    },
    /** Unmounts the widget on `element`; resolves to whether one was mounted. */
    unmount: function (element) {
      manual.delete(element);
      if (auto.has(element)) {
        if (io) {
          io.unobserve(element);
        }
        auto.delete(element);
      }
      return unmountNow(element);
    },
    /**
     * After a crash: starts a fresh module and mounts every widget again (a page reload is not
     * needed); resolves once the module is ready. Does nothing more otherwise.
     */
    reload: reload,
    /**
     * Shows every widget on the page in `script` ("original", "hans", "hant", "hant-tw",
     * "hant-hk"; "auto" forgets the reader's choice) and remembers it for the site. Rejects
     * with a TypeError for an unknown script.
     */
    setScript: function (script) {
      return load().then(function (m) {
        m.setScript(script);
      });
    },
    /** Number of widgets currently mounted on the page. */
    mountedCount: function () {
      if (!modulePromise) {
        return Promise.resolve(0);
      }
      return load().then(function (m) {
        return m.mountedCount();
      });
    },
  };
  w.ArticleWidget = api;

  function reload() {
    if (current && current.dead) {
      var els = live();
      generation++;
      current = modulePromise = null;
      els.forEach(function (el) {
        var o = manual.get(el);
        if (o) {
          api.mount(el, o.options).catch(noop);
        } else {
          mountAuto(el);
        }
      });
    }
    return load().then(noop);
  }

  function start() {
    if (native) {
      // ES5 style: a constructor through Reflect.construct instead of a class.
      var Widget = function () {
        return Reflect.construct(HTMLElement, [], Widget);
      };
      Widget.prototype = Object.create(HTMLElement.prototype);
      Widget.prototype.constructor = Widget;
      Object.setPrototypeOf(Widget, HTMLElement);
      Widget.observedAttributes = ATTRS;
      Widget.prototype.connectedCallback = function () {
        changed(this);
      };
      Widget.prototype.attributeChangedCallback = function () {
        changed(this);
      };
      Widget.prototype.disconnectedCallback = function () {
        var el = this;
        Promise.resolve().then(function () {
          drop(el);
        });
      };
      // Upgrades the elements already on the page, in shadow roots too.
      ce.define(TAG, Widget);
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
