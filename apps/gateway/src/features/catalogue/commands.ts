// Camera edits as decisions: given the current catalogue and a validated request, decide the event to
// log or the error (as data: 404 unknown camera, 409 taken id, 422 unknown prison/block/sub-block).
// Pure: ids and keys come in as functions; the HTTP route appends the event.
import { type Camera, type CameraCreate, type CameraPatch, fail, type Result } from "@cw/protocol";
import { defaultHasSubStream } from "./model";
import type { CameraAddedData, CatalogueStore } from "./store";

export interface IdSource {
  newCameraId(prisonId: string): string;
  newPublishKey(): string;
}

/** Resolves (prison, block?, subBlock?) into a consistent location or names the bad field. */
function place(
  store: CatalogueStore,
  prisonId: string,
  blockId: string | null,
  subBlockId: string | null,
): Result<{ blockId: string | null; subBlockId: string | null }> {
  if (subBlockId !== null) {
    const sub = store.subBlock(subBlockId);
    if (!sub || sub.prisonId !== prisonId)
      return fail("validation", `no sub-block ${subBlockId} in prison ${prisonId}`, "subBlockId");
    if (blockId !== null && sub.blockId !== blockId) {
      return fail("validation", `sub-block ${subBlockId} is not in block ${blockId}`, "subBlockId");
    }
    return { ok: true, value: { blockId: sub.blockId, subBlockId } };
  }
  if (blockId !== null) {
    const block = store.block(blockId);
    if (!block || block.prisonId !== prisonId)
      return fail("validation", `no block ${blockId} in prison ${prisonId}`, "blockId");
  }
  return { ok: true, value: { blockId, subBlockId: null } };
}

function idTaken(store: CatalogueStore, id: string): boolean {
  return (
    store.camera(id) !== undefined ||
    store.prison(id) !== undefined ||
    store.block(id) !== undefined ||
    store.subBlock(id) !== undefined ||
    store.bureau.id === id
  );
}

export function planCreate(store: CatalogueStore, input: CameraCreate, ids: IdSource): Result<CameraAddedData> {
  if (!store.prison(input.prisonId)) return fail("validation", `no prison ${input.prisonId}`, "prisonId");
  const at = place(store, input.prisonId, input.blockId ?? null, input.subBlockId ?? null);
  if (!at.ok) return at;
  let id = input.id;
  if (id !== undefined && idTaken(store, id)) return fail("conflict", `the id ${id} is already used`, "id");
  if (id === undefined) {
    do id = ids.newCameraId(input.prisonId);
    while (idTaken(store, id));
  }
  const camera: Camera = {
    id,
    name: input.name,
    kind: input.kind,
    prisonId: input.prisonId,
    blockId: at.value.blockId,
    subBlockId: at.value.subBlockId,
    source: input.source,
    codec: input.codec,
    hasSubStream: defaultHasSubStream(input.source),
  };
  return { ok: true, value: camera.source.kind === "rtmp" ? { camera, publishKey: ids.newPublishKey() } : { camera } };
}

export function planUpdate(
  store: CatalogueStore,
  id: string,
  patch: CameraPatch,
  ids: IdSource,
): Result<CameraAddedData> {
  const current = store.camera(id);
  if (!current) return fail("not_found", `no camera ${id}`, "id");
  let blockId = patch.blockId !== undefined ? patch.blockId : current.blockId;
  let subBlockId = patch.subBlockId !== undefined ? patch.subBlockId : current.subBlockId;
  // Moving to another block without naming a sub-block leaves the old sub-block behind.
  if (patch.blockId !== undefined && patch.subBlockId === undefined && subBlockId !== null) {
    if (store.subBlock(subBlockId)?.blockId !== blockId) subBlockId = null;
  }
  if (patch.subBlockId !== undefined && patch.subBlockId !== null && patch.blockId === undefined) blockId = null;
  const at = place(store, current.prisonId, blockId, subBlockId);
  if (!at.ok) return at;
  const source = patch.source ?? current.source;
  const camera: Camera = {
    ...current,
    name: patch.name ?? current.name,
    kind: patch.kind ?? current.kind,
    codec: patch.codec ?? current.codec,
    blockId: at.value.blockId,
    subBlockId: at.value.subBlockId,
    source,
    hasSubStream: patch.source ? defaultHasSubStream(source) : current.hasSubStream,
    ...(patch.important !== undefined ? { important: patch.important } : {}),
    // A commander placing a GB camera (even at the prison's own level) takes it out of 未分配.
    ...(source.kind === "gb28181" && (patch.blockId !== undefined || patch.subBlockId !== undefined)
      ? { unplaced: false }
      : {}),
  };
  const needsKey = source.kind === "rtmp" && current.source.kind !== "rtmp";
  return { ok: true, value: needsKey ? { camera, publishKey: ids.newPublishKey() } : { camera } };
}

export function planRemove(store: CatalogueStore, id: string): Result<{ id: string }> {
  if (!store.camera(id)) return fail("not_found", `no camera ${id}`, "id");
  return { ok: true, value: { id } };
}
