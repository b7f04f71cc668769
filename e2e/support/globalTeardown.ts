// After the whole run: stop every gateway still listed in the ledger (gatewayLedger.ts) — SIGTERM, then
// SIGKILL after 5 s — and remove its data dir. Normally there is none; one is named on stderr when found.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ledgerDir, listedGateways } from "./gatewayLedger";

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export default async function globalTeardown(): Promise<void> {
  for (const { pid, dataDir } of listedGateways()) {
    if (alive(pid)) {
      console.error(`e2e: gateway ${pid} outlived its test; stopping it`);
      process.kill(pid, "SIGTERM");
      const deadline = Date.now() + 5_000;
      while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (alive(pid)) process.kill(pid, "SIGKILL");
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    rmSync(join(ledgerDir, String(pid)), { force: true });
  }
}
