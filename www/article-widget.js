/*! article-widget loader | MIT OR Apache-2.0
 *
 * Paste once per page:
 *   <article-widget src="https://publisher.example/article.json"></article-widget>
 *   <script async src="https://cdn.example/article-widget/article-widget.js"></script>
 * or, where a CMS strips unknown tags:
 *   <div data-article-src="https://publisher.example/article.json"></div>
 *
 * The loader finds its WebAssembly module beside its own URL (pkg/), loads it only when a
 * widget comes near the viewport, and mounts one widget per element in its own shadow root.
 * Elements added later are picked up; including this script twice does nothing twice.
 * Script API: ArticleWidget.mount(element, { src, article, locale, timeoutMs, maxBytes, script,
 * quoteMarks }), ArticleWidget.unmount(element), ArticleWidget.setScript(script),
 * ArticleWidget.ready, ArticleWidget.version.
 * Events on the element: "article-widget:load", "article-widget:error" (detail.kind,
 * detail.message) and "article-widget:script" (detail.script, detail.config).
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

  // A snippet's element (data-snapshot) may carry its article inline instead of a src.
  var AUTO = "article-widget[src], article-widget[data-snapshot], [data-article-src]";
  var LOADER_VERSION = "0.1.0";

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
  var modulePromise = null;

  // Loads and instantiates the module once, on first use.
  function load() {
    if (!modulePromise) {
      modulePromise = import(moduleUrl).then(function (m) {
        return m.default({ module_or_path: wasmUrl }).then(function () {
          // Dictionaries and the fallback stylesheet live beside this file; the nonce is this
          // tag's, for the stylesheet where constructable stylesheets are missing.
          m.configure({ base: base.href, engine: importEngine, nonce: nonce });
          return m;
        });
      });
    }
    return modulePromise;
  }

  function fail(el, kind, error) {
    var message = error && error.message ? error.message : String(error);
    el.setAttribute("data-state", "error");
    el.dispatchEvent(
      new CustomEvent("article-widget:error", {
        bubbles: true,
        composed: true,
        detail: { src: null, kind: kind, message: message, status: null },
      })
    );
    if (w.console) {
      w.console.error("article-widget:", message);
    }
  }

  // Elements the loader manages: auto-mounted ones map to the options they were mounted with.
  var auto = new Map();
  // Elements mounted through the script API; the loader's scan leaves them alone.
  var manual = new WeakSet();

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
    auto.set(el, JSON.stringify(options));
    if (options.article === null) {
      try {
        inlineArticle(el);
      } catch (e) {
        fail(el, "invalid", new Error("the inline article (script type=application/json) is not JSON: " + e.message));
      }
      return Promise.resolve();
    }
    return load().then(
      function (m) {
        try {
          m.mount(el, options);
        } catch (e) {
          fail(el, "options", e);
        }
      },
      function (e) {
        fail(el, "load", e);
      }
    );
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

  function watch(el) {
    if (auto.has(el) || manual.has(el)) {
      return;
    }
    auto.set(el, null); // Known, not mounted yet.
    if (io) {
      io.observe(el);
    } else {
      mountAuto(el);
    }
  }

  function scan(root) {
    if (root.nodeType !== 1) {
      return;
    }
    if (root.matches(AUTO)) {
      watch(root);
    }
    var found = root.querySelectorAll(AUTO);
    for (var i = 0; i < found.length; i++) {
      watch(found[i]);
    }
  }

  function forget(el) {
    if (io) {
      io.unobserve(el);
    }
    var mounted = auto.get(el);
    auto.delete(el);
    if (mounted && modulePromise) {
      modulePromise.then(function (m) {
        m.unmount(el);
      }, function () {});
    }
  }

  function onMutations(records) {
    records.forEach(function (r) {
      if (r.type === "attributes") {
        var el = r.target;
        if (manual.has(el)) {
          return;
        }
        if (auto.has(el)) {
          var mountedWith = auto.get(el);
          if (!el.matches(AUTO)) {
            forget(el);
          } else if (mountedWith !== null && mountedWith !== JSON.stringify(optionsOf(el))) {
            mountAuto(el);
          }
        } else {
          scan(el);
        }
        return;
      }
      r.addedNodes.forEach(scan);
    });
    // Unmount widgets whose element left the document (a moved element is still connected).
    auto.forEach(function (_, el) {
      if (!el.isConnected) {
        forget(el);
      }
    });
  }

  var api = {
    __loader: LOADER_VERSION,
    version: LOADER_VERSION,
    /** Resolves once the WebAssembly module is ready. */
    get ready() {
      return load().then(function () {});
    },
    /** Mounts a widget on `element`; rejects with a TypeError naming a malformed option. */
    mount: function (element, options) {
      if (!(element instanceof HTMLElement)) {
        return Promise.reject(new TypeError("ArticleWidget.mount: the first argument must be an HTML element"));
      }
      manual.add(element);
      if (auto.has(element)) {
        if (io) {
          io.unobserve(element);
        }
        auto.delete(element);
      }
      return load().then(function (m) {
        m.mount(element, options === undefined ? {} : options);
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
      if (!modulePromise) {
        return Promise.resolve(false);
      }
      return modulePromise.then(function (m) {
        return m.unmount(element);
      });
    },
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
      return modulePromise.then(function (m) {
        return m.mountedCount();
      });
    },
  };
  w.ArticleWidget = api;

  function start() {
    scan(doc.documentElement);
    new MutationObserver(onMutations).observe(doc.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: [
        "src",
        "data-article-src",
        "locale",
        "data-article-locale",
        "ui-lang",
        "data-article-ui-lang",
        "script",
        "data-article-script",
        "quote-marks",
        "data-article-quote-marks",
        "data-snapshot",
        "structured-data",
        "excerpt",
      ],
    });
  }
  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
