// Catalogue file validation: each bad file gives one clear message naming the place.
import { describe, expect, it } from "vitest";
import { validateProvince } from "../../src/features/catalogue/validate";

const cam = (id: string, extra: object = {}) => ({
  id,
  name: "摄像机",
  kind: "yard",
  source: { kind: "sim" },
  ...extra,
});
const good = () => ({
  bureau: { id: "bur", name: "省局" },
  prisons: [
    {
      id: "p1",
      name: "一号监狱",
      cameras: [cam("p1-gate", { kind: "gate" })],
      blocks: [
        { id: "p1-b1", name: "一监区", subBlocks: [{ id: "p1-b1-s1", name: "一分监区", cameras: [cam("c1")] }] },
      ],
    },
  ],
});

type Mutate = (f: ReturnType<typeof good>) => unknown;

describe("validateProvince", () => {
  it("accepts a good file and fills defaults", () => {
    const r = validateProvince(good());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.prisons[0]?.blocks[0]?.subBlocks[0]?.cameras[0]?.codec).toBe("h264");
  });

  it.each<[string, Mutate, string]>([
    ["not an object", () => "hello", "catalogue"],
    ["no prisons", (f) => ({ ...f, prisons: [] }), "prisons"],
    ["missing bureau", (f) => ({ prisons: f.prisons }), "bureau"],
    [
      "bad prison id",
      (f) => {
        f.prisons[0]!.id = "盘锦";
        return f;
      },
      "prisons[0].id",
    ],
    [
      "empty block name",
      (f) => {
        f.prisons[0]!.blocks[0]!.name = " ";
        return f;
      },
      "prisons[0].blocks[0].name",
    ],
    [
      "unknown camera kind",
      (f) => {
        f.prisons[0]!.blocks[0]!.subBlocks[0]!.cameras[0]!.kind = "roof";
        return f;
      },
      "prisons[0].blocks[0].subBlocks[0].cameras[0].kind",
    ],
    [
      "rtsp without url",
      (f) => {
        f.prisons[0]!.blocks[0]!.subBlocks[0]!.cameras[0]!.source = { kind: "rtsp" } as never;
        return f;
      },
      "prisons[0].blocks[0].subBlocks[0].cameras[0].source.url",
    ],
    ["unknown key", (f) => ({ ...f, extra: 1 }), "catalogue"],
    [
      "duplicate camera id",
      (f) => {
        f.prisons[0]!.cameras.push(cam("c1"));
        return f;
      },
      "prisons[0].blocks[0].subBlocks[0].cameras[0].id",
    ],
    [
      "block id equal to prison id",
      (f) => {
        f.prisons[0]!.blocks[0]!.id = "p1";
        return f;
      },
      "prisons[0].blocks[0].id",
    ],
    [
      "publish key on a sim camera",
      (f) => {
        f.prisons[0]!.cameras.push(cam("c9", { publishKey: "abcdefgh12" }));
        return f;
      },
      "prisons[0].cameras[1].publishKey",
    ],
  ])("%s → names %s", (_name, mutate, field) => {
    const r = validateProvince(mutate(good()));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("validation");
      expect(r.error.field).toBe(field);
      expect(r.error.message.startsWith(`${field}: `)).toBe(true);
    }
  });

  it("names where a duplicate id was first used", () => {
    const f = good();
    f.prisons[0]!.cameras.push(cam("c1"));
    const r = validateProvince(f);
    expect(!r.ok && r.error.message).toContain("first used at prisons[0].cameras[1].id");
  });
});
