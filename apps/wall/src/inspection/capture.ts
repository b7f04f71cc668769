// Captures the current frame of a playing <video> as a bare base64 JPEG (quality 0.8): the tile's
// picture for a finding. DOM only; returns null when no frame is decoded yet.
export function captureFrame(video: HTMLVideoElement, quality = 0.8): string | null {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (w === 0 || h === 0) return null;
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d");
  if (ctx === null) return null;
  ctx.drawImage(video, 0, 0, w, h);
  const url = canvas.toDataURL("image/jpeg", quality);
  const prefix = "data:image/jpeg;base64,";
  return url.startsWith(prefix) ? url.slice(prefix.length) : null;
}

/** Reads a picked file as bare base64 (the prison's report photo; the gateway checks it is a JPEG). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const s = String(reader.result);
      resolve(s.slice(s.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsDataURL(file);
  });
}
