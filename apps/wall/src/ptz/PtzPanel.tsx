// PTZ controls on a maximised tile of a PTZ camera (commanders and the chief: cameras.ptz in the policy
// table): hold an arrow or a zoom button to move, release to stop; a speed for moves; call a preset.
// Every command goes to POST /api/v1/cameras/{id}/ptz (the gateway logs each one for the audit).
import type { PtzCommand } from "@cw/protocol";
import { type PointerEvent, type SyntheticEvent, useMemo, useRef, useState } from "react";
import { errorText } from "../api/errorText";
import { devicesApi } from "../devices/devicesApi";
import { useT } from "../i18n/useT";
import { PTZ_SPEED_DEFAULT, ptzByte, ptzQueue } from "./ptzModel";
import "./ptz.css";

type Move = "up" | "left" | "right" | "down" | "zoomIn" | "zoomOut";
const pad: (Move | null)[] = [null, "up", null, "left", null, "right", null, "down", null];
const arrows: Record<Move, string> = { up: "▲", left: "◀", right: "▶", down: "▼", zoomIn: "+", zoomOut: "−" };

/** The tile's clicks (select, maximise on double-click, drag) must not see the panel's. */
const keep = (e: SyntheticEvent) => e.stopPropagation();

export function PtzPanel({ cameraId }: { cameraId: string }) {
  const t = useT();
  const [speed, setSpeed] = useState(PTZ_SPEED_DEFAULT);
  const [preset, setPreset] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const moving = useRef(false);
  const send = useMemo(
    () =>
      ptzQueue(
        async (id, c: PtzCommand) => {
          await devicesApi.ptz(id, c);
          setError(null);
        },
        (err) => setError(errorText(err)),
      ),
    [],
  );

  const start = (action: Move) => (e: PointerEvent) => {
    e.stopPropagation();
    moving.current = true;
    void send(cameraId, { action, speed: ptzByte(speed, PTZ_SPEED_DEFAULT) });
  };
  const stop = (e: PointerEvent) => {
    e.stopPropagation();
    if (!moving.current) return;
    moving.current = false;
    void send(cameraId, { action: "stop" });
  };
  const moveButton = (action: Move) => (
    <button
      key={action}
      type="button"
      className="ptz-button"
      data-testid={`ptz-${action}`}
      title={t(`ptz.${action}`)}
      aria-label={t(`ptz.${action}`)}
      onPointerDown={start(action)}
      onPointerUp={stop}
      onPointerLeave={stop}
    >
      {arrows[action]}
    </button>
  );

  return (
    <div
      className="ptz-panel"
      data-testid="ptz-panel"
      onClick={keep}
      onDoubleClick={keep}
      onPointerDown={keep}
      onKeyDown={keep}
      onDragStart={(e) => e.preventDefault()}
    >
      <div className="ptz-title">{t("ptz.title")}</div>
      <div className="ptz-pad">
        {pad.map((m, i) =>
          m ? (
            moveButton(m)
          ) : i === 4 ? (
            <button
              key="stop"
              type="button"
              className="ptz-button ptz-stop"
              data-testid="ptz-stop"
              title={t("ptz.stop")}
              onClick={() => {
                moving.current = false;
                void send(cameraId, { action: "stop" });
              }}
            >
              ■
            </button>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed corners of the pad
            <span key={i} />
          ),
        )}
      </div>
      <div className="ptz-zoom">
        {moveButton("zoomOut")}
        {moveButton("zoomIn")}
      </div>
      <label className="ptz-field">
        {t("ptz.speed")}
        <input
          type="range"
          min={1}
          max={255}
          value={speed}
          data-testid="ptz-speed"
          onChange={(e) => setSpeed(ptzByte(Number(e.target.value), PTZ_SPEED_DEFAULT))}
        />
        <span className="ptz-speed-value">{speed}</span>
      </label>
      <div className="ptz-field">
        <input
          type="number"
          min={1}
          max={255}
          value={preset}
          aria-label={t("ptz.presetNumber")}
          data-testid="ptz-preset-number"
          onChange={(e) => setPreset(ptzByte(Number(e.target.value), 1))}
        />
        <button
          type="button"
          data-testid="ptz-preset"
          onClick={() => void send(cameraId, { action: "preset", preset: ptzByte(preset, 1) })}
        >
          {t("ptz.preset")}
        </button>
      </div>
      {error && (
        <div className="ptz-error" data-testid="ptz-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
