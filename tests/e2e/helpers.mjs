// Shared by the end-to-end test files (not a test file itself): one Chromium per file, pages
// that record their uncaught errors, and waits on the widgets' `data-state`.
import { before, after } from "node:test";
import { launchChromium } from "../chromium.mjs";

/** The pages' origin and the assets' (another origin), both served by `cargo xtask e2e`. */
export const BASE = process.env.AW_BASE;
export const CDN = process.env.AW_CDN;

/** The file's Chromium: a live binding, set by the hook `withChromium` registers. */
export let browser;

/** Launches Chromium before the file's tests and closes it after them. */
export function withChromium() {
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
}

/** Gives `page` an `errors` list: the messages of its uncaught exceptions. */
export function recordErrors(page) {
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  return page;
}

/** A page of its own (shared context), recording its errors. */
export async function newPage(viewport = { width: 1000, height: 900 }) {
  return recordErrors(await browser.newPage({ viewport }));
}

/** A page in a new context (fresh storage; `options` for the context), recording its errors. */
export async function newContextPage(options = {}) {
  const context = await browser.newContext(options);
  const page = recordErrors(await context.newPage());
  return { context, page };
}

const reached = (page, states, timeout) =>
  page.waitForFunction(
    (states) => Object.entries(states).every(([sel, st]) => document.querySelector(sel)?.getAttribute("data-state") === st),
    states,
    { timeout }
  );

/** Waits until the widget at `selector` reached `state` (loading, loaded or error). */
export function waitState(page, selector, state = "loaded", timeout = 20000) {
  return reached(page, { [selector]: state }, timeout);
}

/** Waits until each widget, by element id (plain words), reached its state:
 * `{ ok: "loaded", bad: "error" }`. */
export function waitStates(page, states, timeout = 20000) {
  const bySelector = Object.entries(states).map(([id, st]) => [`#${id}`, st]);
  return reached(page, Object.fromEntries(bySelector), timeout);
}
