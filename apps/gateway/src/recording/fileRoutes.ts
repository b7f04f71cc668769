// GET /rec/:token/:camera/:file — recorded footage over HTTP for hls.js: `index.m3u8` (the window's
// playlist, growing while the window is still to come) and `<start>.mp4` (a recording file, by byte
// range). The signed token in the path stands for the session, the camera, the window and the source;
// it is checked on every request and slides while used, like live tokens. Only bytes an index covers
// are ever sent: never the half-written tail of an open file. A device playback (GB: src "device") is
// served the same way from its own small store, while it lasts.
import { createReadStream } from "node:fs";
import { AppError } from "@cw/protocol";
import type { MediaSource } from "@cw/recording";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { admitPathToken } from "../auth/pathToken";
import { readPlayback } from "./playToken";
import { parseRange } from "./range";
import type { RecordingHttp } from "./routes";

interface Params {
  token: string;
  camera: string;
  file: string;
}

export function recordingFileRoutes(app: FastifyInstance, ctx: RecordingHttp): void {
  const { core, recording, metrics } = ctx;
  const badToken = () => new AppError("bad_token");

  app.get<{ Params: Params }>("/rec/:token/:camera/:file", { config: { auth: "hls" } }, async (req, reply) => {
    const p = req.params;
    const claims = readPlayback(core.secret, p.token);
    if (!claims || claims.c !== p.camera) throw badToken();
    const { camera, key } = admitPathToken(core, p.token, claims, p.camera);
    core.tokens.touch(key, claims, false);
    if (claims.src === "device") return deviceFile(req.params, claims.d ?? "", reply);
    const source: MediaSource =
      claims.src === "recording" ? { kind: "recording" } : { kind: "replay", variant: claims.src.slice(7) };

    if (p.file === "index.m3u8") {
      const text = await recording.playlist(camera.id, source, claims.f, claims.t);
      if (text === null) throw new AppError("not_found", "nothing is recorded in this window any more", "file");
      metrics.bytesOut.inc(Buffer.byteLength(text));
      return reply
        .header("content-type", "application/vnd.apple.mpegurl")
        .header("cache-control", "no-cache")
        .send(text);
    }
    return sendFile(req, reply, recording.mediaFile(camera.id, source, p.file), p.file);
  });

  /** A device playback (GB): its growing playlist and its files, while the playback lasts. */
  async function deviceFile(p: Params, id: string, reply: FastifyReply) {
    const device = ctx.device();
    if (p.file === "index.m3u8") {
      const text = (await device?.playlist(id, p.camera)) ?? null;
      if (text === null) throw new AppError("not_found", "this device playback has ended: ask for a new one", "file");
      metrics.bytesOut.inc(Buffer.byteLength(text));
      return reply
        .header("content-type", "application/vnd.apple.mpegurl")
        .header("cache-control", "no-cache")
        .send(text);
    }
    return sendFile(reply.request, reply, device?.mediaFile(id, p.camera, p.file) ?? null, p.file);
  }

  function sendFile(
    req: FastifyRequest,
    reply: FastifyReply,
    file: { path: string; bytes: number } | null,
    name: string,
  ) {
    if (!file) throw new AppError("not_found", `no recording file ${name}`, "file");
    const range = parseRange(req.headers.range, file.bytes);
    if (range === "unsatisfiable")
      return reply
        .code(416)
        .header("content-range", `bytes */${file.bytes}`)
        .send({ code: "bad_request", message: "range not satisfiable", field: "range" });
    const { start, end } = range ?? { start: 0, end: file.bytes - 1 };
    metrics.bytesOut.inc(end - start + 1);
    // Indexed bytes never change: a player may cache them.
    reply
      .header("content-type", "video/mp4")
      .header("accept-ranges", "bytes")
      .header("cache-control", "private, max-age=3600");
    if (range) reply.code(206).header("content-range", `bytes ${start}-${end}/${file.bytes}`);
    return reply.header("content-length", end - start + 1).send(createReadStream(file.path, { start, end }));
  }
}
