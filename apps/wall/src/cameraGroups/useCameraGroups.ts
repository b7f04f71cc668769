// The camera-groups section's model: the groups, what the editor picks from (cameras and users by name),
// the draft being edited, save and remove; errors as text. No rendering here.
import type { CameraGroup, CameraGroupChoices } from "@cw/protocol";
import { useCallback, useEffect, useState } from "react";
import { errorText } from "../api/errorText";
import { cameraGroupsApi } from "./cameraGroupsApi";
import { bodyOf, type Draft, draftOf, newDraft } from "./cameraGroupsModel";

export interface CameraGroupsModel {
  groups: CameraGroup[];
  choices: CameraGroupChoices | null;
  draft: Draft | null;
  error: string | null;
  busy: boolean;
  edit(id: string | null): void;
  change(next: Draft): void;
  save(): Promise<void>;
  remove(): Promise<void>;
  close(): void;
}

export function useCameraGroups(): CameraGroupsModel {
  const [groups, setGroups] = useState<CameraGroup[]>([]);
  const [choices, setChoices] = useState<CameraGroupChoices | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => setGroups(await cameraGroupsApi.list()), []);
  useEffect(() => {
    let stop = false;
    Promise.all([cameraGroupsApi.list(), cameraGroupsApi.choices()])
      .then(([g, c]) => {
        if (stop) return;
        setGroups(g);
        setChoices(c);
      })
      .catch((err: unknown) => !stop && setError(errorText(err)));
    return () => {
      stop = true;
    };
  }, []);

  const act = async (f: () => Promise<void>) => {
    setBusy(true);
    try {
      await f();
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return {
    groups,
    choices,
    draft,
    error,
    busy,
    edit(id) {
      const g = id === null ? undefined : groups.find((x) => x.id === id);
      setDraft(g === undefined ? newDraft() : draftOf(g));
    },
    change: setDraft,
    save: () =>
      act(async () => {
        if (draft === null) return;
        const saved =
          draft.id === null
            ? await cameraGroupsApi.create(bodyOf(draft))
            : await cameraGroupsApi.update(draft.id, bodyOf(draft));
        setDraft(draftOf(saved));
        await reload();
      }),
    remove: () =>
      act(async () => {
        if (draft?.id == null) return;
        await cameraGroupsApi.remove(draft.id);
        setDraft(null);
        await reload();
      }),
    close: () => setDraft(null),
  };
}
