// Saved tours (轮巡 presets). Kept in localStorage until the lead plugs in /api/v1/presets: the
// store only talks to a TourClient, so that swap is one line.
import type { ApiError } from "@cw/protocol";
import { createStore } from "zustand/vanilla";
import { type Tour, validateTour } from "../wall/tour";

export interface TourClient {
  load(): Tour[];
  save(tours: Tour[]): void;
}

const storageKey = "cw.tours";

export function localTourClient(): TourClient {
  return {
    load: () => {
      try {
        const v: unknown = JSON.parse(localStorage.getItem(storageKey) ?? "[]");
        return Array.isArray(v) ? (v as Tour[]).filter((t) => validateTour(t).ok) : [];
      } catch {
        return [];
      }
    },
    save: (tours) => localStorage.setItem(storageKey, JSON.stringify(tours)),
  };
}

export interface ToursState {
  tours: Tour[];
  /** Validates and saves (insert or replace by id); returns the error as data. */
  save: (tour: Tour) => ApiError | null;
  remove: (id: string) => void;
}

export function createToursStore(client: TourClient) {
  return createStore<ToursState>((set, get) => ({
    tours: client.load(),
    save: (tour) => {
      const r = validateTour(tour);
      if (!r.ok) return r.error;
      const tours = [...get().tours.filter((t) => t.id !== tour.id), r.value];
      set({ tours });
      client.save(tours);
      return null;
    },
    remove: (id) => {
      const tours = get().tours.filter((t) => t.id !== id);
      set({ tours });
      client.save(tours);
    },
  }));
}

export const toursStore = createToursStore(localTourClient());
