// Debian's Chromium as every browser test and benchmark launches it: Playwright cannot download its own
// browser on a closed network, and without the background-networking flags Chromium keeps trying to
// reach Google's hosts.
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--autoplay-policy=no-user-gesture-required",
];
