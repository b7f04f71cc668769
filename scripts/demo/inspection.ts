// Demo inspection (视频督查): the chief works through today's drawn block — checklist with two issues, two
// findings with snapshots grabbed from the block's own cameras, completed — and one prison reports a
// rectification back; an ad-hoc inspection of 盘锦监狱 gives its terminal (/unit) a rectification to do.
// Owns the inspection's content. Never: records anything but through the inspection API and the
// prison's operator session; a snapshot is a real frame of the camera, fetched over its HLS play URL.
import { spawn } from "node:child_process";
import { zInspectionDay } from "@cw/protocol";
import { findFfmpeg } from "@cw/streams";
import { z } from "zod";
import { Session } from "./client";

const zCreated = z.object({ id: z.string() });
const zPlay = z.object({ hls: z.string() });

export interface DemoInspection {
  date: string;
  inspectionId: string;
  prisonId: string;
  blockId: string;
}

/** One JPEG frame of a camera's sub stream, as base64, read by ffmpeg from the gateway's HLS edge. */
export async function cameraFrame(s: Session, cameraId: string): Promise<string> {
  const play = await s.get(`/api/v1/cameras/${cameraId}/play?variant=sub`, zPlay);
  const { ffmpeg } = findFfmpeg();
  const args = ["-hide_banner", "-loglevel", "error", "-i", s.baseUrl + play.hls];
  args.push("-frames:v", "1", "-vf", "scale=640:-2", "-q:v", "5", "-f", "mjpeg", "pipe:1");
  const child = spawn(ffmpeg, args, { stdio: ["ignore", "pipe", "pipe"] });
  const out: Buffer[] = [];
  let err = "";
  child.stdout.on("data", (d: Buffer) => out.push(d));
  child.stderr.on("data", (d: Buffer) => {
    err += d;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((res) => child.once("exit", (c) => res(c)));
  clearTimeout(timer);
  const jpeg = Buffer.concat(out);
  if (code !== 0 || jpeg.length === 0) throw new Error(`ffmpeg frame of ${cameraId} failed (${code}): ${err}`);
  return jpeg.toString("base64");
}

export async function inspect(baseUrl: string, chief: Session, password: string): Promise<DemoInspection> {
  const day = await chief.get("/api/v1/inspections/today", zInspectionDay);
  const drawn = day.inspections.find((i) => i.kind === "drawn");
  if (drawn === undefined) throw new Error(`no drawn inspection on ${day.date}`);
  const at = `/api/v1/inspections/${day.date}`;
  const q = `?inspectionId=${drawn.id}`;
  const issues = new Set(["cell_order", "meal_order"]);
  const items = day.checklist.map((c) => ({
    itemId: c.id,
    result: issues.has(c.id) ? "issue" : "pass",
    ...(issues.has(c.id) ? { note: c.id === "cell_order" ? "内务不整，被褥未叠放" : "就餐时有人员离座走动" } : {}),
  }));
  await chief.post(`${at}/checklist${q}`, { items }, z.object({ answered: z.number() }));

  const [first, second] = drawn.cameras;
  if (first === undefined || second === undefined) throw new Error(`inspection ${drawn.id} has fewer than 2 cameras`);
  const findings = [
    { camera: first.id, note: "监舍内务不整，被褥未按规定叠放", severity: 2, deadlineDays: 7 },
    { camera: second.id, note: "就餐秩序混乱，有人员离座走动", severity: 3, deadlineDays: 3 },
  ];
  const findingIds: string[] = [];
  for (const f of findings) {
    const snapshot = await cameraFrame(chief, f.camera);
    const body = { note: f.note, severity: f.severity, snapshot, cameraId: f.camera, deadlineDays: f.deadlineDays };
    findingIds.push((await chief.post(`${at}/findings`, { ...body, inspectionId: drawn.id }, zCreated)).id);
  }
  const summary = "监区整体秩序良好，监舍内务和就餐秩序需整改。";
  await chief.post(`${at}/complete`, { rating: "fair", summary, inspectionId: drawn.id }, zCreated);

  const op = await Session.open(baseUrl, `operator-${drawn.prisonId}`, password);
  const report = { text: "已组织监舍内务整顿，被褥统一叠放，监区长复查合格。" };
  await op.post(`/api/v1/rectifications/${findingIds[0]}/report`, report, zCreated);

  // An ad-hoc look at 盘锦监狱, so its own terminal has a rectification open.
  const adhoc = await chief.post(
    "/api/v1/inspections/adhoc",
    { prisonId: "pj", blockId: "pj-b1", reason: "夜间抽查" },
    zCreated,
  );
  const finding = { note: "夜间值班民警未按时巡查", severity: 2, deadlineDays: 2, inspectionId: adhoc.id };
  await chief.post(`${at}/findings`, finding, zCreated);

  return { date: day.date, inspectionId: drawn.id, prisonId: drawn.prisonId, blockId: drawn.blockId };
}
