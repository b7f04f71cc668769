// `npm run reset-admin -- <username>`: when the only administrator is locked out. With the gateway stopped,
// opens the gateway's state (DATA_DIR / CONFIG_FILE, read like the gateway does), writes a random temporary
// password through the users feature (a `user.password.set` reset in the log: the account is unlocked,
// its sessions end, the password must be changed at the next login) and prints it once on stdout.
// Refuses (exit 2, one line on stderr) a running gateway on the same DATA_DIR (DATA_DIR/gateway.lock), an
// unknown user and a user who is not an administrator. Never logs the password.
import { zUsername } from "@cw/protocol";
import { ConfigError, loadConfig } from "../config";
import { openCore } from "../core";
import { DataDirLockedError, lockDataDir } from "../dataDirLock";
import { selectEventLog } from "../features/alarms/startup";
import { createLogger } from "../log";

class Refusal extends Error {}

async function resetAdmin(username: string): Promise<string> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new Refusal(err.message);
    throw err;
  }
  let lock: Awaited<ReturnType<typeof lockDataDir>>;
  try {
    lock = await lockDataDir(config.dataDir);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      throw new Refusal(
        `a gateway is running on ${config.dataDir} (pid ${err.pid}): stop it first, then run this again`,
      );
    }
    throw err;
  }
  try {
    const log = createLogger("silent");
    const eventLog = await selectEventLog(config, log);
    const core = await openCore({ config, log, ...(eventLog ? { eventLog } : {}) });
    try {
      const users = core.features.users;
      const user = users.directory.get(username);
      if (!user) throw new Refusal(`no user ${username} in ${config.dataDir}`);
      if (user.role !== "admin") {
        throw new Refusal(
          `${username} is a ${user.role}, not an administrator: an administrator resets it on the users page`,
        );
      }
      const r = await users.service.resetPassword("system:reset-admin", username);
      if (!r.ok) throw new Refusal(r.error.message);
      return r.value.temporaryPassword;
    } finally {
      await core.close();
    }
  } finally {
    await lock.release();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const name = zUsername.safeParse(args[0]);
  if (args.length !== 1 || !name.success) {
    console.error("usage: npm run reset-admin -- <username>   (with DATA_DIR / CONFIG_FILE as for the gateway)");
    process.exit(2);
  }
  try {
    const password = await resetAdmin(name.data);
    console.log(
      `Temporary password for ${name.data}: ${password}\n` +
        "It is shown only now. Log in with it and choose a new password (required at once).",
    );
    process.exit(0);
  } catch (err) {
    console.error(`reset-admin: ${(err as Error).message}`);
    process.exit(err instanceof Refusal ? 2 : 1);
  }
}

void main();
