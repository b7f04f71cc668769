// The prison panel (map marker or list click): its state, blocks, headcount, open alarms by severity,
// orders waiting to be signed, and its cameras, each one click away from the console wall.
import type { Camera, PrisonStatus, TreeNode } from "@cw/protocol";
import { useEffect, useState } from "react";
import { api } from "../api/endpoints";
import { fetchUntilAnswered } from "../api/retry";
import { placeNode } from "../console/wallActions";
import { useT } from "../i18n/useT";
import { navigate } from "../router";
import { levelCss, stateOf } from "./levels";
import { levelKey } from "./PrisonList";

function findPrison(tree: TreeNode, id: string): TreeNode | undefined {
  return tree.children.find((c) => c.kind === "prison" && c.id === id);
}

export function PrisonPanel({ name, status, onClose }: { name: string; status: PrisonStatus; onClose(): void }) {
  const t = useT();
  const id = status.prisonId;
  const [blocks, setBlocks] = useState<TreeNode[]>([]);
  const [cameras, setCameras] = useState<Camera[]>([]);
  useEffect(() => {
    const stops = [
      fetchUntilAnswered(api.tree, (tree) =>
        setBlocks(findPrison(tree.root, id)?.children.filter((c) => c.kind === "block") ?? []),
      ),
      fetchUntilAnswered(() => api.cameras({ prisonId: id }), setCameras),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, [id]);
  const open = Object.entries(status.openBySeverity).sort();
  const toWall = (cameraId: string) => {
    placeNode(cameraId);
    navigate("/");
  };
  return (
    <aside className="ov-panel" data-testid="prison-panel" data-prison={id}>
      <header className="ov-panel-head">
        <span className="ov-dot" style={{ background: levelCss(stateOf(status)) }} />
        <h2>{name}</h2>
        <button type="button" className="btn btn-ghost" data-testid="prison-panel-close" onClick={onClose}>
          {t("ov.close")}
        </button>
      </header>
      <dl className="ov-panel-facts">
        <dt>{t("ov.level")}</dt>
        <dd>{t(levelKey(stateOf(status)))}</dd>
        <dt>{t("ov.blocks")}</dt>
        <dd>{blocks.length}</dd>
        <dt>{t("ov.headcount")}</dt>
        <dd data-testid="prison-panel-headcount">
          {status.headcount ? `${status.headcount.present} / ${status.headcount.expected}` : "—"}
        </dd>
        <dt>{t("ov.openAlarms")}</dt>
        <dd data-testid="prison-panel-alarms">
          {open.length === 0 ? 0 : open.map(([sev, n]) => t("ov.sevCount", { sev, n })).join(" · ")}
        </dd>
        <dt>{t("ov.redObligations")}</dt>
        <dd>{status.redObligations}</dd>
        <dt>{t("ov.pendingOrders")}</dt>
        <dd>{status.pendingOrders}</dd>
        <dt>{t("ov.videoLoss")}</dt>
        <dd>{status.videoLoss}</dd>
      </dl>
      <h3>{t("ov.blocks")}</h3>
      <ul className="ov-panel-list">
        {blocks.map((b) => (
          <li key={b.id}>{b.name}</li>
        ))}
      </ul>
      <h3>{t("ov.cameras")}</h3>
      <ul className="ov-panel-list">
        {cameras.slice(0, 40).map((c) => (
          <li key={c.id}>
            <span>{c.name}</span>
            <button
              type="button"
              className="btn btn-ghost"
              data-testid={`to-wall-${c.id}`}
              onClick={() => toWall(c.id)}
            >
              {t("ov.toWall")}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
