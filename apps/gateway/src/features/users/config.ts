// The accounts' part of the gateway config: the lockout rules (failures per account and per address in a
// window, and how long a lock lasts — 0: until an administrator unlocks) and the bootstrap administrator
// made at a first start that has none. Schemas only; config.ts merges them into zConfig.
import { z } from "zod";

export const usersConfigShape = {
  /** Failed logins of one account within the window that lock it. */
  loginFailMax: z.coerce.number().int().min(1).max(1000).default(5),
  /** Failed logins from one address (any account) within the window that lock the address. */
  loginAddressFailMax: z.coerce.number().int().min(1).max(100_000).default(20),
  loginFailWindowMin: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  /** How long a lock lasts; 0: an account stays locked until an administrator unlocks it. */
  loginLockMin: z.coerce
    .number()
    .min(0)
    .max(7 * 24 * 60)
    .default(30),
  /** The administrator made at a first start when no enabled admin exists (config, demo or logged). */
  bootstrapAdmin: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .default("admin"),
  /** Its first password (it must be changed at the first login); absent: a random one is written to
   *  DATA_DIR/bootstrap-admin.txt (mode 0600). */
  bootstrapAdminPassword: z.string().min(10).max(256).optional(),
};

export const usersEnvKeys = {
  LOGIN_FAIL_MAX: "loginFailMax",
  LOGIN_ADDRESS_FAIL_MAX: "loginAddressFailMax",
  LOGIN_FAIL_WINDOW_MIN: "loginFailWindowMin",
  LOGIN_LOCK_MIN: "loginLockMin",
  BOOTSTRAP_ADMIN: "bootstrapAdmin",
  BOOTSTRAP_ADMIN_PASSWORD: "bootstrapAdminPassword",
} as const;
