// What this PC can decode, asked of the browser for the exact codec string of a stream (e.g.
// "hvc1.1.6.L120.90"): MediaSource.isTypeSupported and, where present, mediaCapabilities.decodingInfo
// (which also says smooth / power efficient — hardware). Chromium decodes HEVC only with a hardware
// decoder (Windows/macOS with a capable GPU, Linux only through VAAPI), Firefox not at all, so an H.265
// camera plays passthrough on some wall PCs and as the gateway's H.264 transcode on others. Answers are
// cached per string and reported to the gateway (POST /api/v1/capabilities), batched.
import type { CapabilityReport } from "@cw/protocol";

export type Decodes = CapabilityReport["codecs"][string];

const cache = new Map<string, Promise<Decodes>>();
const known: CapabilityReport["codecs"] = {};
let reportTimer: ReturnType<typeof setTimeout> | null = null;
let reporter: ((r: CapabilityReport) => void) | null = null;

function mediaSource(): typeof MediaSource | undefined {
  return (globalThis as { ManagedMediaSource?: typeof MediaSource }).ManagedMediaSource ?? globalThis.MediaSource;
}

async function ask(codecs: string): Promise<Decodes> {
  const type = `video/mp4; codecs="${codecs}"`;
  const MS = mediaSource();
  const supported = typeof MS?.isTypeSupported === "function" && MS.isTypeSupported(type);
  if (!supported) return { supported: false };
  const mc = (globalThis.navigator as Navigator | undefined)?.mediaCapabilities;
  if (!mc?.decodingInfo) return { supported };
  try {
    const info = await mc.decodingInfo({
      type: "media-source",
      video: { contentType: type, width: 1920, height: 1080, bitrate: 4_000_000, framerate: 25 },
    });
    return { supported: info.supported, smooth: info.smooth, powerEfficient: info.powerEfficient };
  } catch {
    return { supported };
  }
}

/** Where capability reports go (the app sets it once; tests leave it unset). */
export function reportCapabilitiesTo(send: (r: CapabilityReport) => void): void {
  reporter = send;
}

/** Whether this browser decodes `codecs`; the answer is cached and reported to the gateway. */
export function decodes(codecs: string): Promise<Decodes> {
  let p = cache.get(codecs);
  if (!p) {
    p = ask(codecs).then((d) => {
      known[codecs] = d;
      if (reporter && reportTimer === null)
        reportTimer = setTimeout(() => {
          reportTimer = null;
          reporter?.({ codecs: { ...known } });
        }, 500);
      return d;
    });
    cache.set(codecs, p);
  }
  return p;
}
