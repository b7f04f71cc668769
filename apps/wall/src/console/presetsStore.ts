// Presets (named layouts and tours) as the gateway keeps them, shared by every console. Owns: the
// fetched list, its derived views (layouts; tours in the console's local form) and the save/delete
// calls. The list is fetched again whenever the live socket announces a preset change or reconnects
// (presets change rarely; a fresh list is simpler than merging). Never renders.
import type { ApiError, LayoutPreset, Preset, PresetInput } from "@cw/protocol";
import { useEffect } from "react";
import { createStore } from "zustand/vanilla";
import { errorText } from "../api/errorText";
import { HttpError } from "../api/http";
import { liveStore } from "../live/liveStore";
import type { Tour } from "../wall/tour";
import { sortPresets, tourFromPreset } from "../wall/tourPreset";
import { wallApi } from "./wallApi";

export interface PresetsState {
  presets: Preset[];
  layouts: LayoutPreset[];
  tours: Tour[];
  error: string | null;
}

export const presetsStore = createStore<PresetsState>(() => ({ presets: [], layouts: [], tours: [], error: null }));

function adopt(list: readonly Preset[]): void {
  const presets = sortPresets(list);
  presetsStore.setState({
    presets,
    layouts: presets.filter((p): p is LayoutPreset => p.kind === "layout"),
    tours: presets.flatMap((p) => (p.kind === "tour" ? [tourFromPreset(p)] : [])),
    error: null,
  });
}

let generation = 0;

export async function loadPresets(): Promise<void> {
  // Only the newest request may write: answers can overtake each other.
  const mine = ++generation;
  try {
    const list = await wallApi.presets();
    if (mine === generation) adopt(list);
  } catch (err) {
    if (mine === generation) presetsStore.setState({ error: errorText(err) });
  }
}

const asApiError = (err: unknown): ApiError =>
  err instanceof HttpError ? err.body : { code: "unavailable", message: errorText(err) };

/** Creates a preset; the error comes back as data for the form. */
export async function savePreset(input: PresetInput): Promise<ApiError | null> {
  try {
    await wallApi.createPreset(input);
    await loadPresets();
    return null;
  } catch (err) {
    return asApiError(err);
  }
}

export async function deletePreset(id: string): Promise<ApiError | null> {
  try {
    await wallApi.deletePreset(id);
    await loadPresets();
    return null;
  } catch (err) {
    return asApiError(err);
  }
}

/** Keeps the list fresh while mounted: on connect and on every `preset` live message. */
export function usePresetSync(): void {
  useEffect(() => {
    const unsubscribe = liveStore.subscribe((s, prev) => {
      const reconnected = s.conn === "connected" && prev.conn !== "connected";
      if (reconnected || s.presetChanges !== prev.presetChanges) void loadPresets();
    });
    void loadPresets();
    return unsubscribe;
  }, []);
}

export function resetPresets(): void {
  generation += 1;
  presetsStore.setState({ presets: [], layouts: [], tours: [], error: null });
}
