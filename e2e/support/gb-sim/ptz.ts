// GB simulator, PTZ: how a device reads the 8-byte PTZCmd it is sent (GB/T 28181-2016 A.3), checksum
// included — written from the standard, independently of the gateway's encoder, so a test can tell
// whether a camera would obey the command or throw it away.
export interface SimPtz {
  /** Byte 3: 00 zoomOut zoomIn up down left right (bits 5..0); 81/82/83 preset set/call/delete. */
  instruction: number;
  move: { right: boolean; left: boolean; down: boolean; up: boolean; zoomIn: boolean; zoomOut: boolean };
  panSpeed: number;
  tiltSpeed: number;
  /** 0–15 (the high nibble of byte 6). */
  zoomSpeed: number;
  /** Preset commands: the preset number (byte 5). */
  preset: number;
  address: number;
  /** Byte 0 is A5h, byte 1's low nibble is the check of bytes 0–1's nibbles, byte 7 the sum of bytes 0–6. */
  valid: boolean;
}

export function readPtzCmd(hex: string): SimPtz | null {
  if (!/^[0-9A-Fa-f]{16}$/.test(hex)) return null;
  const b = [...Array(8).keys()].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0] = b;
  const nibbleCheck = ((b0 >> 4) + (b0 & 0x0f) + (b1 >> 4)) % 16;
  const sum = (b0 + b1 + b2 + b3 + b4 + b5 + b6) % 256;
  const preset = b3 >= 0x81 && b3 <= 0x83;
  return {
    instruction: b3,
    move: {
      right: !preset && (b3 & 0x01) !== 0,
      left: !preset && (b3 & 0x02) !== 0,
      down: !preset && (b3 & 0x04) !== 0,
      up: !preset && (b3 & 0x08) !== 0,
      zoomIn: !preset && (b3 & 0x10) !== 0,
      zoomOut: !preset && (b3 & 0x20) !== 0,
    },
    panSpeed: b4,
    tiltSpeed: b5,
    zoomSpeed: b6 >> 4,
    preset: preset ? b5 : 0,
    address: b2 | ((b6 & 0x0f) << 8),
    valid: b0 === 0xa5 && (b1 & 0x0f) === nibbleCheck && b7 === sum,
  };
}
