import { setLanguage } from "../i18n/i18n";
import { useLanguage, useT } from "../i18n/useT";

/** Toggles zh-CN ⇄ en; the label names the language you switch to. */
export function LangSwitch() {
  const t = useT();
  const lang = useLanguage();
  return (
    <button
      type="button"
      className="btn btn-ghost"
      data-testid="lang-switch"
      data-lang={lang}
      onClick={() => setLanguage(lang === "zh-CN" ? "en" : "zh-CN")}
    >
      {t("header.language")}
    </button>
  );
}
