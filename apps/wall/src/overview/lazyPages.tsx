// The overview pages load on demand: deck.gl and ECharts are large, and the console never needs them.
import { lazy, Suspense } from "react";

const Overview = lazy(() => import("./OverviewPage").then((m) => ({ default: m.OverviewPage })));
const Reports = lazy(() => import("./ReportsPage").then((m) => ({ default: m.ReportsPage })));
const Dashboard = lazy(() => import("./DashboardScreen").then((m) => ({ default: m.DashboardScreen })));

const fallback = <div className="boot" />;

export const OverviewPage = () => (
  <Suspense fallback={fallback}>
    <Overview />
  </Suspense>
);
export const ReportsPage = () => (
  <Suspense fallback={fallback}>
    <Reports />
  </Suspense>
);
export const DashboardScreen = () => (
  <Suspense fallback={fallback}>
    <Dashboard />
  </Suspense>
);
