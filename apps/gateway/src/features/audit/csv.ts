// The audit trail as CSV for Excel (GET /api/v1/audit.csv): RFC 4180 with a UTF-8 byte-order mark so
// Excel reads Chinese, times on the bureau's clock ("2026-03-10 09:30:05", its UTC offset in the header
// name), names instead of ids beside the ids. Pure: rows and lookups in, text out.
import { CSV_BOM, csvField } from "@cw/alerts";
import { bureauDateTime, offsetText } from "@cw/protocol";
import type { AuditRow } from "./auditIndex";
import { type AuditLang, auditHeader, auditVerb, otherActor } from "./labels";

export interface AuditCsvNames {
  user(username: string): string | undefined;
  prison(id: string): string | undefined;
  camera(id: string): string | undefined;
}

export function auditCsv(
  rows: readonly AuditRow[],
  o: { lang: AuditLang; tzOffsetMin: number; names: AuditCsvNames },
): string {
  const header = auditHeader(o.lang);
  header[0] = `${header[0]} (UTC${offsetText(o.tzOffsetMin)})`;
  const lines = [header.map(csvField).join(",")];
  for (const { event: e, cameraId, prisonId } of rows) {
    const person = e.actor === null ? undefined : o.names.user(e.actor);
    const prison = prisonId === null ? "" : (o.names.prison(prisonId) ?? prisonId);
    const camera = cameraId === null ? "" : (o.names.camera(cameraId) ?? cameraId);
    const line = [
      bureauDateTime(e.at, o.tzOffsetMin),
      person ?? otherActor(e.actor, o.lang),
      e.actor ?? "",
      auditVerb(e.type, o.lang),
      prison,
      camera,
      e.type,
      e.seq,
    ];
    lines.push(line.map(csvField).join(","));
  }
  return `${CSV_BOM}${lines.join("\r\n")}\r\n`;
}
