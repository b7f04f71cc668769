// The one app shell: every page with chrome gets the same top bar (ShellBar) and fills the space under
// it; big-screen outputs (/screen/N, /screen/dashboard) are drawn full-bleed with no chrome. A page the
// role may not open answers "no access" instead of rendering (and is never offered in the navigation).
// Owns: the frame, the document title, the route's live topics. Never holds a page's own controls.

import type { LiveTopic } from "@cw/protocol";
import { useEffect } from "react";
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { useLiveTopics } from "../live/LiveProvider";
import { sessionStore } from "../session/sessionStore";
import { NoAccess } from "./NoAccess";
import { PageFor } from "./pages";
import { canOpen, type Route, routeDef } from "./routes";
import { ShellBar } from "./ShellBar";

function Topics({ topics }: { topics: readonly LiveTopic[] }) {
  useLiveTopics(topics);
  return null;
}

export function AppShell({ route }: { route: Route }) {
  const t = useT();
  const role = useStore(sessionStore, (s) => s.info?.role);
  const def = routeDef(route.name);
  const allowed = canOpen(role, route.name);
  useEffect(() => {
    document.title = def.chrome ? `${t(def.title, { date: "", n: "" })} · ${t("app.title")}` : t("app.title");
  }, [def, t]);
  const page = allowed ? <PageFor route={route} /> : <NoAccess />;
  const topics = allowed && def.topics ? <Topics topics={def.topics} /> : null;
  if (!def.chrome) {
    return (
      <>
        {topics}
        {page}
      </>
    );
  }
  return (
    <div className="shell" data-page={route.name}>
      {topics}
      <ShellBar current={route.name} />
      <main className="shell-main" data-testid={`page-${route.name}`}>
        {page}
      </main>
    </div>
  );
}
