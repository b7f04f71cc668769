// The first administrator. At an open where no enabled admin exists (none in the config file, no demo
// users, none made since), one is made: BOOTSTRAP_ADMIN (default "admin") with BOOTSTRAP_ADMIN_PASSWORD,
// or else a random password written to DATA_DIR/bootstrap-admin.txt (mode 0600, never logged). Either way
// the password must be changed at the first login. So a bureau runs the product with no hand-made hashes.
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fail, ok, type Result } from "@cw/protocol";
import { hashPassword } from "../../auth/password";
import type { Commit } from "../../events/codec";
import type { Logger } from "../../log";
import type { UserDirectory } from "./directory";
import { checkPassword } from "./service";
import { type RandomBytes, temporaryPassword } from "./temporaryPassword";

export interface BootstrapDeps {
  directory: UserDirectory;
  commit: Commit;
  log: Logger;
  dataDir: string;
  username: string;
  password: string | undefined;
  common: ReadonlySet<string>;
  random?: RandomBytes;
}

export const bootstrapFileName = "bootstrap-admin.txt";

/** Makes the bootstrap admin when no enabled admin exists; `null` when there was one already. */
export async function bootstrapAdmin(
  d: BootstrapDeps,
): Promise<Result<{ username: string; file: string | null } | null>> {
  if (d.directory.list().some((u) => u.role === "admin" && !u.disabled)) return ok(null);
  const existing = d.directory.get(d.username);
  if (existing && existing.role !== "admin") {
    return fail("conflict", `BOOTSTRAP_ADMIN ${d.username} is a ${existing.role}: name another user`, "bootstrapAdmin");
  }
  let file: string | null = null;
  let password = d.password;
  if (password !== undefined) {
    const pw = checkPassword(password, d.username, d.common, "BOOTSTRAP_ADMIN_PASSWORD");
    if (!pw.ok) return pw;
  } else {
    password = temporaryPassword(d.random);
    await mkdir(d.dataDir, { recursive: true });
    file = join(d.dataDir, bootstrapFileName);
    await writeFile(file, `${d.username}\n${password}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  const passwordHash = await hashPassword(password);
  if (existing) {
    // A disabled admin of that name: enable it again with the new password.
    await d.commit([
      { type: "user.updated", actor: "system:bootstrap", data: { username: d.username, disabled: false } },
      {
        type: "user.password.set",
        actor: "system:bootstrap",
        data: { username: d.username, passwordHash, mustChangePassword: true, reason: "bootstrap" },
      },
    ]);
  } else {
    await d.commit([
      {
        type: "user.created",
        actor: "system:bootstrap",
        data: {
          username: d.username,
          displayName: "系统管理员",
          role: "admin",
          prisonId: null,
          passwordHash,
          mustChangePassword: true,
        },
      },
    ]);
  }
  d.log.warn(
    { username: d.username, file },
    file
      ? `no administrator: made ${d.username}; its first password is in ${file} (change it at the first login, then delete the file)`
      : `no administrator: made ${d.username} with BOOTSTRAP_ADMIN_PASSWORD (change it at the first login)`,
  );
  return ok({ username: d.username, file });
}
