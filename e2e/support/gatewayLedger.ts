// Every gateway the e2e harness starts is written down (one file per process under .cache/e2e-gateways:
// its pid and data dir) until it exits. A Playwright worker killed while tearing down (a fixture's teardown
// timed out) cannot stop its gateway; the run's global teardown (globalTeardown.ts) stops what is still
// listed, so `npm test` leaves no process behind.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const ledgerDir = resolve(import.meta.dirname, "../../.cache/e2e-gateways");

export function trackGateway(child: ChildProcess, dataDir: string, ownsDataDir: boolean): void {
  if (child.pid === undefined) return;
  mkdirSync(ledgerDir, { recursive: true });
  const file = join(ledgerDir, String(child.pid));
  writeFileSync(file, JSON.stringify({ pid: child.pid, dataDir: ownsDataDir ? dataDir : null }));
  child.once("exit", () => rmSync(file, { force: true }));
}

export interface LedgerEntry {
  pid: number;
  dataDir: string | null;
}

/** Gateways listed and not yet seen to exit. */
export function listedGateways(): LedgerEntry[] {
  let names: string[] = [];
  try {
    names = readdirSync(ledgerDir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    try {
      return [JSON.parse(readFileSync(join(ledgerDir, n), "utf8")) as LedgerEntry];
    } catch {
      return [];
    }
  });
}
