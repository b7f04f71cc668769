// The roll-call board (/rollcalls): today's (or a chosen date's) checkpoints × blocks, each cell green /
// yellow / red with present / expected, grouped by prison; clicking a cell drills down to the block's
// reports (sub-blocks, absentees and reasons). Live: cells pushed on `rollcall.board` replace fetched ones.
import type { RollCallBoard, SlotReports } from "@cw/protocol";
import { useEffect, useMemo, useState } from "react";
import { errorText } from "../api/errorText";
import { DutyTopbar } from "../duty/DutyLinks";
import { dutyApi } from "../duty/dutyApi";
import { clock, label } from "../duty/labels";
import { useLanguage, useT } from "../i18n/useT";
import { useLive } from "../live/LiveProvider";
import { gridOf, lightCounts, mergeCells } from "./boardModel";
import "../duty/duty.css";

export function RollCallPage() {
  const t = useT();
  const lang = useLanguage();
  const conn = useLive((s) => s.conn);
  const live = useLive((s) => s.control.cells);
  const [date, setDate] = useState("");
  const [board, setBoard] = useState<RollCallBoard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drill, setDrill] = useState<SlotReports | null>(null);

  useEffect(() => {
    if (conn !== "connected") return;
    const ctl = { stop: false };
    dutyApi
      .board(date === "" ? {} : { date })
      .then((b) => {
        if (!ctl.stop) {
          setBoard(b);
          setError(null);
        }
      })
      .catch((err: unknown) => {
        if (!ctl.stop) setError(errorText(err));
      });
    return () => {
      ctl.stop = true;
    };
  }, [conn, date]);

  const cells = useMemo(() => (board === null ? {} : mergeCells(board, live)), [board, live]);
  const grids = useMemo(() => (board === null ? [] : gridOf(board, cells)), [board, cells]);
  const counts = lightCounts(cells);

  const open = (key: string) => {
    dutyApi
      .slot(key)
      .then(setDrill)
      .catch((err: unknown) => setError(errorText(err)));
  };

  return (
    <div className="rollcalls">
      <DutyTopbar title={t("rollcall.title")} current="rollcalls" />
      <div className="duty-filters">
        <label>
          {t("rollcall.date")}{" "}
          <input
            className="input"
            type="date"
            data-testid="rollcall-date"
            value={date || board?.date || ""}
            onChange={(e) => setDate(e.target.value)}
          />
        </label>
        <span className="light-text light-green">{t("rollcall.countGreen", { n: counts.green })}</span>
        <span className="light-text light-yellow">{t("rollcall.countYellow", { n: counts.yellow })}</span>
        <span className="light-text light-red">{t("rollcall.countRed", { n: counts.red })}</span>
        {error !== null && (
          <span className="form-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <main className="rc-board" data-testid="rollcall-board">
        {grids.map((g) => (
          <table key={g.prisonId} className="rc-table" data-testid={`rollcall-prison-${g.prisonId}`}>
            <thead>
              <tr>
                <th>{g.prisonId}</th>
                {g.checkpoints.map((cp) => (
                  <th key={cp.id}>
                    {lang === "en" ? cp.nameEn : cp.name}
                    <br />
                    {cp.time}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.blockId}>
                  <th>{r.name}</th>
                  {r.cells.map((c, i) =>
                    c === null ? (
                      <td key={g.checkpoints[i]?.id ?? i} />
                    ) : (
                      <td
                        key={c.key}
                        className={`rc-cell light-${c.light} rc-${c.status}${c.mismatch ? " rc-mismatch" : ""}`}
                        data-testid={`rc-cell-${c.key}`}
                        data-light={c.light}
                        data-status={c.status}
                        title={label(t, "rcStatus", c.status)}
                        onClick={() => open(c.key)}
                      >
                        {c.status === "reported" ? `${c.present}/${c.expected}` : label(t, "rcStatus", c.status)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </main>
      {drill !== null && (
        <section className="rc-drill" data-testid="rollcall-drill">
          <h3>
            {drill.key}{" "}
            <button type="button" className="btn btn-small" onClick={() => setDrill(null)}>
              {t("duty.cancel")}
            </button>
          </h3>
          {drill.reports.length === 0 && <p className="muted">{t("rollcall.noReports")}</p>}
          <ul>
            {drill.reports.map((r) => (
              <li key={r.id}>
                {r.subBlockId ?? t("rollcall.wholeBlock")} ·{" "}
                {t("rollcall.numbers", { present: r.present, expected: r.expected })} · {clock(r.reportedAt)}
                {r.absentees.length > 0 &&
                  ` · ${r.absentees.map((a) => `${a.ref ?? ""} ${a.reason}`.trim()).join("，")}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
