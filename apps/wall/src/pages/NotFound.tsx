import { useT } from "../i18n/useT";
import { navigate } from "../router";

export function NotFound() {
  const t = useT();
  return (
    <div className="login-page">
      <div className="login-card center">
        <h1>{t("notFound.title")}</h1>
        <button type="button" className="btn btn-primary" onClick={() => navigate("/")}>
          {t("notFound.back")}
        </button>
      </div>
    </div>
  );
}
