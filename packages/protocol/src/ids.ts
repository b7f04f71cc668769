// Branded ids and units: a CameraId is not a PrisonId even though both are strings on the wire.
import { z } from "zod";

export type Brand<T, B extends string> = T & { readonly __brand: B };
export type PrisonId = Brand<string, "PrisonId">;
export type BlockId = Brand<string, "BlockId">;
export type SubBlockId = Brand<string, "SubBlockId">;
export type CameraId = Brand<string, "CameraId">;
export type UnitId = Brand<string, "UnitId">;
export type Ms = Brand<number, "Ms">;

/** Ids are URL- and RTMP-safe: letters, digits, '-' and '_', 1..64 chars. */
export const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
export const zId = z.string().regex(idPattern, "an id is 1-64 letters, digits, '-' or '_'");
export const zCameraId = zId.transform((s) => s as CameraId);
export const zPrisonId = zId.transform((s) => s as PrisonId);
