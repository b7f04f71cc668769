// React binding of the language store: components re-render when the language switches.
import { useSyncExternalStore } from "react";
import { type Language, languageStore, type MessageKey, translate, type Vars } from "./i18n";

export function useLanguage(): Language {
  return useSyncExternalStore(languageStore.subscribe, () => languageStore.getState().lang);
}

export function useT(): (key: MessageKey, vars?: Vars) => string {
  const lang = useLanguage();
  return (key, vars) => translate(lang, key, vars);
}
