// The users page's model: the list and the prisons (refreshed every 15 s: locks end on their own and
// last logins move), the selected user and their sessions, and the administrator's actions. A reset's
// temporary password is held here until the administrator dismisses it — shown once, never refetched.
// Errors are kept as text for the page. No rendering here.
import type { SessionView, UserCreate, UserPatch, UserView } from "@cw/protocol";
import { useCallback, useEffect, useState } from "react";
import { errorText } from "../api/errorText";
import { usersApi } from "./usersApi";

export interface UsersModel {
  users: UserView[];
  prisons: Array<{ id: string; name: string }>;
  selected: UserView | null;
  sessions: SessionView[];
  error: string | null;
  busy: boolean;
  /** The temporary password of the last reset, until dismissed. */
  temporary: { username: string; password: string } | null;
  select(username: string | null): void;
  create(body: UserCreate): Promise<boolean>;
  update(patch: UserPatch): Promise<boolean>;
  resetPassword(): Promise<void>;
  unlock(): Promise<void>;
  revoke(sessionId: string): Promise<void>;
  dismissTemporary(): void;
}

export function useUsers(): UsersModel {
  const [users, setUsers] = useState<UserView[]>([]);
  const [prisons, setPrisons] = useState<Array<{ id: string; name: string }>>([]);
  const [selectedName, setSelectedName] = useState<string | null>(null);
  const [sessions, setSessions] = useState<SessionView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [temporary, setTemporary] = useState<{ username: string; password: string } | null>(null);

  const reload = useCallback(async () => {
    const list = await usersApi.list();
    setUsers(list.users);
    setPrisons(list.prisons);
  }, []);

  const reloadSessions = useCallback(async (name: string | null) => {
    setSessions(name === null ? [] : await usersApi.sessions(name));
  }, []);

  useEffect(() => {
    let stop = false;
    const load = () =>
      reload()
        .then(() => !stop && setError(null))
        .catch((err: unknown) => !stop && setError(errorText(err)));
    void load();
    const timer = setInterval(load, 15_000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [reload]);

  useEffect(() => {
    reloadSessions(selectedName).catch((err: unknown) => setError(errorText(err)));
  }, [selectedName, reloadSessions]);

  /** Runs an action, then refreshes the list and the selected user's sessions; false when refused. */
  const act = useCallback(
    async (action: () => Promise<void>): Promise<boolean> => {
      setBusy(true);
      try {
        await action();
        await reload();
        await reloadSessions(selectedName);
        setError(null);
        return true;
      } catch (err) {
        setError(errorText(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [reload, reloadSessions, selectedName],
  );

  const create = useCallback(
    (body: UserCreate) =>
      act(async () => {
        const u = await usersApi.create(body);
        setSelectedName(u.username);
      }),
    [act],
  );
  const update = useCallback(
    (patch: UserPatch) =>
      selectedName === null
        ? Promise.resolve(false)
        : act(async () => void (await usersApi.update(selectedName, patch))),
    [act, selectedName],
  );
  const resetPassword = useCallback(async () => {
    if (selectedName === null) return;
    await act(async () => {
      const password = await usersApi.resetPassword(selectedName);
      setTemporary({ username: selectedName, password });
    });
  }, [act, selectedName]);
  const unlock = useCallback(async () => {
    if (selectedName !== null) await act(async () => void (await usersApi.unlock(selectedName)));
  }, [act, selectedName]);
  const revoke = useCallback((sessionId: string) => act(() => usersApi.revoke(sessionId)).then(() => {}), [act]);

  const selected = users.find((u) => u.username === selectedName) ?? null;
  return {
    users,
    prisons,
    selected,
    sessions,
    error,
    busy,
    temporary,
    select: setSelectedName,
    create,
    update,
    resetPassword,
    unlock,
    revoke,
    dismissTemporary: () => setTemporary(null),
  };
}
