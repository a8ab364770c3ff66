/*! article-widget loader | MIT OR Apache-2.0
 * <article-widget src="https://publisher.example/article.json"></article-widget> or
 * <div data-article-src="…">, then <script async src="…/article-widget.js"></script>.
 * API and events: docs/EMBEDDING.md in the article-widget repository.
 */
(function () {
  "use strict";
  var w = window;
  var doc = document;
  if (w.ArticleWidget && w.ArticleWidget.__loader) {
    return;
  }

  var TAG = "article-widget";
  var AUTO = "article-widget[src], article-widget[data-snapshot], [data-article-src]";
  var OWN = ["src", "locale", "ui-lang", "script", "quote-marks"];
  var ATTRS = OWN.map(function (a) {
    return "data-article-" + a;
  }).concat(OWN, "data-snapshot", "structured-data", "excerpt");
  var LOADER_VERSION = "0.1.0";
  var ce = w.customElements;
  var native = !!(ce && w.Reflect && !ce.get(TAG));
  var SCAN = native ? "[data-article-src]:not(article-widget)" : AUTO;

  // This loader's <script> (currentScript is set while it runs).
  var script = doc.currentScript || doc.querySelector('script[src*="article-widget.js"], script[src*="article-widget.min.js"]');
  var base = new URL(".", script ? script.src : doc.baseURI);
  var nonce = (script && (script.nonce || script.getAttribute("nonce"))) || null;
  var ASSETS = {"module": "pkg/article_widget.js", "wasm": "pkg/article_widget_bg.wasm", "engine": "pkg/article_widget_engine.js", "engineWasm": "pkg/article_widget_engine_bg.wasm"}; // @assets
  function at(path) {
    return new URL(path, base).href;
  }

  function instantiate(glue, wasm) {
    var bytes = fetch(wasm, { credentials: "same-origin" });
    bytes.catch(noop);
    return import(glue).then(function (m) {
      return m.default({ module_or_path: bytes }).then(function () {
        return m;
      });
    });
  }
  function importEngine() {
    return instantiate(at(ASSETS.engine), at(ASSETS.engineWasm));
  }

  function noop() {}

  var current = null;
  var modulePromise = null;
  var generation = 0;

  function isTrap(e) {
    return !!(w.WebAssembly && e instanceof WebAssembly.RuntimeError);
  }

  function load() {
    if (current && current.dead) {
      return Promise.reject(current.dead);
    }
    if (!modulePromise) {
      var q = generation ? "?aw-reload=" + generation : "";
      var inst = (current = { url: at(ASSETS.wasm) + q });
      modulePromise = instantiate(at(ASSETS.module) + q, inst.url).then(function (m) {
        // Every export guarded: a trap (panic=abort) marks the instance dead.
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
        g.configure({ base: base.href, engine: importEngine, nonce: nonce });
        inst.ready = 1;
        return g;
      });
    }
    return modulePromise;
  }

  // A trap outside our calls: its stack names the instance's wasm URL.
  function onTrap(e) {
    var error = e.error || e.reason;
    if (current && isTrap(error) && String(error.stack).indexOf(current.url) >= 0) {
      crash(current, error);
    }
  }
  w.addEventListener("error", onTrap);
  w.addEventListener("unhandledrejection", onTrap);

  function fail(el, kind, error) {
    if (isTrap(error)) {
      return showCrash(el, error);
    }
    var message = error && error.message ? error.message : String(error);
    el.setAttribute("data-state", "error");
    var o = manual.get(el);
    var src = o ? o.options && o.options.src : optionsOf(el).src;
    el.dispatchEvent(
      new CustomEvent("article-widget:error", {
        bubbles: true,
        composed: true,
        detail: { src: src || null, kind: kind, message: message, status: null },
      })
    );
    console.error("article-widget:", message);
  }

  var TEXT = {
    en: ["The article widget stopped working", "Reload"],
    "zh-Hant": ["文章小工具已停止運作", "重新載入"],
    "zh-Hans": ["文章小组件已停止运行", "重新加载"],
  };

  function make(parent, tag, cls, text) {
    var el = parent.appendChild(doc.createElement(tag));
    el.className = cls;
    el.textContent = text || "";
    return el;
  }

  function showCrash(el, error) {
    try {
      var root = el.shadowRoot || el.attachShadow({ mode: "open" });
      for (var i = root.childNodes.length - 1; i >= 0; i--) {
        if (!/^(style|link)$/.test(root.childNodes[i].localName)) {
          root.removeChild(root.childNodes[i]);
        }
      }
      var l = (el.closest("[lang]") || doc.documentElement).lang || navigator.language;
      l = /^zh/i.test(l) ? (/hant|tw|hk|mo/i.test(l) ? "zh-Hant" : "zh-Hans") : "en";
      var box = make(root, "div", "aw-root");
      box.setAttribute("data-aw-shadow", "");
      box = make(box, "div", "article-widget");
      box.lang = l;
      box = make(box, "div", "aw-error");
      box.setAttribute("part", "error");
      box.setAttribute("role", "alert");
      make(box, "p", "aw-error-title", TEXT[l][0]);
      var button = make(box, "button", "aw-retry", TEXT[l][1]);
      button.type = "button";
      button.addEventListener("click", reload);
    } catch (e) {
    }
    fail(el, "crashed", new Error("the module crashed: " + error.message));
  }

  function crash(inst, error) {
    if (!inst.dead) {
      inst.dead = error;
      live().forEach(function (el) {
        showCrash(el, error);
      });
    }
  }

  var auto = new Map();
  var manual = new Map();
  var early = new Map();

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

  function prefetch(el, src) {
    if (w.AbortController && !(current && current.ready) && typeof src == "string") {
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
  }

  function mountNow(m, el, options) {
    var f = early.get(el);
    early.delete(el);
    try {
      if (f) {
        m.prefetched(f[0], f[1], f[2]);
      }
      m.mount(el, options);
    } catch (e) {
      if (f) {
        f[2].abort();
      }
      throw e;
    }
  }

  function abortEarly(el) {
    var f = early.get(el);
    early.delete(el);
    if (f) {
      f[2].abort();
    }
  }

  var queue = [];
  var draining = false;

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
        // Batches of mounts, a task each, so that many widgets never block the page long.
        for (var n = 0, end = performance.now() + 8; queue.length && n < 4 && performance.now() < end; n++) {
          try {
            queue.shift()(m);
          } catch (e) {}
        }
        draining = queue.length > 0;
        if (draining) {
          setTimeout(drain);
        }
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

  function inlineArticle(el) {
    var data = el.querySelector(':scope > script[type="application/json"]');
    if (data) {
      JSON.parse(data.textContent);
      return data.textContent;
    }
  }

  function optionsOf(el) {
    function attr(name) {
      return el.getAttribute(name) || el.getAttribute("data-article-" + name);
    }
    var options = { src: attr("src") };
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
    return options;
  }

  function mountAuto(el) {
    var options = optionsOf(el);
    var key = JSON.stringify(options);
    auto.set(el, key);
    abortEarly(el);
    if (options.article === null) {
      try {
        inlineArticle(el);
      } catch (e) {
        fail(el, "invalid", new Error("the inline article (script type=application/json) is not JSON: " + e.message));
      }
      return;
    }
    prefetch(el, options.src);
    enqueue(function (m, error) {
      if (auto.get(el) === key) {
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
  }

  var io =
    "IntersectionObserver" in w &&
    new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            io.unobserve(entry.target);
            mountAuto(entry.target);
          }
        });
      },
      { rootMargin: "300px 0px" }
    );

  function watch(el) {
    if (auto.has(el) || manual.has(el)) {
      return;
    }
    auto.set(el, null);
    var r = el.getBoundingClientRect();
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
    abortEarly(el);
    if (!modulePromise || current.dead) {
      return Promise.resolve(false);
    }
    return modulePromise.then(function (m) {
      return m.unmount(el);
    });
  }

  function forget(el) {
    if (io) {
      io.unobserve(el);
    }
    var mounted = auto.get(el);
    var known = auto.delete(el) || manual.delete(el);
    if (known && mounted !== null) {
      unmountNow(el).catch(noop);
    }
  }

  function drop(el) {
    if (!el.isConnected) {
      forget(el);
    }
  }

  function sweep() {
    auto.forEach(function (_, el) {
      drop(el);
    });
    manual.forEach(function (o, el) {
      if (el.isConnected) {
        o.seen = 1;
      } else if (o.seen) {
        drop(el);
      }
    });
  }

  function changed(el) {
    if (manual.has(el) || !el.isConnected) {
      return;
    }
    if (!auto.has(el)) {
      if (el.matches(AUTO)) {
        watch(el);
      }
    } else if (!el.matches(AUTO)) {
      forget(el);
    } else if (auto.get(el) !== null && auto.get(el) !== JSON.stringify(optionsOf(el))) {
      mountAuto(el);
    }
  }

  var mo = new MutationObserver(function (records) {
    records.forEach(function (r) {
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

  var api = {
    __loader: LOADER_VERSION,
    version: LOADER_VERSION,
    get ready() {
      return load().then(noop);
    },
    mount: function (element, options) {
      if (!(element instanceof HTMLElement)) {
        return Promise.reject(new TypeError("ArticleWidget.mount: the first argument must be an HTML element"));
      }
      if (io) {
        io.unobserve(element);
      }
      auto.delete(element);
      abortEarly(element);
      var was = manual.get(element);
      var o = { options: options === undefined ? {} : options, seen: element.isConnected };
      manual.set(element, o);
      var root = element.getRootNode();
      if (root.host) {
        // Removals inside a shadow root are seen there.
        mo.observe(root, { childList: true, subtree: true });
      }
      if (!(was && was.live)) {
        prefetch(element, o.options && o.options.src);
      }
      return new Promise(function (resolve, reject) {
        enqueue(function (m, error) {
          if (manual.get(element) !== o) {
            return resolve();
          }
          try {
            if (error) {
              throw error;
            }
            mountNow(m, element, o.options);
            o.live = 1;
            resolve();
          } catch (e) {
            if (isTrap(e)) {
              o.live = 1;
              showCrash(element, e);
            }
            reject(e);
          }
        });
      });
    },
    unmount: function (element) {
      if (io) {
        io.unobserve(element);
      }
      auto.delete(element);
      manual.delete(element);
      return unmountNow(element);
    },
    reload: reload,
    setScript: function (script) {
      return load().then(function (m) {
        m.setScript(script);
      });
    },
    mountedCount: function () {
      return modulePromise
        ? load().then(function (m) {
            return m.mountedCount();
          })
        : Promise.resolve(0);
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
      var Widget = function () {
        return Reflect.construct(HTMLElement, [], Widget);
      };
      var p = (Widget.prototype = Object.create(HTMLElement.prototype));
      Widget.observedAttributes = ATTRS;
      p.connectedCallback = p.attributeChangedCallback = function () {
        changed(this);
      };
      p.disconnectedCallback = function () {
        Promise.resolve(this).then(drop);
      };
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
