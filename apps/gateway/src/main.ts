// Entry point: `tsx apps/gateway/src/main.ts`. Reads the config, starts the real gateway, prints the
// demo password, and stops everything (HTTP, sockets, ffmpeg children, RTMP, the log) on SIGINT or
// SIGTERM. A bad config or catalogue exits with code 2 and one clear line.

import { ConfigError, loadConfig } from "./config";
import { DataDirLockedError } from "./dataDirLock";
import { CatalogueError } from "./features/catalogue/load";
import { createLogger } from "./log";
import { startGateway } from "./start";

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(`command-wall gateway: ${(err as Error).message}`);
    process.exit(2);
  }
  const log = createLogger(config.logLevel);
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  try {
    gateway = await startGateway(config, log);
  } catch (err) {
    if (
      err instanceof CatalogueError ||
      err instanceof ConfigError ||
      err instanceof DataDirLockedError ||
      (err as Error).name === "ConfigUsersError"
    ) {
      console.error(`command-wall gateway: ${(err as Error).message}`);
      process.exit(2);
    }
    log.fatal({ err }, "gateway failed to start");
    process.exit(1);
  }
  if ((config.demoUsers ?? config.users.length === 0) && !process.env.DEMO_PASSWORD) {
    console.log(
      `\nCommand Wall: ${gateway.url}  — demo users admin, commander, chief, duty, viewer, operator-<prisonId>; ` +
        `password: ${config.demoPassword} (set DEMO_PASSWORD to change it)\n`,
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    const force = setTimeout(() => {
      log.error("shutdown took over 10 s: exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    gateway.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, "error during shutdown");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

void main();
