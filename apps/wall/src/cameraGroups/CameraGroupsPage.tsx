// /camera-groups (cameraGroups.manage: the administrator): restricted cameras (重点监舍, 民警区域) and who
// may see them. The groups on the left; the selected or new group's editor on the right: its name, its
// cameras picked by place and name (search, tick), and the roles and users allowed. The model is
// useCameraGroups; this file only draws it.
import { type Role, roles } from "@cw/protocol";
import { useState } from "react";
import { useT } from "../i18n/useT";
import { type Draft, findCameras, placeOf, toggle } from "./cameraGroupsModel";
import { type CameraGroupsModel, useCameraGroups } from "./useCameraGroups";
import "./cameraGroups.css";

export function CameraGroupsPage() {
  const t = useT();
  const model = useCameraGroups();
  return (
    <div className="page cg-page" data-testid="camera-groups-page">
      <div className="cg-head">
        <h1 className="cg-title">{t("cg.title")}</h1>
        <button type="button" className="btn" onClick={() => model.edit(null)} data-testid="cg-new">
          {t("cg.new")}
        </button>
      </div>
      <p className="muted cg-hint">{t("cg.hint")}</p>
      {model.error && (
        <p className="cg-error" role="alert" data-testid="cg-error">
          {model.error}
        </p>
      )}
      <div className="cg-body">
        <GroupList model={model} />
        {model.draft && <GroupEditor model={model} draft={model.draft} />}
      </div>
    </div>
  );
}

function GroupList({ model }: { model: CameraGroupsModel }) {
  const t = useT();
  if (model.groups.length === 0) return <p className="muted cg-list">{t("cg.none")}</p>;
  return (
    <ul className="cg-list" data-testid="cg-list">
      {model.groups.map((g) => (
        <li key={g.id}>
          <button
            type="button"
            className={model.draft?.id === g.id ? "cg-item cg-item-on" : "cg-item"}
            onClick={() => model.edit(g.id)}
            data-testid={`cg-group-${g.id}`}
          >
            <b>{g.name}</b>
            <span className="muted">
              {t("cg.summary", { cameras: String(g.cameraIds.length), who: String(g.roles.length + g.users.length) })}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function GroupEditor({ model, draft }: { model: CameraGroupsModel; draft: Draft }) {
  const t = useT();
  const [q, setQ] = useState("");
  const cameras = model.choices?.cameras ?? [];
  const byId = new Map(cameras.map((c) => [c.id, c]));
  const found = findCameras(cameras, q);
  const set = (patch: Partial<Draft>) => model.change({ ...draft, ...patch });
  return (
    <form
      className="cg-editor"
      data-testid="cg-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void model.save();
      }}
    >
      <label className="cg-field">
        <span>{t("cg.name")}</span>
        <input
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
          data-testid="cg-name"
          maxLength={64}
        />
      </label>
      <fieldset className="cg-fieldset">
        <legend>{t("cg.cameras", { n: String(draft.cameraIds.length) })}</legend>
        <ul className="cg-chips" data-testid="cg-chosen">
          {draft.cameraIds.map((id) => (
            <li key={id} className="cg-chip">
              {byId.has(id) ? placeOf(byId.get(id)!) : id}
              <button
                type="button"
                aria-label={t("cg.removeCamera")}
                onClick={() => set({ cameraIds: toggle(draft.cameraIds, id) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          type="search"
          placeholder={t("cg.search")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="cg-search"
        />
        <ul className="cg-pick" data-testid="cg-pick">
          {found.map((c) => (
            <li key={c.id}>
              <label>
                <input
                  type="checkbox"
                  checked={draft.cameraIds.includes(c.id)}
                  onChange={() => set({ cameraIds: toggle(draft.cameraIds, c.id) })}
                  data-testid={`cg-camera-${c.id}`}
                />
                {placeOf(c)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className="cg-fieldset">
        <legend>{t("cg.roles")}</legend>
        <div className="cg-checks">
          {roles.map((r: Role) => (
            <label key={r}>
              <input
                type="checkbox"
                checked={draft.roles.includes(r)}
                onChange={() => set({ roles: toggle(draft.roles, r) })}
                data-testid={`cg-role-${r}`}
              />
              {t(`role.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="cg-fieldset">
        <legend>{t("cg.users")}</legend>
        <div className="cg-checks cg-users">
          {(model.choices?.users ?? []).map((u) => (
            <label key={u.username}>
              <input
                type="checkbox"
                checked={draft.users.includes(u.username)}
                onChange={() => set({ users: toggle(draft.users, u.username) })}
                data-testid={`cg-user-${u.username}`}
              />
              {u.displayName}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="cg-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={model.busy || draft.name.trim() === ""}
          data-testid="cg-save"
        >
          {t("cg.save")}
        </button>
        {draft.id !== null && (
          <button
            type="button"
            className="btn"
            disabled={model.busy}
            onClick={() => void model.remove()}
            data-testid="cg-delete"
          >
            {t("cg.delete")}
          </button>
        )}
        <button type="button" className="btn" onClick={model.close}>
          {t("cg.close")}
        </button>
      </div>
    </form>
  );
}
