// Makes sure the real parts the tests use are on this machine: ffmpeg/ffprobe, redis-server, Chromium,
// a CJK font and GStreamer's RTSP server (the RTSP tests' camera: H.264/H.265, AAC/G.711, Digest auth). Idempotent: installs only what is missing (Debian + root: apt-get), otherwise prints exactly
// what to install and fails loudly — a test that needs a missing tool must never be skipped.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const needs = [
  { pkg: "ffmpeg", ok: () => onPath("ffmpeg") && onPath("ffprobe") },
  { pkg: "redis-server", ok: () => onPath("redis-server") },
  { pkg: "chromium", ok: () => existsSync("/usr/bin/chromium") },
  {
    pkg: "fonts-noto-cjk",
    ok: () =>
      existsSync("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc") ||
      spawnSync("sh", ["-c", "fc-list :lang=zh | grep -q ."]).status === 0,
  },
  ...[
    "gir1.2-gst-rtsp-server-1.0",
    "python3-gst-1.0",
    "gstreamer1.0-plugins-good",
    "gstreamer1.0-plugins-bad",
    "gstreamer1.0-plugins-ugly",
    "gstreamer1.0-libav",
  ].map((pkg) => ({ pkg, ok: () => debInstalled(pkg) })),
];

/** dpkg's view of a Debian package (GStreamer's parts have no binary on PATH to look for). */
function debInstalled(pkg) {
  const r = spawnSync("dpkg-query", ["-W", "-f=${Status}", pkg], { encoding: "utf8" });
  return r.status === 0 && r.stdout.includes("install ok installed");
}

function onPath(bin) {
  return spawnSync("sh", ["-c", `command -v ${bin}`]).status === 0;
}

function isDebian() {
  try {
    return /ID=debian|ID_LIKE=.*debian/.test(readFileSync("/etc/os-release", "utf8"));
  } catch {
    return false;
  }
}

export function provision() {
  const missing = needs.filter((n) => !n.ok()).map((n) => n.pkg);
  if (missing.length === 0) return;
  const cmd = `apt-get install -y ${missing.join(" ")}`;
  if (!isDebian() || process.getuid?.() !== 0) {
    console.error(
      `Missing test dependencies: ${missing.join(", ")}.\nInstall them, e.g. on Debian/Ubuntu as root:\n  apt-get update && ${cmd}`,
    );
    process.exit(1);
  }
  console.log(`provision: installing ${missing.join(" ")} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { stdio: "inherit", env });
  const still = needs.filter((n) => !n.ok()).map((n) => n.pkg);
  if (still.length > 0) {
    console.error(`provision: still missing after apt-get: ${still.join(", ")}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) provision();
