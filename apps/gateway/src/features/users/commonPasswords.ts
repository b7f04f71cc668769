// The shipped common-password list (commonPasswords.txt beside this file), read once at start, lower-cased.
// Owns reading and parsing the file; the rule that uses it is @cw/protocol passwordProblem.
import { readFileSync } from "node:fs";

export const commonPasswordsFile = new URL("./commonPasswords.txt", import.meta.url);

/** One password a line; blank lines and lines starting with '#' are skipped. */
export function parseCommonPasswords(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const p = line.trim();
    if (p !== "" && !p.startsWith("#")) out.add(p.toLowerCase());
  }
  return out;
}

let loaded: Set<string> | null = null;
export function commonPasswords(): ReadonlySet<string> {
  loaded ??= parseCommonPasswords(readFileSync(commonPasswordsFile, "utf8"));
  return loaded;
}
