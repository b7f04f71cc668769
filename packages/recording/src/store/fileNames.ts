// Names of a stream's recording files. A file is `<start>.mp4` (init segment, then the segments' bytes as
// the packager made them) with its index `<start>.idx` while it is being written. Sealing renames only the
// index, to `<start>_<end>_<bytes>.idx`: the media file's URL never changes (a player may be reading it),
// and a start lists a stream's files with one readdir — a sealed name carries everything the catalogue
// needs, only open ones are read (and recovered). Pure.

export interface ParsedName {
  start: number;
  /** Present for a sealed index. */
  sealed: { end: number; bytes: number } | null;
}

export const mediaName = (start: number): string => `${start}.mp4`;
export const openIndexName = (start: number): string => `${start}.idx`;
export const sealedIndexName = (start: number, end: number, bytes: number): string => `${start}_${end}_${bytes}.idx`;

const OPEN = /^(\d{1,15})\.idx$/;
const SEALED = /^(\d{1,15})_(\d{1,15})_(\d{1,15})\.idx$/;
const MEDIA = /^(\d{1,15})\.mp4$/;

/** An index file's name, or null for anything else (media files, strays). */
export function parseIndexName(name: string): ParsedName | null {
  let m = SEALED.exec(name);
  if (m) {
    const start = Number(m[1]);
    const end = Number(m[2]);
    return end >= start ? { start, sealed: { end, bytes: Number(m[3]) } } : null;
  }
  m = OPEN.exec(name);
  return m ? { start: Number(m[1]), sealed: null } : null;
}

/** The start of a media file's name, or null. */
export function parseMediaName(name: string): number | null {
  const m = MEDIA.exec(name);
  return m ? Number(m[1]) : null;
}

/** Stream keys are directory names: camera ids (letters, digits, '-', '_') optionally `.<variant>`. */
export const streamKeyPattern = /^[A-Za-z0-9_-]{1,64}(\.[a-z]{1,8})?$/;
