// The roll-call board (/rollcalls): today's (or a chosen date's) checkpoints × blocks, each cell green /
// yellow / red with present / expected, grouped by prison; clicking a cell drills down to the block's
// reports (sub-blocks, absentees and reasons). Live: cells pushed on `rollcall.board` replace fetched ones.
import type { RollCallBoard, SlotReports } from "@cw/protocol";
import { useEffect, useMemo, useState } from "react";
import { errorText } from "../api/errorText";
import { dutyApi } from "../duty/dutyApi";
import { clock, label } from "../duty/labels";
import { useLanguage, useT } from "../i18n/useT";
import { useLive } from "../live/LiveProvider";
import { Legend } from "../ui/Legend";
import { useNames } from "../ui/names";
import { ScrollRegion } from "../ui/ScrollRegion";
import { cellNote, gridOf, lightCounts, mergeCells } from "./boardModel";
import "../duty/duty.css";

export function RollCallPage() {
  const t = useT();
  const lang = useLanguage();
  const names = useNames();
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
  const drillTitle = (key: string) => {
    const c = cells[key];
    return c === undefined ? key : `${names.place(c.prisonId, c.blockId)} · ${lang === "en" ? c.nameEn : c.name}`;
  };

  const open = (key: string) => {
    dutyApi
      .slot(key)
      .then(setDrill)
      .catch((err: unknown) => setError(errorText(err)));
  };

  const legend = (["onTime", "late", "reminder", "overdue", "notYet"] as const).map((n) => ({
    tone: `rc-note-${n}`,
    label: t(`rcNote.${n}`),
  }));

  return (
    <div className="page rollcalls">
      <div className="page-toolbar duty-filters">
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
        <span className="chip light-green">{t("rollcall.countGreen", { n: counts.green })}</span>
        <span className="chip light-yellow">{t("rollcall.countYellow", { n: counts.yellow })}</span>
        <span className="chip light-red">{t("rollcall.countRed", { n: counts.red })}</span>
        {error !== null && (
          <span className="form-error" role="alert">
            {error}
          </span>
        )}
        <div className="spacer" />
        <Legend testId="rollcall-legend" title={t("rollcall.legend")} items={legend} />
      </div>
      <ScrollRegion className="page-body page-scroll rc-board" testId="rollcall-board" label={t("rollcall.title")}>
        {grids.map((g) => (
          <section key={g.prisonId} className="rc-prison" data-testid={`rollcall-prison-${g.prisonId}`}>
            <h2 className="rc-prison-name" title={g.prisonId}>
              {names.name(g.prisonId)}
            </h2>
            <table className="rc-table">
              <thead>
                <tr>
                  <th scope="col">{t("rollcall.block")}</th>
                  {g.checkpoints.map((cp) => (
                    <th key={cp.id} scope="col">
                      {lang === "en" ? cp.nameEn : cp.name}
                      <span className="rc-time">{cp.time}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {g.rows.map((r) => (
                  <tr key={r.blockId}>
                    <th scope="row">{r.name}</th>
                    {r.cells.map((c, i) => {
                      if (c === null) return <td key={g.checkpoints[i]?.id ?? i} />;
                      const note = cellNote(c);
                      return (
                        <td
                          key={c.key}
                          className={`rc-cell rc-note-${note} rc-${c.status}${c.mismatch ? " rc-mismatch" : ""}`}
                          data-testid={`rc-cell-${c.key}`}
                          data-light={c.light}
                          data-status={c.status}
                          title={`${label(t, "rcStatus", c.status)} · ${t(`rcNote.${note}`)}`}
                          onClick={() => open(c.key)}
                        >
                          {c.status === "reported" && <span className="rc-count">{`${c.present}/${c.expected}`}</span>}
                          <span className="rc-note">{t(`rcNote.${note}`)}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </ScrollRegion>
      {drill !== null && (
        <section className="rc-drill" data-testid="rollcall-drill">
          <h3>
            {drillTitle(drill.key)}{" "}
            <button type="button" className="btn btn-small" onClick={() => setDrill(null)}>
              {t("duty.cancel")}
            </button>
          </h3>
          {drill.reports.length === 0 && <p className="muted">{t("rollcall.noReports")}</p>}
          <ul>
            {drill.reports.map((r) => (
              <li key={r.id}>
                {r.subBlockId === null ? t("rollcall.wholeBlock") : names.name(r.subBlockId)} ·{" "}
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
