// Opening and closing the features as one: open in registration order; if one fails, close the ones
// already open (reverse order) and rethrow; close all in reverse order.
import type { Feature } from "./feature";

export async function closeFeatures(features: readonly Feature[]): Promise<void> {
  for (const f of [...features].reverse()) await f.close?.();
}

export async function openFeatures(features: readonly Feature[]): Promise<void> {
  const opened: Feature[] = [];
  try {
    for (const f of features) {
      await f.open?.();
      opened.push(f);
    }
  } catch (err) {
    await closeFeatures(opened);
    throw err;
  }
}
