// Secrets at rest: what the gateway must write down but nobody may read from its files — an RTSP camera's
// password, an RTMP publish key — sealed with AES-256-GCM under a key that is never in the log: derived
// (HKDF) from DATA_DIR/secret, the same 0600 file that signs play tokens. A sealed value is text
// ("cw1." + base64url(iv ‖ ciphertext ‖ tag)), so it sits in a URL's userinfo or a JSON field and the log's
// schemas need no change. Values written before sealing existed read back as they are. Never logs.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const PREFIX = "cw1.";

export interface SecretBox {
  seal(plain: string): string;
  /** The plain text of a sealed value; a value that is not sealed (an old row) as it is. */
  open(value: string): string;
}

/** The at-rest key: 32 bytes derived from the gateway's secret (outside the log), for this one purpose. */
export const atRestKey = (secret: Buffer): Buffer =>
  Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), "command-wall secrets at rest v1", 32));

export function secretBox(key: Buffer, random: (n: number) => Buffer = randomBytes): SecretBox {
  if (key.length !== 32) throw new Error("the at-rest key is 32 bytes");
  return {
    seal(plain) {
      const iv = random(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return PREFIX + Buffer.concat([iv, ct, cipher.getAuthTag()]).toString("base64url");
    },
    open(value) {
      if (!value.startsWith(PREFIX)) return value;
      const raw = Buffer.from(value.slice(PREFIX.length), "base64url");
      if (raw.length < 28) throw new Error("a sealed secret is too short");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
    },
  };
}

/** An RTSP URL's userinfo (`user:pass@`): the password sealed, the user name readable. */
const userinfo = /^(rtsps?:\/\/)([^/@\s:]*):([^/@\s]*)@/;

export function sealUrl(url: string, box: SecretBox): string {
  const m = userinfo.exec(url);
  if (!m || m[3] === undefined || m[3] === "" || m[3].startsWith(PREFIX)) return url;
  return `${m[1]}${m[2]}:${box.seal(m[3])}@${url.slice(m[0].length)}`;
}

export function openUrl(url: string, box: SecretBox): string {
  const m = userinfo.exec(url);
  if (!m || m[3] === undefined || !m[3].startsWith(PREFIX)) return url;
  return `${m[1]}${m[2]}:${box.open(m[3])}@${url.slice(m[0].length)}`;
}
