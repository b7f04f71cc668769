// The app: restore the session, show login or the shell with the routed page, and hold the live socket
// while logged in (it is closed, and its store reset, on logout).
import { useEffect } from "react";
import { useStore } from "zustand";
import { resetCatalogue } from "./console/catalogueStore";
import { consoleStore } from "./console/consoleStore";
import { resetPresets } from "./console/presetsStore";
import { useLanguage, useT } from "./i18n/useT";
import { LiveProvider } from "./live/LiveProvider";
import { Login } from "./pages/Login";
import { useRoute } from "./router";
import { restoreSession, sessionStore } from "./session/sessionStore";
import { AppShell } from "./shell/AppShell";
import { ForcedPasswordChange } from "./users/ForcedPasswordChange";

export function App() {
  const t = useT();
  const lang = useLanguage();
  const status = useStore(sessionStore, (s) => s.status);
  const mustChange = useStore(sessionStore, (s) => (s.info?.mustChangePassword ? s.info.username : null));
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
    resetPresets();
    consoleStore.setState({ tourRun: null, maximisedTile: null, selectedTile: null });
  }, [status]);

  if (status === "unknown") return <div className="boot" />;
  if (status === "anonymous") return <Login />;
  // A reset password: nothing but the change (the gateway refuses every other request until then).
  if (mustChange !== null) return <ForcedPasswordChange username={mustChange} />;
  return (
    <LiveProvider>
      <AppShell route={route} />
    </LiveProvider>
  );
}
