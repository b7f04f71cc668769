// PTZ instructions (GB/T 28181-2016 Annex A.3): the 8-byte PTZCmd written as 16 hex digits.
//   byte 0  A5h
//   byte 1  version (high nibble, 0) | check of bytes 0–1 nibbles (low nibble): (A + 5 + 0) mod 16 = Fh
//   byte 2  address, low 8 bits
//   byte 3  instruction: PTZ bits 00 zoomOut zoomIn up down left right; presets 81h set, 82h call, 83h delete
//   byte 4  pan speed   | preset: 0
//   byte 5  tilt speed  | preset: the preset number
//   byte 6  zoom speed (high nibble) | address high 4 bits (low nibble)
//   byte 7  checksum: (bytes 0–6) mod 256
// Pure; speeds are clamped to what the field holds.

export type PtzAction = "left" | "right" | "up" | "down" | "zoomIn" | "zoomOut" | "stop" | "preset";

const BITS: Record<Exclude<PtzAction, "stop" | "preset">, number> = {
  right: 0x01,
  left: 0x02,
  down: 0x04,
  up: 0x08,
  zoomIn: 0x10,
  zoomOut: 0x20,
};

export function ptzBytes(action: PtzAction, speed = 128, preset = 1, address = 1): Buffer {
  const s = Math.max(0, Math.min(255, Math.round(speed)));
  const b = Buffer.alloc(8);
  b[0] = 0xa5;
  b[1] = 0x0f;
  b[2] = address & 0xff;
  if (action === "preset") {
    b[3] = 0x82;
    b[5] = Math.max(1, Math.min(255, preset));
  } else if (action !== "stop") {
    b[3] = BITS[action];
    if (action === "left" || action === "right") b[4] = s;
    if (action === "up" || action === "down") b[5] = s;
    if (action === "zoomIn" || action === "zoomOut") b[6] = (Math.min(15, s >> 4) & 0x0f) << 4;
  }
  b[6] = b[6]! | ((address >> 8) & 0x0f);
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += b[i]!;
  b[7] = sum & 0xff;
  return b;
}

export const ptzCmd = (action: PtzAction, speed?: number, preset?: number): string =>
  ptzBytes(action, speed, preset).toString("hex").toUpperCase();
