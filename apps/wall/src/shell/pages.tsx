// Binds each route of the table to its page component. Pages fill the shell's main area; none of them
// draws a top bar of its own.
import { AuditPage } from "../audit/AuditPage";
import { CameraGroupsPage } from "../cameraGroups/CameraGroupsPage";
import { DevicesPage } from "../devices/DevicesPage";
import { DutyPage } from "../duty/DutyPage";
import { InspectionPage } from "../inspection/InspectionPage";
import { RecordPage } from "../inspection/RecordPage";
import { VerifyPage } from "../inspection/VerifyPage";
import { OrdersPage } from "../orders/OrdersPage";
import { DashboardScreen, OverviewPage, ReportsPage } from "../overview/lazyPages";
import { Console } from "../pages/Console";
import { NotFound } from "../pages/NotFound";
import { Screen } from "../pages/Screen";
import { PlaybackPage } from "../playback/PlaybackPage";
import { VerifyExportPage } from "../playback/VerifyExportPage";
import { PlansPage } from "../recordingPlans/PlansPage";
import { RollCallPage } from "../rollcall/RollCallPage";
import { UnitTerminal } from "../unit/UnitTerminal";
import { UsersPage } from "../users/UsersPage";
import type { Route } from "./routes";

export function PageFor({ route }: { route: Route }) {
  switch (route.name) {
    case "console":
      return <Console />;
    case "screen":
      return <Screen n={route.n} />;
    case "dashboard":
      return <DashboardScreen />;
    case "duty":
      return <DutyPage />;
    case "rollcalls":
      return <RollCallPage />;
    case "orders":
      return <OrdersPage selected={route.id} />;
    case "unit":
      return <UnitTerminal />;
    case "inspection":
      return <InspectionPage />;
    case "inspectionVerify":
      return <VerifyPage date={route.date} />;
    case "inspectionRecord":
      return <RecordPage date={route.date} />;
    case "overview":
      return <OverviewPage />;
    case "reports":
      return <ReportsPage />;
    case "playback":
      return <PlaybackPage />;
    case "verifyExport":
      return <VerifyExportPage />;
    case "devices":
      return <DevicesPage />;
    case "recordingPlans":
      return <PlansPage />;
    case "users":
      return <UsersPage />;
    case "audit":
      return <AuditPage />;
    case "cameraGroups":
      return <CameraGroupsPage />;
    case "notFound":
      return <NotFound />;
  }
}
