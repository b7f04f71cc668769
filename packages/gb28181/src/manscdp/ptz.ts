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

export interface PtzDecoded {
  action: PtzAction;
  /** The move's speed 0–255 (pan, tilt, or the zoom nibble × 16); 0 for stop and preset. */
  speed: number;
  /** A preset call's number; 0 otherwise. */
  preset: number;
}

/**
 * An upper platform's PTZCmd read back into one of our actions (what a lower platform passes on to its
 * camera, and audits). Errors as data: a malformed command (length, header, nibble check, checksum), and
 * what our actions cannot say — a combined move (up + left), preset set/delete, focus/iris (4xh), cruise,
 * scan and auxiliary switches — each with the reason.
 */
export function parsePtzCmd(hex: string): { ok: true; value: PtzDecoded } | { ok: false; reason: string } {
  if (!/^[0-9A-Fa-f]{16}$/.test(hex)) return { ok: false, reason: "PTZCmd is not 16 hex digits" };
  const b = Buffer.from(hex, "hex");
  if (b[0] !== 0xa5) return { ok: false, reason: "PTZCmd does not start with A5" };
  const check = ((0xa5 >> 4) + (0xa5 & 0x0f) + (b[1]! >> 4)) % 16;
  if ((b[1]! & 0x0f) !== check) return { ok: false, reason: "PTZCmd byte 2 fails its check nibble" };
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += b[i]!;
  if ((sum & 0xff) !== b[7]) return { ok: false, reason: "PTZCmd checksum does not match" };
  const ins = b[3]!;
  if (ins === 0x82) return { ok: true, value: { action: "preset", speed: 0, preset: b[5]! } };
  if (ins === 0x00) return { ok: true, value: { action: "stop", speed: 0, preset: 0 } };
  if ((ins & 0xc0) !== 0) return { ok: false, reason: `PTZCmd instruction ${ins.toString(16)}h is not a move` };
  const moves = (Object.keys(BITS) as (keyof typeof BITS)[]).filter((a) => (ins & BITS[a]) !== 0);
  if (moves.length !== 1) return { ok: false, reason: "PTZCmd combines moves, which we do not pass on" };
  const action = moves[0]!;
  const speed =
    action === "left" || action === "right" ? b[4]! : action === "up" || action === "down" ? b[5]! : b[6]! & 0xf0;
  return { ok: true, value: { action, speed, preset: 0 } };
}
