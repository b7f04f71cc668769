// The inspection pages' top bar: title, back to the console, connection, user and language.
import type { ReactNode } from "react";
import { useT } from "../i18n/useT";
import { navigate } from "../router";
import { ConnState } from "../ui/ConnState";
import { LangSwitch } from "../ui/LangSwitch";
import { UserBox } from "../ui/UserBox";

export function Link({ to, children, testId }: { to: string; children: ReactNode; testId?: string }) {
  return (
    <a
      href={to}
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function PageHeader({ title }: { title: string }) {
  const t = useT();
  return (
    <header className="topbar no-print">
      <div className="brand">
        <span className="brand-mark">◆</span>
        <span className="brand-title">{t("app.title")}</span>
      </div>
      <h1 className="insp-title">{title}</h1>
      <Link to="/">{t("notFound.back")}</Link>
      <ConnState />
      <UserBox />
      <LangSwitch />
    </header>
  );
}
