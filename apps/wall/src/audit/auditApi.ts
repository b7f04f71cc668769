// The audit page's HTTP calls (docs/api/http.md "Audit"), validated with the shared schemas.
import { type AuditNames, type AuditPage, zAuditNames, zAuditPage } from "@cw/protocol";
import { requestParsed } from "../api/http";

export const auditApi = {
  page: (query: string): Promise<AuditPage> => requestParsed(zAuditPage, `/api/v1/audit?${query}`),
  names: (): Promise<AuditNames> => requestParsed(zAuditNames, "/api/v1/audit/names"),
  /** A plain link (the browser downloads it with the session cookie). */
  csvHref: (query: string): string => `/api/v1/audit.csv?${query}`,
};
