// A live "clock" camera for glass-to-glass latency: ffmpeg stamps each frame with the wall clock at the
// moment it is made (RTCTIME) as a 24-bit barcode of milliseconds; the browser reads the barcode back
// from the presented frame and subtracts it from its own clock (same machine, same clock).
export const BITS = 24;
export const BAR_W = 24;
export const BAR_X0 = 8;
export const BAR_Y = 300;
export const BAR_H = 40;

/** The ffmpeg -vf chain: timestamps become wall-clock microseconds, bits are drawn, then frame-count pts. */
export function barcodeFilter(fps: number): string {
  const boxes: string[] = [`drawbox=x=0:y=${BAR_Y - 8}:w=640:h=${BAR_H + 16}:color=black:t=fill`];
  for (let i = 0; i < BITS; i++) {
    const x = BAR_X0 + i * (BAR_W + 2);
    boxes.push(
      `drawbox=x=${x}:y=${BAR_Y}:w=${BAR_W}:h=${BAR_H}:color=white:t=fill:enable='eq(mod(floor(t*1000/pow(2\\,${i}))\\,2)\\,1)'`,
    );
  }
  return ["settb=1/1000000", "setpts=RTCTIME", ...boxes, `settb=1/${fps}`, "setpts=N"].join(",");
}

/** ffmpeg arguments that publish the clock source live over RTMP (x264 zerolatency, 1 s GOP). */
export function clockPublisherArgs(url: string, fps = 25): string[] {
  return [
    "-nostdin",
    "-hide_banner",
    "-loglevel",
    "error",
    "-re",
    "-f",
    "lavfi",
    "-i",
    `testsrc2=size=640x360:rate=${fps}`,
    "-vf",
    barcodeFilter(fps),
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-tune",
    "zerolatency",
    "-g",
    String(fps),
    "-bf",
    "0",
    "-pix_fmt",
    "yuv420p",
    "-b:v",
    "800k",
    "-f",
    "flv",
    url,
  ];
}

/** Runs in the page: decodes the barcode of the video's current frame; returns ms mod 2^24 or null. */
export const decodeInPage = `
window.__cwDecode = (video, canvas) => {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  canvas.width = 640; canvas.height = 360;
  ctx.drawImage(video, 0, 0, 640, 360);
  const row = ctx.getImageData(0, ${BAR_Y + BAR_H / 2}, 640, 1).data;
  let v = 0;
  for (let i = 0; i < ${BITS}; i++) {
    const x = ${BAR_X0} + i * ${BAR_W + 2} + ${BAR_W / 2};
    if (row[x * 4] > 128) v += 2 ** i;
  }
  return v;
};
window.__cwLatency = (stamp) => {
  const mod = 2 ** ${BITS};
  let d = (Date.now() % mod) - stamp;
  if (d < 0) d += mod;
  return d;
};`;
