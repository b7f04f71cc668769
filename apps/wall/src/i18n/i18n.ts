// Language state and translation: t(key, vars) for plain modules (React binding in useT.ts).
// Owns: the current language (persisted in localStorage) and message interpolation. Never holds
// user-facing text itself: that lives in the tables.
import { createStore } from "zustand/vanilla";
import { en } from "./en";
import { type MessageKey, zhCN } from "./zh-CN";

export const languages = ["zh-CN", "en"] as const;
export type Language = (typeof languages)[number];
export type { MessageKey };

const tables: Record<Language, Record<MessageKey, string>> = { "zh-CN": zhCN, en };
const storageKey = "cw.lang";

function initialLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(storageKey);
    if (saved === "en" || saved === "zh-CN") return saved;
  } catch {
    // Storage can be disabled (private mode, policy): fall back to the default.
  }
  return "zh-CN";
}

export const languageStore = createStore<{ lang: Language }>(() => ({ lang: initialLanguage() }));

export function setLanguage(lang: Language): void {
  languageStore.setState({ lang });
  try {
    globalThis.localStorage?.setItem(storageKey, lang);
  } catch {
    // Not persisted; the switch still applies to this session.
  }
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

export type Vars = Record<string, string | number>;

export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translate(lang: Language, key: MessageKey, vars?: Vars): string {
  return format(tables[lang][key] ?? zhCN[key], vars);
}

export function t(key: MessageKey, vars?: Vars): string {
  return translate(languageStore.getState().lang, key, vars);
}

/** Narrows an arbitrary string (an error code, a camera kind) to a message key if one exists. */
export function hasKey(key: string): key is MessageKey {
  return key in zhCN;
}
