// Which part of the province catalogue a gateway holds, by its role (pure): an edge holds its one prison
// (EDGE_PRISON_ID) — its cameras, blocks and operators, nothing of the other prisons —; a bureau holds
// every prison's shape, but the cameras of a prison an edge serves (GB_DEVICE_PRISONS) come from that
// edge's GB catalogue, so the bureau's own list leaves them out (else every camera would be there twice:
// the simulated one and the edge's); a standalone gateway holds everything.
import type { Config } from "../config";
import { CatalogueError } from "../features/catalogue/load";
import type { Province } from "../features/catalogue/model";

export function scopeProvince(
  province: Province,
  config: Pick<Config, "gatewayRole" | "edgePrisonId" | "gbDevicePrisons">,
): Province {
  if (config.gatewayRole === "edge") {
    const prison = province.prisons.find((p) => p.id === config.edgePrisonId);
    if (!prison)
      throw new CatalogueError(
        config.edgePrisonId
          ? `EDGE_PRISON_ID: no prison ${config.edgePrisonId} in the catalogue`
          : "GATEWAY_ROLE=edge needs EDGE_PRISON_ID (the prison this edge serves)",
      );
    return { ...province, prisons: [prison] };
  }
  if (config.gatewayRole === "bureau") {
    const served = new Set(Object.values(config.gbDevicePrisons));
    return {
      ...province,
      prisons: province.prisons.map((p) =>
        served.has(p.id)
          ? {
              ...p,
              cameras: [],
              blocks: p.blocks.map((b) => ({
                ...b,
                cameras: [],
                subBlocks: b.subBlocks.map((s) => ({ ...s, cameras: [] })),
              })),
            }
          : p,
      ),
    };
  }
  return province;
}
