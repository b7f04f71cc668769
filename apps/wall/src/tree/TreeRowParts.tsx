// Pieces of a tree row shared by the tree and the search results: the camera's live state dot and the
// 链路中断 badge of a prison whose edge link is down.
import { useT } from "../i18n/useT";
import { cameraState } from "../live/health";
import { useLive } from "../live/LiveProvider";

export function CameraDot({ id }: { id: string }) {
  const state = useLive((s) => cameraState(s.health[id]));
  const t = useT();
  return <span className={`dot dot-${state}`} data-state={state} title={t(`state.${state}`)} />;
}

/** 链路中断 on a prison whose edge link is down (the live overview says so; absent without reports.view). */
export function LinkDown({ prisonId }: { prisonId: string }) {
  const down = useLive((s) => s.overview?.prisons.some((p) => p.prisonId === prisonId && p.link === "down") ?? false);
  const t = useT();
  if (!down) return null;
  return (
    <span className="tree-link-down" data-testid={`tree-link-down-${prisonId}`}>
      {t("ov.level.link_down")}
    </span>
  );
}
