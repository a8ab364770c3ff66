// Debian's Chromium, launched the way every browser test and benchmark here needs it: as root
// (no sandbox) on a closed network (no background connections, no component updates).
// AW_CHROMIUM overrides the executable.
import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.AW_CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/**
 * Calls `record(url)` for each response to `page` that came from the server, not from the
 * HTTP cache. The loader fetches a pinned module's glue with its SHA-384 and then imports it;
 * the import is a cache hit (immutable names) that Playwright's own events report as a request.
 */
export async function onServerResponse(context, page, record) {
  const cdp = await context.newCDPSession(page);
  const cached = new Set();
  cdp.on("Network.requestServedFromCache", (e) => cached.add(e.requestId));
  cdp.on("Network.responseReceived", (e) => {
    const fromCache = cached.has(e.requestId) || e.response.fromDiskCache || e.response.fromPrefetchCache;
    if (!fromCache) record(e.response.url);
  });
  await cdp.send("Network.enable");
}
