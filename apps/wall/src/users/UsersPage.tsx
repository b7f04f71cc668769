// /users (administrators): every account with its role, prison, state (正常 / 已停用 / 已锁定 / 待改密) and
// last login; the selected account's details, actions and sessions beside it; a new user in a dialog.
// The model is useUsers; this file only draws the list and places the parts.
import type { UserView } from "@cw/protocol";
import { useState } from "react";
import { useT } from "../i18n/useT";
import { useBureauFormat } from "../time/clockStore";
import { ScrollRegion } from "../ui/ScrollRegion";
import { CreateUserDialog } from "./CreateUserDialog";
import { StateChips } from "./StateChips";
import { UserDetail } from "./UserDetail";
import { visibleUsers } from "./usersModel";
import { useUsers } from "./useUsers";
import "./users.css";

export function UsersPage() {
  const t = useT();
  const model = useUsers();
  const [query, setQuery] = useState("");
  const [creating, setCreating] = useState(false);
  const shown = visibleUsers(model.users, query);
  return (
    <div className="page users-page" data-testid="users-page">
      <div className="page-toolbar">
        <h1 className="toolbar-title">{t("users.title")}</h1>
        <input
          type="search"
          className="search"
          data-testid="users-search"
          placeholder={t("users.search")}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="spacer" />
        <button type="button" className="btn btn-primary" data-testid="users-new" onClick={() => setCreating(true)}>
          {t("users.new")}
        </button>
      </div>
      {model.error && (
        <p className="users-error" role="alert" data-testid="users-error">
          {model.error}
        </p>
      )}
      <div className="users-body">
        <ScrollRegion className="users-list" label={t("users.title")}>
          <UserTable users={shown} selected={model.selected?.username ?? null} onSelect={model.select} />
        </ScrollRegion>
        <ScrollRegion className="users-side" label={t("users.detail", { name: model.selected?.displayName ?? "" })}>
          {model.selected ? (
            <UserDetail key={model.selected.username} model={model} user={model.selected} />
          ) : (
            <p className="muted users-hint">{t("users.selectHint")}</p>
          )}
        </ScrollRegion>
      </div>
      {creating && (
        <CreateUserDialog
          prisons={model.prisons}
          busy={model.busy}
          error={model.error}
          onCreate={async (body) => {
            if (await model.create(body)) setCreating(false);
          }}
          onClose={() => setCreating(false)}
        />
      )}
    </div>
  );
}

function UserTable(p: { users: UserView[]; selected: string | null; onSelect(name: string): void }) {
  const t = useT();
  const fmt = useBureauFormat();
  if (p.users.length === 0) return <p className="muted users-hint">{t("users.none")}</p>;
  return (
    <table className="users-table" data-testid="users-table">
      <thead>
        <tr>
          <th>{t("users.displayName")}</th>
          <th>{t("users.role")}</th>
          <th>{t("users.prison")}</th>
          <th>{t("users.state")}</th>
          <th>{t("users.lastLogin")}</th>
          <th>{t("users.source")}</th>
        </tr>
      </thead>
      <tbody>
        {p.users.map((u) => (
          <tr
            key={u.username}
            className={u.username === p.selected ? "users-row users-selected" : "users-row"}
            data-testid={`user-row-${u.username}`}
            onClick={() => p.onSelect(u.username)}
          >
            <td>
              <div className="users-name">{u.displayName}</div>
              <div className="users-sub">{u.username}</div>
            </td>
            <td>{t(`role.${u.role}`)}</td>
            <td>{u.prisonName ?? (u.prisonId === null ? t("users.province") : u.prisonId)}</td>
            <td>
              <StateChips user={u} testId={`user-state-${u.username}`} />
            </td>
            <td className="users-time">
              {u.lastLoginAt === null ? t("users.never") : fmt.dateTime(u.lastLoginAt, false)}
            </td>
            <td className="users-sub">{t(`users.source.${u.source}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
