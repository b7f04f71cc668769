/** Builds the wall if apps/wall/src changed since apps/wall/dist was built; exits the process on failure. */
export function buildWallIfStale(): void;
