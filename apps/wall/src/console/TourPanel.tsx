// Tours (轮巡): saved in the gateway as presets of kind "tour", shared by every console. Commanders
// build one by dragging cameras and groups from the tree, name it, set the dwell and save; anyone
// starts a saved one on the view they edit (a followed screen tours in the gateway).
import { useState } from "react";
import { useStore } from "zustand";
import { errorText } from "../api/errorText";
import { HttpError } from "../api/http";
import { useT } from "../i18n/useT";
import { useCan } from "../session/useCan";
import { minDwellMs, type TourItem, validateTour } from "../wall/tour";
import { tourPresetInput } from "../wall/tourPreset";
import { screenOf } from "../wall/wallState";
import { catalogueStore } from "./catalogueStore";
import { consoleStore, wallStore } from "./consoleStore";
import { isWallDrag, readDrop } from "./dnd";
import { deletePreset, presetsStore, savePreset } from "./presetsStore";
import { startTourById } from "./wallActions";

export function TourPanel() {
  const t = useT();
  const tours = useStore(presetsStore, (s) => s.tours);
  const editable = useCan("presets.edit");
  const index = useStore(catalogueStore, (s) => s.index);
  const [name, setName] = useState("");
  const [dwell, setDwell] = useState(10);
  const [items, setItems] = useState<TourItem[]>([]);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const tour = { id: "new", name, items, dwellMs: dwell * 1000 };
    const checked = validateTour(tour);
    const view = screenOf(wallStore.getState().screens, consoleStore.getState().screen);
    const err = checked.ok ? await savePreset(tourPresetInput(checked.value, view.layoutId)) : checked.error;
    if (err) {
      setError(errorText(new HttpError(422, err)) + (err.field ? ` (${err.field})` : ""));
      return;
    }
    setError(null);
    setName("");
    setItems([]);
  };

  return (
    <section className="panel tour-panel" data-testid="tour-panel">
      <div className="panel-title">{t("tour.title")}</div>
      <ul className="tour-list">
        {tours.length === 0 && <li className="muted pad">{t("tour.none")}</li>}
        {tours.map((tour) => (
          <li key={tour.id} className="tour-row" data-testid={`tour-${tour.id}`}>
            <span className="tour-name">{tour.name}</span>
            <span className="muted small">
              {t("tour.items", { n: tour.items.length })} · {tour.dwellMs / 1000}s
            </span>
            <button
              type="button"
              className="btn btn-small"
              data-testid={`tour-start-${tour.id}`}
              onClick={() => startTourById(tour.id)}
            >
              {t("tour.start")}
            </button>
            {editable && (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                data-testid={`tour-delete-${tour.id}`}
                onClick={() => void deletePreset(tour.id)}
              >
                {t("tour.delete")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <div className="tour-editor">
          <input
            className="search"
            placeholder={t("tour.name")}
            value={name}
            maxLength={40}
            onChange={(e) => setName(e.target.value)}
            data-testid="tour-name"
          />
          <label className="dwell">
            <span>{t("tour.dwell")}</span>
            <input
              type="number"
              min={minDwellMs / 1000}
              max={3600}
              value={dwell}
              onChange={(e) => setDwell(Number(e.target.value))}
              data-testid="tour-dwell"
            />
          </label>
          <div
            className="tour-drop"
            data-testid="tour-drop"
            onDragOver={(e) => {
              if (isWallDrag(e)) e.preventDefault();
            }}
            onDrop={(e) => {
              e.preventDefault();
              const p = readDrop(e);
              if (p?.kind !== "node" || p.nodeKind === "bureau" || items.some((i) => i.id === p.id)) return;
              setItems([...items, { kind: p.nodeKind === "camera" ? "camera" : "group", id: p.id }]);
            }}
          >
            {items.length === 0 && <span className="muted">{t("tour.dropHere")}</span>}
            {items.map((item) => (
              <button
                type="button"
                key={item.id}
                className="chip"
                title={t("tile.clear")}
                onClick={() => setItems(items.filter((i) => i.id !== item.id))}
              >
                {index?.byId.get(item.id)?.name ?? item.id} ×
              </button>
            ))}
          </div>
          {error && <div className="form-error">{error}</div>}
          <button
            type="button"
            className="btn btn-primary btn-block"
            onClick={() => void save()}
            data-testid="tour-save"
          >
            {t("tour.save")}
          </button>
        </div>
      )}
    </section>
  );
}
