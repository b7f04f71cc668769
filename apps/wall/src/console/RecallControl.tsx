// Random recall (随机调取), optionally restricted to a camera kind and to a set of prisons.
import { cameraKinds } from "@cw/protocol";
import { useState } from "react";
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { catalogueStore } from "./catalogueStore";
import { consoleStore } from "./consoleStore";
import { randomRecall } from "./wallActions";

function PrisonFilter() {
  const t = useT();
  const tree = useStore(catalogueStore, (s) => s.tree);
  const chosen = useStore(consoleStore, (s) => s.recallPrisons);
  const prisons = tree?.children.filter((n) => n.kind === "prison") ?? [];
  const toggle = (id: string) =>
    consoleStore.setState({ recallPrisons: chosen.includes(id) ? chosen.filter((p) => p !== id) : [...chosen, id] });
  return (
    <details className="dropdown" data-testid="recall-prisons">
      <summary className="select" title={t("wall.recallPrisons")}>
        {chosen.length === 0 ? t("wall.recallPrisonsAll") : t("wall.recallPrisonsSome", { n: chosen.length })}
      </summary>
      <div className="dropdown-menu">
        <label className="check">
          <input
            type="checkbox"
            checked={chosen.length === 0}
            onChange={() => consoleStore.setState({ recallPrisons: [] })}
          />
          {t("wall.recallPrisonsAll")}
        </label>
        {prisons.map((p) => (
          <label key={p.id} className="check" data-testid={`recall-prison-${p.id}`}>
            <input type="checkbox" checked={chosen.includes(p.id)} onChange={() => toggle(p.id)} />
            {p.name}
          </label>
        ))}
      </div>
    </details>
  );
}

export function RecallControl() {
  const t = useT();
  const kind = useStore(consoleStore, (s) => s.recallKind);
  const [empty, setEmpty] = useState(false);
  return (
    <div className="recall">
      <select
        className="select"
        aria-label={t("wall.recallKind")}
        data-testid="recall-kind"
        value={kind}
        onChange={(e) => consoleStore.setState({ recallKind: e.target.value })}
      >
        <option value="">{t("wall.recallAll")}</option>
        {cameraKinds.map((k) => (
          <option key={k} value={k}>
            {t(`camKind.${k}`)}
          </option>
        ))}
      </select>
      <PrisonFilter />
      <button
        type="button"
        className={`btn btn-accent ${empty ? "btn-warn" : ""}`}
        data-testid="random-recall"
        data-empty={empty}
        title={empty ? t("wall.noCameras") : t("wall.recall")}
        onClick={() => setEmpty(randomRecall() === 0)}
      >
        {t("wall.recall")}
      </button>
    </div>
  );
}
