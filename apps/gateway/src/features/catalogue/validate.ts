// Validates a catalogue document: shape (zod) then meaning (ids unique across the whole tree). Errors
// are data naming the exact place, e.g. `prisons[2].blocks[0].subBlocks[1].cameras[3].source.url`.
// Pure: the file loader (load.ts) does the reading.
import type { ApiError, Result } from "@cw/protocol";
import { type CameraEntry, type Province, zProvince } from "./model";

/** `["prisons", 2, "blocks", 0, "id"]` → `prisons[2].blocks[0].id`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

function fail(field: string, message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code: "validation", message: `${field}: ${message}`, field } };
}

export function validateProvince(input: unknown): Result<Province> {
  const r = zProvince.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    if (!issue) return fail("catalogue", "invalid");
    const field = issue.path.length > 0 ? formatPath(issue.path) : "catalogue";
    return fail(field, issue.message);
  }
  const province = r.data;
  const seen = new Map<string, string>();
  const claim = (id: string, at: string): ApiError | null => {
    const first = seen.get(id);
    if (first !== undefined) {
      return { code: "validation", message: `${at}: duplicate id "${id}" (first used at ${first})`, field: at };
    }
    seen.set(id, at);
    return null;
  };
  const checks: Array<[string, string]> = [[province.bureau.id, "bureau.id"]];
  let misuse: ApiError | null = null;
  const camera = (c: CameraEntry, at: string) => {
    checks.push([c.id, `${at}.id`]);
    if (c.publishKey !== undefined && c.source.kind !== "rtmp" && misuse === null) {
      misuse = {
        code: "validation",
        message: `${at}.publishKey: only RTMP cameras have a publish key`,
        field: `${at}.publishKey`,
      };
    }
  };
  province.prisons.forEach((p, pi) => {
    checks.push([p.id, `prisons[${pi}].id`]);
    p.cameras.forEach((c, ci) => {
      camera(c, `prisons[${pi}].cameras[${ci}]`);
    });
    p.blocks.forEach((b, bi) => {
      checks.push([b.id, `prisons[${pi}].blocks[${bi}].id`]);
      b.cameras.forEach((c, ci) => {
        camera(c, `prisons[${pi}].blocks[${bi}].cameras[${ci}]`);
      });
      b.subBlocks.forEach((s, si) => {
        checks.push([s.id, `prisons[${pi}].blocks[${bi}].subBlocks[${si}].id`]);
        s.cameras.forEach((c, ci) => {
          camera(c, `prisons[${pi}].blocks[${bi}].subBlocks[${si}].cameras[${ci}]`);
        });
      });
    });
  });
  for (const [id, at] of checks) {
    const err = claim(id, at);
    if (err) return { ok: false, error: err };
  }
  if (misuse !== null) return { ok: false, error: misuse };
  return { ok: true, value: province };
}
