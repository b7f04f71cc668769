// /devices (commanders): the GB/T 28181 devices and platforms that registered — online state, where their
// packets come from, transport, last keepalive, channels, prison — and, for the selected one, its channels as
// they map into the tree, the prison it belongs to, its own password and a catalogue re-query. The model
// is useDevices; this file only draws it.
import type { GbChannel, GbDevice } from "@cw/protocol";
import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { catalogueStore, loadCatalogue } from "../console/catalogueStore";
import { useT } from "../i18n/useT";
import { useNames } from "../ui/names";
import { groupChannels, keepaliveAge, passwordOk } from "./devicesModel";
import { type DevicesModel, useDevices } from "./useDevices";
import "./devices.css";

export function DevicesPage() {
  const t = useT();
  const model = useDevices();
  useEffect(() => {
    void loadCatalogue();
  }, []);
  return (
    <div className="page dev-page" data-testid="devices-page">
      <h1 className="dev-title">{t("dev.title")}</h1>
      {model.error && (
        <p className="dev-error" role="alert">
          {model.error}
        </p>
      )}
      <div className="dev-body">
        <DeviceTable devices={model.devices} selected={model.selected?.deviceId ?? null} onSelect={model.select} />
        {model.selected && <DeviceDetail model={model} />}
      </div>
    </div>
  );
}

function DeviceTable(p: { devices: GbDevice[]; selected: string | null; onSelect(id: string): void }) {
  const t = useT();
  const names = useNames();
  const now = Date.now();
  if (p.devices.length === 0) return <p className="dev-empty">{t("dev.none")}</p>;
  return (
    <table className="dev-table" data-testid="devices-table">
      <thead>
        <tr>
          <th>{t("dev.name")}</th>
          <th>{t("dev.state")}</th>
          <th>{t("dev.remote")}</th>
          <th>{t("dev.keepalive")}</th>
          <th>{t("dev.channels")}</th>
          <th>{t("dev.prison")}</th>
        </tr>
      </thead>
      <tbody>
        {p.devices.map((d) => {
          const age = keepaliveAge(d, now);
          return (
            <tr
              key={d.deviceId}
              className={d.deviceId === p.selected ? "dev-row dev-selected" : "dev-row"}
              data-testid={`device-${d.deviceId}`}
              onClick={() => p.onSelect(d.deviceId)}
            >
              <td>
                <div>{d.name}</div>
                <div className="dev-sub">
                  {d.deviceId} · {t(d.kind === "platform" ? "dev.platform" : "dev.device")}
                  {d.manufacturer ? ` · ${d.manufacturer} ${d.model ?? ""}` : ""}
                </div>
              </td>
              <td className={d.online ? "dev-online" : "dev-offline"} data-testid={`device-state-${d.deviceId}`}>
                {t(d.online ? "dev.online" : "dev.offline")}
              </td>
              <td>
                {d.remoteAddress ?? "—"}
                {d.transport ? ` (${d.transport.toUpperCase()})` : ""}
              </td>
              <td>{age === null ? "—" : t("dev.secondsAgo", { s: age })}</td>
              <td>{d.channelCount}</td>
              <td>{d.prisonId ? names.name(d.prisonId) : t("dev.unassignedDevice")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function DeviceDetail({ model }: { model: DevicesModel }) {
  const t = useT();
  const names = useNames();
  const tree = useStore(catalogueStore, (s) => s.tree);
  const d = model.selected!;
  const [password, setPassword] = useState("");
  const [saved, setSaved] = useState(false);
  const groups = groupChannels(d.channels);
  const prisons = tree?.children.filter((c) => c.kind === "prison") ?? [];
  return (
    <section className="dev-detail" data-testid="device-detail">
      <h2>{d.name}</h2>
      <div className="dev-actions">
        <label>
          {t("dev.prison")}{" "}
          <select
            data-testid="device-prison"
            value={d.prisonId ?? ""}
            disabled={model.busy}
            onChange={(e) => void model.update({ prisonId: e.target.value === "" ? null : e.target.value })}
          >
            <option value="">{t("dev.unassignedDevice")}</option>
            {prisons.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!passwordOk(password)) return;
            void model.update({ password }).then((ok) => {
              setSaved(ok);
              if (ok) setPassword("");
            });
          }}
        >
          <label>
            {t(d.hasOwnPassword ? "dev.ownPassword" : "dev.defaultPassword")}{" "}
            <input
              type="password"
              autoComplete="new-password"
              data-testid="device-password"
              value={password}
              maxLength={128}
              onChange={(e) => {
                setPassword(e.target.value);
                setSaved(false);
              }}
            />
          </label>{" "}
          <button type="submit" disabled={!passwordOk(password) || model.busy}>
            {t("dev.setPassword")}
          </button>
          {saved && <span className="dev-saved">{t("dev.saved")}</span>}
        </form>
        <button type="button" data-testid="device-requery" disabled={!d.online} onClick={() => void model.requery()}>
          {t("dev.requery")}
        </button>
      </div>
      <ChannelList
        title={t("dev.placed")}
        channels={groups.placed}
        place={(c) => names.place(c.blockId, c.subBlockId)}
      />
      <ChannelList
        title={t("dev.unassignedCameras")}
        channels={groups.unassigned}
        place={() => t("dev.unassignedHint")}
      />
      <ChannelList title={t("dev.waiting")} channels={groups.waiting} place={() => t("dev.assignFirst")} />
      <ChannelList title={t("dev.organisations")} channels={groups.organisations} place={(c) => c.channelId} />
    </section>
  );
}

function ChannelList(p: { title: string; channels: GbChannel[]; place(c: GbChannel): string }) {
  const t = useT();
  if (p.channels.length === 0) return null;
  return (
    <details className="dev-channels" open>
      <summary>
        {p.title} ({p.channels.length})
      </summary>
      <ul>
        {p.channels.map((c) => (
          <li key={c.channelId}>
            {c.name} {c.ptz ? <span className="dev-ptz">{t("dev.ptz")}</span> : null}
            <span className="dev-sub"> {p.place(c)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
