// What the feed simulator needs to know of the province: prisons, their blocks and sub-blocks, their
// cameras with kinds. A narrow shape the gateway fills from its catalogue; no catalogue import here.
export interface SimBlock {
  id: string;
  subBlocks: string[];
}

export interface SimCamera {
  id: string;
  /** null for prison-level cameras (perimeter, gate). */
  blockId: string | null;
  subBlockId: string | null;
  kind: string;
}

export interface SimPrison {
  id: string;
  blocks: SimBlock[];
  cameras: SimCamera[];
}

/** pino-compatible; optional everywhere. */
export interface SimLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}
