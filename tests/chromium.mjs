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
