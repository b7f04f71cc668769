// Evidence of the leading camera on the playback page: mark the moments around the playing position
// with a note, see the clips (alarm clips and marked ones), export one as a signed MP4 and download it.
import type { Evidence } from "@cw/protocol";
import { useCallback, useEffect, useState } from "react";
import { errorText } from "../api/errorText";
import { useT } from "../i18n/useT";
import { useCan } from "../session/useCan";
import { useBureauFormat } from "../time/clockStore";
import { canExport as canExportClip, EVIDENCE_POLL_MS, evidenceBadge, needsPoll } from "./evidenceState";
import { playbackApi } from "./playbackApi";

/** A mark covers this much before and after the playing position. */
const MARK_AROUND_MS = 15_000;

export function EvidencePanel({
  cameraId,
  cursor,
  onPlay,
}: {
  cameraId: string;
  cursor: number;
  onPlay: (ms: number) => void;
}) {
  const t = useT();
  const fmt = useBureauFormat();
  const canMark = useCan("evidence.mark");
  const canExport = useCan("evidence.export");
  const [list, setList] = useState<Evidence[]>([]);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const reload = useCallback(() => {
    playbackApi
      .evidence(cameraId)
      .then((r) => setList(r.evidence))
      .catch((err: unknown) => setMessage(errorText(err)));
  }, [cameraId]);
  useEffect(reload, [reload]);
  // A clip fetched from the camera's device settles within its span's length: ask again until it has.
  const polling = needsPoll(list);
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(reload, EVIDENCE_POLL_MS);
    return () => clearInterval(timer);
  }, [polling, reload]);

  const mark = async () => {
    try {
      const from = Math.round(cursor - MARK_AROUND_MS);
      await playbackApi.markEvidence({ cameraId, from, to: from + 2 * MARK_AROUND_MS, note: note.trim() });
      setNote("");
      setMessage(t("pb.marked"));
      reload();
    } catch (err) {
      setMessage(errorText(err));
    }
  };
  const [watermark, setWatermark] = useState(false);
  const exportIt = async (id: string) => {
    setBusy(id);
    try {
      await playbackApi.exportEvidence(id, watermark);
      reload();
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="pb-evidence" data-testid="pb-evidence">
      <h2>{t("pb.evidence")}</h2>
      {canMark && (
        <form
          className="pb-group"
          onSubmit={(e) => {
            e.preventDefault();
            void mark();
          }}
        >
          <input
            data-testid="pb-note"
            value={note}
            maxLength={500}
            placeholder={t("pb.notePlaceholder")}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="btn" data-testid="pb-mark" disabled={note.trim() === ""}>
            {t("pb.mark")}
          </button>
        </form>
      )}
      {canExport && (
        <label className="pb-watermark" title={t("pb.watermarkHint")}>
          <input
            type="checkbox"
            checked={watermark}
            onChange={(e) => setWatermark(e.target.checked)}
            data-testid="pb-export-watermark"
          />
          {t("pb.watermark")}
        </label>
      )}
      {message && <p className="muted">{message}</p>}
      <ul className="pb-evidence-list">
        {list.map((ev) => (
          <li
            key={ev.id}
            data-testid="pb-evidence-item"
            data-kind={ev.kind}
            data-from={ev.from}
            data-source={ev.source}
            data-state={ev.state}
          >
            <button type="button" className="link" onClick={() => onPlay(ev.from)}>
              {fmt.time(ev.from)} – {fmt.time(ev.to)}
            </button>
            <span className="pb-evidence-note">
              {ev.kind === "alarm" ? `${t("pb.alarmClip")} · ${ev.note}` : ev.note}
            </span>
            <EvidenceBadgeChip ev={ev} />
            {ev.exports.map((x) => (
              <a key={x.n} href={x.mp4} download data-testid="pb-export-link" data-watermark={x.watermark === true}>
                MP4 #{x.n}
                {x.watermark ? ` (${t("pb.watermarked")})` : ""}
              </a>
            ))}
            {ev.exports.map((x) => (
              <a key={`m${x.n}`} href={x.manifest} download>
                {t("pb.manifest")} #{x.n}
              </a>
            ))}
            {canExport && canExportClip(ev) && (
              <button
                type="button"
                className="btn"
                data-testid="pb-export"
                disabled={busy !== null}
                onClick={() => void exportIt(ev.id)}
              >
                {busy === ev.id ? t("pb.exporting") : t("pb.export")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function EvidenceBadgeChip({ ev }: { ev: Evidence }) {
  const t = useT();
  const b = evidenceBadge(ev);
  if (!b) return null;
  return (
    <span className={`chip ${b.tone}`} data-testid="pb-evidence-state" title={b.detail ?? undefined}>
      {t(b.key)}
      {b.detail ? `：${b.detail}` : ""}
    </span>
  );
}
