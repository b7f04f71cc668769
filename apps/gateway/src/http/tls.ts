// HTTPS with HTTP/2 for the gateway (HTTP/1.1 stays on the same port for WebSockets and old clients).
// Why it matters: LL-HLS holds one blocking playlist request open per tile almost all the time. Over
// HTTP/1.1 a browser opens at most 6 connections to one host, so on a wall of 16 or 36 tiles every part,
// playlist and script queues behind those requests (tiles starved for seconds, first frames late); over
// HTTP/2 they all share one connection. RFC 8216bis's low-latency mode is specified for HTTP/2 for this
// reason. Certificates: the bureau's own (TLS_CERT_FILE + TLS_KEY_FILE, PEM), or TLS_SELF_SIGNED=1 for
// demos and benchmarks — generated once into DATA_DIR/tls and reused.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "selfsigned";
import type { Config } from "../config";
import { ConfigError } from "../config";
import { writeFileDurably } from "../durableFile";

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  /** Where they came from, for the log. */
  source: string;
}

type TlsConfig = Pick<Config, "tlsCertFile" | "tlsKeyFile" | "tlsSelfSigned" | "dataDir" | "host">;

/** The certificate and key to serve, or null for plain HTTP. */
export async function loadTls(config: TlsConfig): Promise<TlsFiles | null> {
  const { tlsCertFile: certFile, tlsKeyFile: keyFile } = config;
  if (certFile || keyFile) {
    if (!certFile || !keyFile) throw new ConfigError("TLS_CERT_FILE and TLS_KEY_FILE go together: set both or neither");
    return { cert: readPem(certFile, "TLS_CERT_FILE"), key: readPem(keyFile, "TLS_KEY_FILE"), source: certFile };
  }
  if (!config.tlsSelfSigned) return null;
  const dir = join(config.dataDir, "tls");
  const cert = join(dir, "self-signed-cert.pem");
  const key = join(dir, "self-signed-key.pem");
  if (!existsSync(cert) || !existsSync(key)) {
    mkdirSync(dir, { recursive: true });
    const pems = await selfSigned(config.host);
    await writeFileDurably(dir, "self-signed-key.pem", Buffer.from(pems.private), 0o600);
    await writeFileDurably(dir, "self-signed-cert.pem", Buffer.from(pems.cert));
  }
  return { cert: readFileSync(cert), key: readFileSync(key), source: cert };
}

function readPem(path: string, env: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError(`${env}: cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Names the certificate covers: localhost, the loopback addresses and the configured HOST. */
function altNames(host: string): { type: 2 | 7; value?: string; ip?: string }[] {
  const names: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 2, value: "localhost" },
    { type: 7, ip: "127.0.0.1" },
    { type: 7, ip: "::1" },
  ];
  const isIp = /^[\d.]+$/.test(host) || host.includes(":");
  if (host !== "0.0.0.0" && host !== "::" && !names.some((n) => n.value === host || n.ip === host))
    names.push(isIp ? { type: 7, ip: host } : { type: 2, value: host });
  return names;
}

function selfSigned(host: string) {
  const now = new Date();
  return generate([{ name: "commonName", value: "Command Wall gateway" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 825 * 86_400_000),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: altNames(host) },
    ],
  });
}
