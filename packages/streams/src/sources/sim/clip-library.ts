// The simulator's clips: rendered once per camera and variant by ffmpeg into clipDir (cached across
// runs, atomic temp-file + rename), parsed once into memory while someone watches, shared by all
// viewers. Owns the render queue and the in-memory clip table. Never encodes at play time.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { constants, setPriority } from "node:os";
import { join } from "node:path";
import type { Variant } from "@cw/protocol";
import type { CameraSpec } from "../../media/types";
import { spawnOwned } from "../child-process";
import { type Logger, silentLogger } from "../logger";
import { type Clip, parseClip } from "./clip";
import { type ClipSpec, clipSpec, defaultSimFps, renderArgs, type SimFps } from "./clip-spec";
import { findSimFont, type SimFont } from "./font";
import { type JobContext, RenderQueue } from "./render-queue";

export interface ClipLibraryOptions {
  ffmpegPath: string;
  clipDir: string;
  log?: Logger;
  fps?: SimFps;
  /** Override the font lookup (tests); undefined = look it up. */
  font?: SimFont | null;
}

interface Loaded {
  refs: number;
  clip: Promise<Clip>;
}

export class ClipLibrary {
  private readonly queue = new RenderQueue();
  private readonly loaded = new Map<string, Loaded>();
  private readonly log: Logger;
  private readonly fps: SimFps;
  private readonly font: SimFont | null;

  constructor(private readonly opts: ClipLibraryOptions) {
    this.log = opts.log ?? silentLogger;
    this.fps = opts.fps ?? defaultSimFps;
    this.font = opts.font === undefined ? findSimFont() : opts.font;
    mkdirSync(opts.clipDir, { recursive: true });
  }

  spec(camera: CameraSpec, variant: Variant): ClipSpec {
    return clipSpec(camera, variant, this.fps, this.font);
  }

  /** The clip file, rendering it first if needed. urgent: a viewer is waiting. */
  async ensure(camera: CameraSpec, variant: Variant, urgent: boolean): Promise<string> {
    const spec = this.spec(camera, variant);
    const file = join(this.opts.clipDir, spec.fileName);
    if (existsSync(file)) return file;
    await this.queue.request(spec.key, (ctx) => this.render(spec, file, ctx), urgent);
    return file;
  }

  /** Renders clips in the background (lowest priority) so the first view of a camera is instant. */
  prewarm(cameras: CameraSpec[]): void {
    for (const c of cameras) {
      if (c.source.kind !== "sim") continue;
      for (const v of c.hasSubStream ? (["main", "sub"] as const) : (["main"] as const)) {
        this.ensure(c, v, false).catch((err: unknown) =>
          this.log.warn({ camera: c.id, err: String(err) }, "prewarm failed"),
        );
      }
    }
  }

  /** The parsed clip, shared: every acquire() needs one release(). */
  acquire(camera: CameraSpec, variant: Variant): { key: string; clip: Promise<Clip> } {
    const key = this.spec(camera, variant).key;
    let entry = this.loaded.get(key);
    if (!entry) {
      const clip = this.ensure(camera, variant, true).then(async (file) => {
        const parsed = parseClip(await readFile(file), file.endsWith(".ts") ? "ts" : "flv");
        if (parsed.ok) return parsed.clip;
        rmSync(file, { force: true }); // a corrupt cache entry: render again next time
        throw new Error(`simulated clip ${file} is unusable: ${parsed.message}`);
      });
      entry = { refs: 0, clip };
      this.loaded.set(key, entry);
      clip.catch(() => this.loaded.get(key) === entry && this.loaded.delete(key));
    }
    entry.refs++;
    return { key, clip: entry.clip };
  }

  release(key: string): void {
    const entry = this.loaded.get(key);
    if (entry && --entry.refs <= 0) this.loaded.delete(key);
  }

  get renderPending(): number {
    return this.queue.pending;
  }

  close(): Promise<void> {
    this.loaded.clear();
    return this.queue.close();
  }

  private async render(spec: ClipSpec, file: string, { signal, background }: JobContext): Promise<void> {
    if (existsSync(file)) return; // rendered while this job waited
    const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
    const tmp = `${file}.${tag}.tmp`;
    const text = {
      top: this.textFile(spec.topText, tag, "top"),
      bottom: this.textFile(spec.bottomText, tag, "bottom"),
    };
    const child = spawnOwned(this.opts.ffmpegPath, renderArgs(spec, this.font, text, tmp));
    // Prewarming must never slow what a viewer waits for: the lowest CPU priority (nice 19).
    if (background && child.proc.pid !== undefined) lowerPriority(child.proc.pid);
    const onAbort = () => void child.stop();
    signal.addEventListener("abort", onAbort, { once: true });
    const started = Date.now();
    try {
      const code = await child.exited;
      if (code !== 0) throw new Error(`ffmpeg could not render the clip (exit ${code}): ${child.stderrTail()}`);
      renameSync(tmp, file);
      this.log.info({ camera: spec.cameraId, variant: spec.variant, ms: Date.now() - started }, "sim clip rendered");
    } finally {
      signal.removeEventListener("abort", onAbort);
      rmSync(tmp, { force: true });
      for (const f of [text.top, text.bottom]) if (f) rmSync(f, { force: true });
    }
  }

  private textFile(text: string, tag: string, which: string): string | null {
    if (!text) return null;
    const f = join(this.opts.clipDir, `.text-${tag}-${which}.txt`);
    writeFileSync(f, text, "utf8");
    return f;
  }
}

function lowerPriority(pid: number): void {
  try {
    setPriority(pid, constants.priority.PRIORITY_LOW);
  } catch {
    // Not permitted here (some containers): the job still runs, at normal priority.
  }
}
