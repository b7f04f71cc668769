// A picked image file as a data URL for an order attachment or a feedback, checked before upload
// against the domain's rule (JPEG or PNG, ≤ 512 KB) so the user hears why at once.
import { ORDER_IMAGE_MAX_BYTES } from "@cw/alerts";

export type ImageRead = { ok: true; dataUrl: string } | { ok: false; reason: "type" | "size" };

export function readImageFile(file: File): Promise<ImageRead> {
  if (file.type !== "image/jpeg" && file.type !== "image/png") return Promise.resolve({ ok: false, reason: "type" });
  if (file.size > ORDER_IMAGE_MAX_BYTES) return Promise.resolve({ ok: false, reason: "size" });
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ ok: true, dataUrl: String(reader.result) });
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsDataURL(file);
  });
}
