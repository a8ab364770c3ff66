/**
 * TypeScript declarations for article-widget's loader (`article-widget.js`): the global
 * `ArticleWidget` API and the events its elements dispatch.
 *
 * The loader is a classic script that finds its modules beside its own URL, so serve the
 * package's files and reference the loader with a `<script async>` tag. To type-check code
 * that uses the global, import the types once:
 *
 *     import type {} from "article-widget";
 */

/** The scripts a reader can choose: as published, Simplified, Traditional, Taiwan, Hong Kong. */
export type Script = "original" | "hans" | "hant" | "hant-tw" | "hant-hk";

/** The `script` option and attribute: a script, or `auto` (from `navigator.languages`). */
export type ScriptDefault = Script | "auto";

/** An article document of format v1 (see `schema/article.v1.json`). */
export interface Article {
  version: 1;
  headline: string;
  /** RFC 3339 with a UTC offset, e.g. `2025-12-29T18:35:44+08:00`. */
  datePublished: string;
  dateModified?: string;
  /** BCP 47 tag: `zh-Hant`, `zh-Hans-CN`, `en`. */
  inLanguage: string;
  url?: string;
  source: { name: string; url?: string };
  authors?: Array<{ name: string; url?: string }>;
  byline?: string;
  editors?: Array<{ name: string; role: "editor" | "responsible-editor" | "other"; label?: string }>;
  sections?: Array<{ name: string; url?: string }>;
  body: string[];
  copyright?: {
    title: string;
    clauses: Array<{ paragraphs: string[] }>;
    holder?: string;
    license?: string;
  };
  conversion?: {
    keep?: string[];
    terms?: Array<{
      term: string;
      hans?: string;
      hant?: string;
      "hant-tw"?: string;
      "hant-hk"?: string;
      traditional?: string;
    }>;
  };
  /** Unknown fields are ignored. */
  [field: string]: unknown;
}

/** Options of `ArticleWidget.mount`; an unknown option is rejected with a `TypeError`. */
export interface MountOptions {
  /** URL of an article JSON document, absolute or relative to the page; http(s) only. */
  src?: string;
  /** An article document given inline, instead of `src`. */
  article?: Article;
  /** BCP 47 locale for dates; default: `uiLang`, else the article's language. */
  locale?: string;
  /** BCP 47 language of the widget's own words (zh-Hant, zh-Hans or English tables); default: the text shown, the page while loading or failing. */
  uiLang?: string;
  /** Fetch timeout, 1 to 600000 ms; default 15000. */
  timeoutMs?: number;
  /** Largest accepted document in bytes; default 2097152 (2 MiB). */
  maxBytes?: number;
  /** Script shown until the reader chooses; default `original`. */
  script?: ScriptDefault;
  /** Converted text uses the target's quote marks (「」 Traditional, “” Simplified). */
  quoteMarks?: boolean;
  /**
   * The images' `referrerpolicy`: `strict-origin-when-cross-origin` (the default),
   * `strict-origin`, `same-origin`, `origin` or `no-referrer`; another value is a `TypeError`.
   */
  referrerPolicy?: "strict-origin-when-cross-origin" | "strict-origin" | "same-origin" | "origin" | "no-referrer";
  /** Show only the first N paragraphs (N ≥ 1) and a link to continue at the source. */
  excerpt?: number;
  /**
   * Add the article's schema.org JSON-LD to `<head>`: one block per article however many
   * widgets show it, removed with the last of them.
   */
  structuredData?: boolean;
}

/** The global `ArticleWidget`, defined by the loader. */
export interface ArticleWidgetApi {
  /** The release version, e.g. `"0.1.0"`. */
  readonly version: string;
  /** Resolves once the WebAssembly module is loaded. */
  readonly ready: Promise<void>;
  /**
   * Mounts a widget on `element`; rejects with a `TypeError` naming a malformed option. The
   * widget is unmounted when the element leaves the page. Mounting again with the same options
   * does nothing, except after a failed load, which it retries.
   */
  mount(element: HTMLElement, options?: MountOptions): Promise<void>;
  /** Unmounts the widget on `element`; resolves to whether one was mounted there. */
  unmount(element: HTMLElement): Promise<boolean>;
  /**
   * After the module crashed (every widget then shows a Reload button and fired
   * `article-widget:error` with `kind: "crashed"`): starts a fresh copy of the module and mounts
   * every widget again, without reloading the page. Resolves once the module is ready.
   */
  reload(): Promise<void>;
  /**
   * Shows every widget on the page in `script` and remembers it for the site; `auto` forgets
   * the reader's choice. Rejects with a `TypeError` for an unknown script.
   */
  setScript(script: ScriptDefault): Promise<void>;
  /** Number of widgets currently mounted on the page. */
  mountedCount(): Promise<number>;
}

/** `article-widget:load`: the article is shown, every paragraph of its body in the DOM. */
export interface LoadDetail {
  src: string | null;
  headline: string;
  datePublished: string;
  inLanguage: string;
}

/** Why a widget (or a script switch) failed. */
export type ErrorKind =
  | "options"
  | "network"
  | "timeout"
  | "http"
  | "too-large"
  | "not-text"
  | "invalid"
  | "load"
  | "dictionary"
  | "crashed"
  /** The article's origin is not in the loader tag's `data-sources`. */
  | "source";

/** `article-widget:error`. */
export interface ErrorDetail {
  src: string | null;
  kind: ErrorKind;
  message: string;
  /** The HTTP status for `kind: "http"`, otherwise `null`. */
  status: number | null;
}

/** `article-widget:script`: the text in a new script is on screen. */
export interface ScriptDetail {
  script: Script;
  /** The OpenCC config or chain (`"t2s"`, `"tw2t+t2hk"`); `null` for the published text. */
  config: string | null;
}

export interface ArticleWidgetEventMap {
  "article-widget:load": CustomEvent<LoadDetail>;
  "article-widget:error": CustomEvent<ErrorDetail>;
  "article-widget:script": CustomEvent<ScriptDetail>;
}

declare global {
  interface Window {
    ArticleWidget: ArticleWidgetApi;
  }
  // eslint-disable-next-line no-var
  var ArticleWidget: ArticleWidgetApi;
  /** The events bubble and are composed, so they reach any ancestor and the document. */
  interface HTMLElementEventMap extends ArticleWidgetEventMap {}
  interface DocumentEventMap extends ArticleWidgetEventMap {}
  interface WindowEventMap extends ArticleWidgetEventMap {}
  interface HTMLElementTagNameMap {
    "article-widget": HTMLElement;
  }
}
