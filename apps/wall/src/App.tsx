// The shell: restore the session, show login or the routed page, and hold the live socket while
// logged in (it is closed, and its store reset, on logout).
import { useEffect } from "react";
import { useStore } from "zustand";
import { resetCatalogue } from "./console/catalogueStore";
import { consoleStore } from "./console/consoleStore";
import { resetPresets } from "./console/presetsStore";
import { DutyPage } from "./duty/DutyPage";
import { useLanguage, useT } from "./i18n/useT";
import { InspectionPage } from "./inspection/InspectionPage";
import { RecordPage } from "./inspection/RecordPage";
import { VerifyPage } from "./inspection/VerifyPage";
import { LiveProvider } from "./live/LiveProvider";
import { OrdersPage } from "./orders/OrdersPage";
import { DashboardScreen, OverviewPage, ReportsPage } from "./overview/lazyPages";
import { Console } from "./pages/Console";
import { Login } from "./pages/Login";
import { NotFound } from "./pages/NotFound";
import { Screen } from "./pages/Screen";
import { RollCallPage } from "./rollcall/RollCallPage";
import { useRoute } from "./router";
import { restoreSession, sessionStore } from "./session/sessionStore";
import { UnitTerminal } from "./unit/UnitTerminal";

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
    resetPresets();
    consoleStore.setState({ tourRun: null, maximisedTile: null, selectedTile: null });
  }, [status]);

  if (status === "unknown") return <div className="boot" />;
  if (status === "anonymous") return <Login />;
  return (
    <LiveProvider>
      {route.name === "console" && <Console />}
      {route.name === "screen" && <Screen n={route.n} />}
      {route.name === "orders" && <OrdersPage selected={route.id} />}
      {route.name === "unit" && <UnitTerminal />}
      {route.name === "inspection" && <InspectionPage />}
      {route.name === "inspectionVerify" && <VerifyPage date={route.date} />}
      {route.name === "inspectionRecord" && <RecordPage date={route.date} />}
      {route.name === "duty" && <DutyPage />}
      {route.name === "rollcalls" && <RollCallPage />}
      {route.name === "overview" && <OverviewPage />}
      {route.name === "reports" && <ReportsPage />}
      {route.name === "dashboard" && <DashboardScreen />}
      {route.name === "notFound" && <NotFound />}
    </LiveProvider>
  );
}
