// /evidence/verify — anyone logged in checks an evidence export (MP4 + manifest JSON, picked from disk)
// in this browser against the gateway's public key: size, SHA-256 and the Ed25519 signature, each ✓/✗.
// The files never leave the browser.
import { useState } from "react";
import { errorText } from "../api/errorText";
import { useT } from "../i18n/useT";
import { useBureauFormat } from "../time/clockStore";
import { playbackApi } from "./playbackApi";
import { type BrowserCheck, verifyInBrowser } from "./verifyExport";
import "./playback.css";

interface Outcome {
  ok: boolean;
  checks: BrowserCheck[];
  manifest: { cameraId?: unknown; from?: unknown; to?: unknown; exportedBy?: unknown; exportedAt?: unknown } | null;
}

export function VerifyExportPage() {
  const t = useT();
  const fmt = useBureauFormat();
  const [mp4, setMp4] = useState<File | null>(null);
  const [manifest, setManifest] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (!mp4 || !manifest) return;
    setBusy(true);
    setError(null);
    try {
      const json: unknown = JSON.parse(await manifest.text());
      const r = await verifyInBrowser(await mp4.arrayBuffer(), json, await playbackApi.publicKey());
      setOutcome({ ...r, manifest: typeof json === "object" && json !== null ? json : null });
    } catch (err) {
      setError(err instanceof SyntaxError ? t("verify.notJson") : errorText(err));
      setOutcome(null);
    } finally {
      setBusy(false);
    }
  };
  const m = outcome?.manifest;
  const time = (v: unknown) => (typeof v === "number" ? fmt.dateTime(v) : "");

  return (
    <div className="page pb-verify" data-testid="verify-export-page">
      <div className="page-toolbar">
        <h1 className="toolbar-title">{t("verify.title")}</h1>
      </div>
      <div className="page-body page-scroll pb-verify-body">
        <p className="muted">{t("verify.help")}</p>
        <label>
          {t("verify.mp4")}{" "}
          <input
            type="file"
            accept="video/mp4"
            data-testid="verify-mp4"
            onChange={(e) => setMp4(e.target.files?.[0] ?? null)}
          />
        </label>
        <label>
          {t("verify.manifest")}{" "}
          <input
            type="file"
            accept="application/json"
            data-testid="verify-manifest"
            onChange={(e) => setManifest(e.target.files?.[0] ?? null)}
          />
        </label>
        <button type="button" data-testid="verify-run" disabled={!mp4 || !manifest || busy} onClick={() => void run()}>
          {t("verify.run")}
        </button>
        {error && <p className="pb-bad">{error}</p>}
        {outcome && (
          <>
            <p className={outcome.ok ? "pb-good" : "pb-bad"} data-testid="verify-outcome" data-ok={String(outcome.ok)}>
              {outcome.ok ? t("verify.ok") : t("verify.fail")}
            </p>
            {m && (
              <p>
                {t("verify.what", {
                  camera: String(m.cameraId ?? ""),
                  from: time(m.from),
                  to: time(m.to),
                  by: String(m.exportedBy ?? ""),
                  at: time(m.exportedAt),
                })}
              </p>
            )}
            <ul className="pb-checks">
              {outcome.checks.map((c) => (
                <li key={c.name} data-testid={`verify-check-${c.name}`} data-ok={String(c.ok)}>
                  {c.ok ? "✓" : "✗"} {t(`verify.check.${c.name}`)} <span className="muted">{c.detail}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
