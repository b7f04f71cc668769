// Layout presets (预置画面): named layouts saved in the gateway and shared by every console. Anyone
// may load one into the view they are editing; only commanders save and delete (the gateway enforces
// the same rule, the panel just does not offer what would be refused).
import { useState } from "react";
import { useStore } from "zustand";
import { errorText } from "../api/errorText";
import { HttpError } from "../api/http";
import { useT } from "../i18n/useT";
import { useCan } from "../session/useCan";
import { screenOf } from "../wall/wallState";
import { consoleStore, wallStore } from "./consoleStore";
import { deletePreset, presetsStore, savePreset } from "./presetsStore";
import { applyLayoutPreset } from "./wallActions";

export function PresetPanel() {
  const t = useT();
  const layouts = useStore(presetsStore, (s) => s.layouts);
  const editable = useCan("presets.edit");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  const show = (err: Parameters<typeof errorText>[0] | null) => setError(err === null ? null : errorText(err));

  const save = async () => {
    const view = screenOf(wallStore.getState().screens, consoleStore.getState().screen);
    const err = await savePreset({ name, kind: "layout", layoutId: view.layoutId, tiles: view.tiles });
    if (err) {
      setError(errorText(new HttpError(422, err)) + (err.field ? ` (${err.field})` : ""));
      return;
    }
    show(null);
    setName("");
  };

  return (
    <section className="panel preset-panel" data-testid="preset-panel" data-editable={editable}>
      <div className="panel-title">{t("preset.title")}</div>
      <ul className="tour-list">
        {layouts.length === 0 && <li className="muted pad">{t("preset.none")}</li>}
        {layouts.map((p) => (
          <li key={p.id} className="tour-row" data-testid={`preset-${p.id}`} data-name={p.name}>
            <span className="tour-name">{p.name}</span>
            <span className="muted small">{t("wall.layout", { id: p.layoutId })}</span>
            <button
              type="button"
              className="btn btn-small"
              data-testid={`preset-load-${p.id}`}
              onClick={() => applyLayoutPreset(p)}
            >
              {t("preset.load")}
            </button>
            {editable && (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                data-testid={`preset-delete-${p.id}`}
                onClick={() => void deletePreset(p.id).then((err) => err && show(new HttpError(400, err)))}
              >
                {t("preset.delete")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable ? (
        <div className="tour-editor">
          <input
            className="search"
            placeholder={t("preset.name")}
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            data-testid="preset-name"
          />
          <button
            type="button"
            className="btn btn-primary btn-block"
            onClick={() => void save()}
            data-testid="preset-save"
          >
            {t("preset.save")}
          </button>
        </div>
      ) : (
        <div className="muted small">{t("preset.readOnly")}</div>
      )}
      {error && <div className="form-error">{error}</div>}
    </section>
  );
}
