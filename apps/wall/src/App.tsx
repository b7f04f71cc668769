// The shell: restore the session, show login or the routed page, and hold the live socket while
// logged in (it is closed, and its store reset, on logout).
import { useEffect } from "react";
import { useStore } from "zustand";
import { resetCatalogue } from "./console/catalogueStore";
import { consoleStore } from "./console/consoleStore";
import { useLanguage, useT } from "./i18n/useT";
import { LiveProvider } from "./live/LiveProvider";
import { Console } from "./pages/Console";
import { Login } from "./pages/Login";
import { NotFound } from "./pages/NotFound";
import { Screen } from "./pages/Screen";
import { useRoute } from "./router";
import { restoreSession, sessionStore } from "./session/sessionStore";

export function App() {
  const t = useT();
  const lang = useLanguage();
  const status = useStore(sessionStore, (s) => s.status);
  const route = useRoute();

  useEffect(() => {
    void restoreSession();
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t("app.title");
  }, [lang, t]);
  useEffect(() => {
    if (status !== "anonymous") return;
    resetCatalogue();
    consoleStore.setState({ tourRun: null, maximisedTile: null, selectedTile: null });
  }, [status]);

  if (status === "unknown") return <div className="boot" />;
  if (status === "anonymous") return <Login />;
  return (
    <LiveProvider>
      {route.name === "console" && <Console />}
      {route.name === "screen" && <Screen n={route.n} />}
      {route.name === "notFound" && <NotFound />}
    </LiveProvider>
  );
}
