// Accounts: the user directory folded from the log (config and demo users, users made on the users page,
// edits, passwords, lockout, last logins), the administrators' routes, and the bootstrap administrator
// made at an open with none. Sessions (features/sessions) ask it who may hold a session.
import { orThrow } from "@cw/protocol";
import type { Feature, Kernel } from "../feature";
import { bootstrapAdmin } from "./bootstrap";
import { commonPasswords } from "./commonPasswords";
import { UserDirectory } from "./directory";
import { usersRoutes } from "./routes";
import { UsersService } from "./service";

export function usersFeature(k: Kernel) {
  const c = k.config;
  const directory = new UserDirectory(k.users, {
    maxFailures: c.loginFailMax,
    addressMaxFailures: c.loginAddressFailMax,
    windowMs: c.loginFailWindowMin * 60_000,
    lockMs: c.loginLockMin * 60_000,
  });
  const prisons = k.province.prisons.map((p) => ({ id: p.id, name: p.name }));
  const common = commonPasswords();
  const service = new UsersService({ directory, commit: k.commit, prisons, common });
  return {
    name: "users",
    directory,
    service,
    common,
    state: directory,
    async open() {
      orThrow(
        await bootstrapAdmin({
          directory,
          commit: k.commit,
          log: k.log.child({ part: "users" }),
          dataDir: c.dataDir,
          username: c.bootstrapAdmin,
          password: c.bootstrapAdminPassword,
          common,
        }),
      );
    },
    routes: (app) => usersRoutes(app, { directory, service, prisons, now: k.now }),
  } satisfies Feature & { directory: UserDirectory; service: UsersService; common: ReadonlySet<string> };
}

export type UsersFeature = ReturnType<typeof usersFeature>;
