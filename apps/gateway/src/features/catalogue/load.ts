// Reads the catalogue file named in the config (or generates the demo province) and validates it.
// A bad file stops the start with a message naming the file and the bad field.
import { readFileSync } from "node:fs";
import { demoProvince } from "./demo";
import type { Province } from "./model";
import { validateProvince } from "./validate";

export class CatalogueError extends Error {
  override readonly name = "CatalogueError";
}

export function loadProvince(file: string | undefined): Province {
  if (file === undefined) return demoProvince();
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new CatalogueError(`catalogue file ${file} cannot be read: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CatalogueError(`catalogue file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const r = validateProvince(json);
  if (!r.ok) throw new CatalogueError(`catalogue file ${file}: ${r.error.message}`);
  return r.value;
}
