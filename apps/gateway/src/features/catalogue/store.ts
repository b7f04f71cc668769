// The live catalogue: the base province (file or demo) with the camera events of the log folded over
// it (camera.added / camera.updated / camera.removed). Owns lookups, the tree and search. Changes only
// through apply(event); it never writes the log itself (commands.ts plans, the log decides).
import type { Camera, TreeNode } from "@cw/protocol";
import type { SecretBox } from "../../auth/atRest";
import type { GatewayEventMap, LoggedEvent } from "../../events/map";
import { type CameraEntry, defaultHasSubStream, type Province } from "./model";
import { buildSearchIndex, type SearchIndex } from "./searchIndex";
import { openCamera, sealCamera, sealEdit } from "./secrets";

/** No sealing (unit tests of the store alone). */
const plainBox: SecretBox = { seal: (s) => s, open: (s) => s };

export interface PrisonInfo {
  id: string;
  name: string;
  location: { lng: number; lat: number } | null;
}
export interface BlockInfo {
  id: string;
  name: string;
  prisonId: string;
}
export interface SubBlockInfo {
  id: string;
  name: string;
  prisonId: string;
  blockId: string;
}

/** Event payloads of camera edits (the data of camera.* events, features/catalogue/events.ts). */
export type CameraAddedData = GatewayEventMap["camera.added"];

export interface CatalogueChange {
  id: string;
  /** The prison the camera is (or, when removed, was) in: who may hear about it. */
  prisonId: string;
  camera: Camera | null;
}

export interface CatalogueWarn {
  warn(obj: object, msg: string): void;
}

export class CatalogueStore {
  readonly bureau: { id: string; name: string };
  private readonly prisonMap = new Map<string, PrisonInfo>();
  private readonly blockMap = new Map<string, BlockInfo>();
  private readonly subBlockMap = new Map<string, SubBlockInfo>();
  private readonly cameraMap = new Map<string, Camera>();
  private readonly keys = new Map<string, string>();
  private treeCache: TreeNode | null = null;
  private indexCache: SearchIndex | null = null;

  constructor(
    province: Province,
    private readonly derivePublishKey: (cameraId: string) => string,
    private readonly log?: CatalogueWarn,
    /** Seals secrets written down (the log's camera events, snapshots) and opens them on the way back. */
    private readonly box: SecretBox = plainBox,
  ) {
    this.bureau = { ...province.bureau };
    for (const p of province.prisons) {
      this.prisonMap.set(p.id, { id: p.id, name: p.name, location: p.location ?? null });
      for (const c of p.cameras) this.addBase(c, p.id, null, null);
      for (const b of p.blocks) {
        this.blockMap.set(b.id, { id: b.id, name: b.name, prisonId: p.id });
        for (const s of b.subBlocks) {
          this.subBlockMap.set(s.id, { id: s.id, name: s.name, prisonId: p.id, blockId: b.id });
          for (const c of s.cameras) this.addBase(c, p.id, b.id, s.id);
        }
        for (const c of b.cameras) this.addBase(c, p.id, b.id, null);
      }
    }
  }

  private addBase(c: CameraEntry, prisonId: string, blockId: string | null, subBlockId: string | null): void {
    this.cameraMap.set(c.id, {
      id: c.id,
      name: c.name,
      kind: c.kind,
      prisonId,
      blockId,
      subBlockId,
      source: c.source,
      codec: c.codec,
      hasSubStream: c.hasSubStream ?? defaultHasSubStream(c.source),
    });
    if (c.source.kind === "rtmp") this.keys.set(c.id, c.publishKey ?? this.derivePublishKey(c.id));
  }

  prisons(): PrisonInfo[] {
    return [...this.prisonMap.values()];
  }
  prison(id: string): PrisonInfo | undefined {
    return this.prisonMap.get(id);
  }
  block(id: string): BlockInfo | undefined {
    return this.blockMap.get(id);
  }
  subBlock(id: string): SubBlockInfo | undefined {
    return this.subBlockMap.get(id);
  }
  blocks(): BlockInfo[] {
    return [...this.blockMap.values()];
  }
  subBlocks(): SubBlockInfo[] {
    return [...this.subBlockMap.values()];
  }
  camera(id: string): Camera | undefined {
    return this.cameraMap.get(id);
  }
  cameras(): Camera[] {
    return [...this.cameraMap.values()];
  }
  publishKey(cameraId: string): string | undefined {
    return this.keys.get(cameraId);
  }

  /** "盘锦监狱 / 一监区 / 一分监区 / 一分监区监舍": burned into simulated pictures, matched by search. */
  label(camera: Camera): string {
    const parts = [this.prisonMap.get(camera.prisonId)?.name ?? camera.prisonId];
    if (camera.blockId) parts.push(this.blockMap.get(camera.blockId)?.name ?? camera.blockId);
    if (camera.subBlockId) parts.push(this.subBlockMap.get(camera.subBlockId)?.name ?? camera.subBlockId);
    parts.push(camera.name);
    return parts.join(" / ");
  }

  /** The cameras and publish keys, secrets sealed (the base province is rebuilt from its file, not snapshotted). */
  snapshot(): { cameras: Map<string, Camera>; keys: Map<string, string> } {
    const cameras = new Map([...this.cameraMap].map(([id, c]) => [id, sealCamera(c, this.box)]));
    const keys = new Map([...this.keys].map(([id, k]) => [id, this.box.seal(k)]));
    return { cameras, keys };
  }

  restore(data: unknown): void {
    const d = data as { cameras: Map<string, Camera>; keys: Map<string, string> };
    this.cameraMap.clear();
    for (const [id, c] of d.cameras) this.cameraMap.set(id, openCamera(c, this.box));
    this.keys.clear();
    for (const [id, k] of d.keys) this.keys.set(id, this.box.open(k));
    this.invalidate();
  }

  /** A camera edit's payload as the log keeps it: its RTSP password and publish key sealed. */
  sealEdit(data: CameraAddedData): CameraAddedData {
    return sealEdit(data, this.box);
  }

  /** Folds one event; returns the camera change it made, or null (other event types, or dropped). */
  private readonly listeners = new Set<(change: CatalogueChange) => void>();

  /** Each camera edit as it is folded (after the replay only the subscribers made since hear them). */
  onChange(listener: (change: CatalogueChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fold(e: LoggedEvent): void {
    const change = this.changeOf(e);
    if (change !== null) for (const l of this.listeners) l(change);
  }

  private changeOf(e: LoggedEvent): CatalogueChange | null {
    if (e.type === "camera.added" || e.type === "camera.updated") {
      const d = e.data;
      const camera = this.placeable(openCamera(d.camera, this.box), e.seq);
      if (!camera) return null;
      this.cameraMap.set(camera.id, camera);
      if (camera.source.kind === "rtmp") {
        const logged = d.publishKey === undefined ? undefined : this.box.open(d.publishKey);
        const key = logged ?? this.keys.get(camera.id) ?? this.derivePublishKey(camera.id);
        this.keys.set(camera.id, key);
      } else this.keys.delete(camera.id);
      this.invalidate();
      return { id: camera.id, prisonId: camera.prisonId, camera };
    }
    if (e.type === "camera.removed") {
      const { id } = e.data;
      const old = this.cameraMap.get(id);
      if (!old) return null;
      this.cameraMap.delete(id);
      this.keys.delete(id);
      this.invalidate();
      return { id, prisonId: old.prisonId, camera: null };
    }
    return null;
  }

  /**
   * A logged camera may point at a prison or block that a newer catalogue file no longer has: drop it
   * (unknown prison) or lift it to the nearest node that still exists, and say so in the log.
   */
  private placeable(camera: Camera, seq: number): Camera | null {
    if (!this.prisonMap.has(camera.prisonId)) {
      this.log?.warn(
        { seq, cameraId: camera.id, prisonId: camera.prisonId },
        "camera event for unknown prison dropped",
      );
      return null;
    }
    let { blockId, subBlockId } = camera;
    if (subBlockId && this.subBlockMap.get(subBlockId)?.blockId !== blockId) subBlockId = null;
    if (blockId && this.blockMap.get(blockId)?.prisonId !== camera.prisonId) {
      blockId = null;
      subBlockId = null;
    }
    if (blockId !== camera.blockId || subBlockId !== camera.subBlockId) {
      this.log?.warn({ seq, cameraId: camera.id }, "camera event names a block no longer in the catalogue: lifted");
    }
    return { ...camera, blockId, subBlockId };
  }

  /** Drops what is derived from the cameras (the tree, the search index): a camera changed. */
  private invalidate(): void {
    this.treeCache = null;
    this.indexCache = null;
  }

  /** The search index of the current catalogue, built on the first search after a change. */
  searchIndex(): SearchIndex {
    this.indexCache ??= buildSearchIndex(this);
    return this.indexCache;
  }

  /** The nested tree; `prisonId` limits it to one prison (operators). */
  tree(prisonId: string | null): TreeNode {
    if (prisonId === null && this.treeCache) return this.treeCache;
    const byParent = new Map<string, TreeNode[]>();
    for (const c of this.cameraMap.values()) {
      if (prisonId !== null && c.prisonId !== prisonId) continue;
      const parent = c.subBlockId ?? c.blockId ?? c.prisonId;
      const list = byParent.get(parent) ?? [];
      list.push({ id: c.id, kind: "camera", name: c.name, children: [], cameraKind: c.kind });
      byParent.set(parent, list);
    }
    const cams = (id: string) => byParent.get(id) ?? [];
    const blocksOf = (pid: string) => [...this.blockMap.values()].filter((b) => b.prisonId === pid);
    const subsOf = (bid: string) => [...this.subBlockMap.values()].filter((s) => s.blockId === bid);
    const root: TreeNode = {
      id: this.bureau.id,
      kind: "bureau",
      name: this.bureau.name,
      children: this.prisons()
        .filter((p) => prisonId === null || p.id === prisonId)
        .map((p) => ({
          id: p.id,
          kind: "prison",
          name: p.name,
          children: [
            ...blocksOf(p.id).map(
              (b): TreeNode => ({
                id: b.id,
                kind: "block",
                name: b.name,
                children: [
                  ...subsOf(b.id).map(
                    (s): TreeNode => ({ id: s.id, kind: "subBlock", name: s.name, children: cams(s.id) }),
                  ),
                  ...cams(b.id),
                ],
              }),
            ),
            ...cams(p.id),
          ],
        })),
    };
    if (prisonId === null) this.treeCache = root;
    return root;
  }

  /** Cameras matching every whitespace-separated term of q (id, name or path), optionally in one prison. */
  search(q: string, prisonId: string | null): Camera[] {
    const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
    const out: Camera[] = [];
    for (const c of this.cameraMap.values()) {
      if (prisonId !== null && c.prisonId !== prisonId) continue;
      if (terms.length > 0) {
        const hay = `${c.id} ${this.label(c)} ${c.kind}`.toLowerCase();
        if (!terms.every((t) => hay.includes(t))) continue;
      }
      out.push(c);
    }
    return out;
  }
}
