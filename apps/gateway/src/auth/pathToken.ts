// What every request with a token in its path checks (live HLS and recorded footage alike) once the
// token's signature and kind are known: its session still exists, the token is alive (sliding TTL), the
// camera exists and the session may see that camera (its prison, its camera groups). Throws the catalogue's errors; never logs.
import { AppError, type Camera } from "@cw/protocol";
import type { CameraAccess } from "../features/cameraGroups/access";
import type { CatalogueStore } from "../features/catalogue/store";
import type { TokenUse } from "./hlsToken";
import { tokenKey } from "./hlsToken";
import type { Session, SessionStore } from "./sessions";

/** Where a path token is checked: the sessions, the tokens in use, the catalogue. */
export interface PathTokenDeps {
  sessions: SessionStore;
  tokens: TokenUse;
  catalogue: CatalogueStore;
  access: CameraAccess;
}

export function admitPathToken(
  core: PathTokenDeps,
  token: string,
  claims: { s: string; e: number },
  cameraId: string,
): { session: Session; camera: Camera; key: string } {
  const session = core.sessions.byPrefix(claims.s);
  const key = tokenKey(token);
  if (!session || !core.tokens.alive(key, claims)) throw new AppError("bad_token");
  const camera = core.catalogue.camera(cameraId);
  if (!camera) throw new AppError("not_found", `no camera ${cameraId}`, "camera");
  core.access.require(session, camera);
  return { session, camera, key };
}
