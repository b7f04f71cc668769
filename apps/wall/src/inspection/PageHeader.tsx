// The inspection pages' title row and an in-app link (the shell's bar carries the navigation).
import type { ReactNode } from "react";
import { navigate } from "../router";

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

/** The inspection pages' toolbar under the shell's bar: the page's title (hidden when printing). */
export function PageHeader({ title }: { title: string }) {
  return (
    <div className="page-toolbar no-print">
      <h1 className="toolbar-title">{title}</h1>
    </div>
  );
}
