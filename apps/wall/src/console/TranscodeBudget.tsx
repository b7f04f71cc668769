// The transcode budget in the console's toolbar: "转码 3/8 · 盘锦监狱 北周界、…" — how many H.264
// transcodes of H.265 cameras run of TRANSCODE_MAX and for which cameras, the full list on hover. Amber
// near the limit, red when full (a further H.265 tile on a PC without an HEVC decoder then says
// 转码资源已满). Hidden when this gateway does not transcode.
import { useT } from "../i18n/useT";
import { budgetView } from "./transcodeBudget";
import { useTranscodeBudget } from "./useTranscodeBudget";

export function TranscodeBudget() {
  const t = useT();
  const view = budgetView(useTranscodeBudget());
  if (view === null) return null;
  const list = view.names.length === 0 ? t("transcode.none") : view.names.join("、");
  return (
    <div
      className="transcode-budget"
      data-testid="transcode-budget"
      data-level={view.level}
      data-used={view.used}
      data-max={view.max}
      title={t("transcode.title", { used: view.used, max: view.max, list })}
    >
      <span className="transcode-budget-count">{t("transcode.budget", { used: view.used, max: view.max })}</span>
      {view.shown.length > 0 && (
        <span className="transcode-budget-names" data-testid="transcode-budget-names">
          {view.shown.join("、")}
          {view.more > 0 && ` ${t("transcode.more", { n: view.more })}`}
        </span>
      )}
    </div>
  );
}
