// The wall: a CSS grid laid out by the layout engine, one Tile per slot. Used by the console
// (interactive) and by the big-screen outputs (read-only).
import type { Variant } from "@cw/protocol";
import { useStore } from "zustand";
import { getLayout, variantForTile } from "../wall/layouts";
import type { ScreenState } from "../wall/wallState";
import { catalogueStore } from "./catalogueStore";
import { Tile } from "./Tile";
import "./screens.css";

export interface WallGridProps {
  screen: ScreenState;
  interactive: boolean;
  selectedTile?: number | null;
  maximisedTile?: number | null;
  onSelect?: (index: number) => void;
  onToggleMaximise?: (index: number) => void;
  onSwap?: (from: number, to: number) => void;
  onClear?: (index: number) => void;
  /** The camera an unacknowledged alarm put on this screen: its tile gets a red frame and label. */
  alarmCameraId?: string | null;
  /**
   * Tiles over a camera this reader may not see (camera groups): the gateway sends them without the camera
   * (`ScreenState.withheld`); they say 无权查看 instead of looking empty.
   */
  withheld?: readonly number[] | undefined;
}

export function WallGrid(props: WallGridProps) {
  const { screen, interactive, selectedTile = null, maximisedTile = null, alarmCameraId = null } = props;
  const withheld = props.withheld ?? [];
  const layout = getLayout(screen.layoutId);
  const cameras = useStore(catalogueStore, (s) => s.cameras);
  const max = maximisedTile !== null && maximisedTile < screen.tiles.length ? maximisedTile : null;

  return (
    <div
      className="wall"
      data-testid="wall"
      data-layout={layout.id}
      style={{
        gridTemplateColumns: `repeat(${layout.cols}, minmax(0, 1fr))`,
        gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`,
      }}
    >
      {layout.tiles.map((g, i) => {
        const cameraId = screen.tiles[i] ?? null;
        const camera = cameraId ? cameras.get(cameraId) : undefined;
        let variant: Variant = variantForTile(g, max === i);
        // Cameras without a sub stream always play the main one.
        if (camera && !camera.hasSubStream) variant = "main";
        return (
          <Tile
            // biome-ignore lint/suspicious/noArrayIndexKey: tiles are positional slots; a tile keeps its player across layout changes
            key={i}
            index={i}
            cameraId={cameraId}
            variant={variant}
            style={{ gridColumn: `${g.col + 1} / span ${g.colSpan}`, gridRow: `${g.row + 1} / span ${g.rowSpan}` }}
            selected={interactive && selectedTile === i}
            maximised={max === i}
            covered={max !== null && max !== i}
            interactive={interactive}
            alarm={cameraId !== null && cameraId === alarmCameraId}
            withheld={cameraId === null && withheld.includes(i)}
            {...(props.onSelect ? { onSelect: props.onSelect } : {})}
            {...(props.onToggleMaximise ? { onToggleMaximise: props.onToggleMaximise } : {})}
            {...(props.onSwap ? { onSwap: props.onSwap } : {})}
            {...(props.onClear ? { onClear: props.onClear } : {})}
          />
        );
      })}
    </div>
  );
}
