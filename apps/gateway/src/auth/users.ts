// The users the config brings: the config file's plus, unless turned off, the demo users (admin,
// commander, chief, duty, viewer and operator-<prisonId> per prison) sharing DEMO_PASSWORD. Configured
// users win over demo users of the same name. The directory (features/users) lays what the log says on
// top of them (edits, disabled, new passwords) and adds the users made on the users page.
import { policy, type Role } from "@cw/protocol";
import type { Config } from "../config";
import { hashPassword } from "./password";

export interface User {
  username: string;
  displayName: string;
  role: Role;
  /** Prison-bound roles only (operators): the one prison they reach. */
  prisonId: string | null;
  passwordHash: string;
  /** The password was reset: the user must choose a new one before anything else. */
  mustChangePassword?: boolean;
}

/** A user the config brings, and from where. */
export interface ConfigUser extends User {
  source: "config" | "demo";
}

export class ConfigUsersError extends Error {
  override readonly name = "ConfigUsersError";
}

export async function buildUsers(
  config: Config,
  prisons: Array<{ id: string; name: string }>,
): Promise<Map<string, ConfigUser>> {
  const users = new Map<string, ConfigUser>();
  const demo = config.demoUsers ?? config.users.length === 0;
  if (demo) {
    // One hash for the shared demo password: hashing 20 identical passwords would only slow the start.
    const hash = await hashPassword(config.demoPassword);
    const add = (username: string, displayName: string, role: Role, prisonId: string | null = null) =>
      users.set(username, { username, displayName, role, prisonId, passwordHash: hash, source: "demo" });
    add("admin", "系统管理员", "admin");
    add("commander", "指挥长", "commander");
    add("chief", "局长", "chief");
    add("duty", "值班员", "duty");
    add("viewer", "观察员", "viewer");
    for (const p of prisons) add(`operator-${p.id}`, `${p.name}指挥中心`, "operator", p.id);
  }
  const known = new Set(prisons.map((p) => p.id));
  config.users.forEach((u, i) => {
    const prisonId = u.prisonId ?? null;
    if (prisonId !== null && !known.has(prisonId)) {
      throw new ConfigUsersError(`config key 'users[${i}].prisonId': no prison ${prisonId} in the catalogue`);
    }
    users.set(u.username, {
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      prisonId: policy[u.role].reach === "prison" ? prisonId : null,
      passwordHash: u.passwordHash,
      source: "config",
    });
  });
  return users;
}
