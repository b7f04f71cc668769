// What a GB catalogue means in the prison tree (pure). A device or platform is assigned to one prison by a
// commander; below it, business groups (type 215) map to blocks and virtual organisations (216) to
// sub-blocks — by an explicit mapping when a commander set one, else automatically where the names match
// (“1分监区” matches “一分监区”: numerals and spaces are normalised). A camera channel whose organisations
// map nowhere stays at the prison's level: its 未分配 (unassigned) cameras, to be moved into place.
// Never touches the log: it returns placements; the service turns them into camera events.

import type { CatalogItem } from "@cw/gb28181";
import type { CameraKind } from "@cw/protocol";

export interface Place {
  blockId: string | null;
  subBlockId: string | null;
}

/** A commander's choices: GB organisation id (215 or 216) → where it goes in the prison. */
export type Mapping = Record<string, Place>;

export interface PrisonShape {
  /** The prison's name: an organisation that names it places its cameras at the prison's own level. */
  name: string;
  blocks: { id: string; name: string; subBlocks: { id: string; name: string }[] }[];
}

export interface Placement extends Place {
  cameraId: string;
  channelId: string;
  name: string;
  kind: CameraKind;
  ptz: boolean;
  /** Neither a block nor the prison itself was found for it: it waits under 未分配. */
  unplaced: boolean;
}

const CAMERA_TYPES = new Set(["131", "132"]);
const typeOf = (id: string): string => id.slice(10, 13);
export const isCameraChannel = (item: CatalogItem): boolean => CAMERA_TYPES.has(typeOf(item.DeviceID));

/**
 * GB/T 28181-2016 A.2.1 PTZType: 1 球机 (dome), 2 半球 (mini-dome), 3 固定枪机 (fixed bullet), 4 遥控枪机
 * (remote-controlled bullet). Every type but the fixed bullet takes PTZ commands; a channel that does not say is
 * taken as fixed.
 */
export const isPtzChannel = (item: CatalogItem): boolean => ["1", "2", "4"].includes(item.Info?.PTZType ?? "");

/** The catalogue camera id of a GB channel (ids are 1-64 letters, digits, '-' or '_'). */
export const cameraIdOf = (channelId: string): string => `gb-${channelId}`.slice(0, 64);

const NUMERALS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "十二" → "12", "二十" → "20", "十" → "10", "三" → "3" (1–99, what block names use). */
function arabic(s: string): string {
  return s.replace(/[零一二两三四五六七八九十]+/g, (m) => {
    if (!m.includes("十")) return [...m].map((c) => NUMERALS[c] ?? c).join("");
    const [tens, ones] = m.split("十");
    const t = tens === "" || tens === undefined ? 1 : (NUMERALS[tens] ?? 1);
    const o = ones === "" || ones === undefined ? 0 : (NUMERALS[ones] ?? 0);
    return String(t * 10 + o);
  });
}

export const normalise = (name: string): string => arabic(name.normalize("NFKC").replace(/\s+/g, "").toLowerCase());

function byName<T extends { name: string }>(list: T[], name: string | undefined): T | null {
  if (!name) return null;
  const want = normalise(name);
  return list.find((x) => normalise(x.name) === want) ?? null;
}

/** Camera kind from its name (what random recall filters on); "other" when nothing fits. */
export function guessKind(name: string): CameraKind {
  const rules: [RegExp, CameraKind][] = [
    [/监舍|监室|寝室/, "cell"],
    [/食堂|餐厅/, "canteen"],
    [/车间|习艺|劳动/, "workshop"],
    [/操场|出操|运动场/, "yard"],
    [/周界|围墙|电网/, "perimeter"],
    [/大门|AB门|门口/i, "gate"],
    [/会见/, "visiting"],
    [/走廊|通道|楼道/, "corridor"],
  ];
  return rules.find(([re]) => re.test(name))?.[1] ?? "other";
}

/** Organisations above a channel, nearest first (ParentID, then BusinessGroupID), at most 8 levels. */
function ancestors(item: CatalogItem, orgs: Map<string, CatalogItem>): CatalogItem[] {
  const out: CatalogItem[] = [];
  let next = [item.ParentID, item.BusinessGroupID].flatMap((p) => (p ? p.split("/") : [])).reverse();
  for (let depth = 0; depth < 8; depth++) {
    const parent = next.map((id) => orgs.get(id)).find((o) => o !== undefined && !out.includes(o));
    if (!parent) break;
    out.push(parent);
    next = [parent.ParentID, parent.BusinessGroupID].flatMap((p) => (p ? p.split("/") : [])).reverse();
  }
  return out;
}

/**
 * `root`: the device or platform itself (its id and name): channels right under it have it as their nearest
 * organisation — a platform named after the prison (our own edge) holds the prison's own cameras there.
 */
export function placeChannels(
  items: CatalogItem[],
  prison: PrisonShape,
  mapping: Mapping,
  root?: { id: string; name: string | null },
): Placement[] {
  const orgs = new Map(items.filter((i) => ["215", "216"].includes(typeOf(i.DeviceID))).map((i) => [i.DeviceID, i]));
  if (root?.name) orgs.set(root.id, { DeviceID: root.id, Name: root.name } as CatalogItem);
  const subOf = (blockId: string) => prison.blocks.find((b) => b.id === blockId)?.subBlocks ?? [];
  const allSubs = prison.blocks.flatMap((b) => b.subBlocks.map((s) => ({ ...s, blockId: b.id })));
  return items.filter(isCameraChannel).map((item) => {
    const name = item.Name?.trim() || item.DeviceID;
    let place: Place = { blockId: null, subBlockId: null };
    const chain = ancestors(item, orgs);
    const explicit = chain.map((o) => mapping[o.DeviceID]).find((m) => m !== undefined);
    // A camera right under an organisation named after the prison (a lower platform's top level, e.g. our own
    // edge's) is one of the prison's own cameras (gates, perimeter): placed there, not waiting.
    const parent = chain[0]?.Name;
    const atPrison = parent !== undefined && normalise(parent) === normalise(prison.name);
    if (explicit) place = explicit;
    else {
      // Outermost organisation that names a block, then the nearest below it that names one of its sub-blocks.
      for (let i = chain.length - 1; i >= 0 && place.blockId === null; i--) {
        const block = byName(prison.blocks, chain[i]!.Name);
        if (!block) continue;
        place = { blockId: block.id, subBlockId: null };
        for (let j = i - 1; j >= 0; j--) {
          const sub = byName(subOf(block.id), chain[j]!.Name);
          if (sub) {
            place = { blockId: block.id, subBlockId: sub.id };
            break;
          }
        }
      }
      if (place.blockId === null) {
        // No block by name: a sub-block name that is unique in the prison still places the camera.
        for (const org of chain) {
          const want = org.Name ? normalise(org.Name) : "";
          const subs = allSubs.filter((s) => normalise(s.name) === want);
          if (subs.length === 1) {
            place = { blockId: subs[0]!.blockId, subBlockId: subs[0]!.id };
            break;
          }
        }
      }
    }
    return {
      cameraId: cameraIdOf(item.DeviceID),
      channelId: item.DeviceID,
      name: name.slice(0, 80),
      kind: guessKind(name),
      ptz: isPtzChannel(item),
      unplaced: explicit === undefined && place.blockId === null && !atPrison,
      ...place,
    };
  });
}
