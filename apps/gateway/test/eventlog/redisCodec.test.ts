// The stream entry format, without Redis: what encodeBatch hands the script comes back unchanged from
// decodeEntry (property), and entries Command Wall did not write are refused with a message.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeEntry, decodeRead, encodeBatch, entryId, seqOfId } from "../../src/eventlog/redisCodec";

/** What XADD would store: split the script's ARGV back into one [id, fields] entry per event. */
function asEntries(argv: string[], firstSeq: number): unknown[] {
  const out: unknown[] = [];
  let seq = firstSeq;
  for (let i = 0; i < argv.length; ) {
    const n = Number(argv[i]);
    out.push([entryId(seq++), argv.slice(i + 1, i + 1 + n)]);
    i += n + 1;
  }
  return out;
}

describe("redis stream codec", () => {
  it("round-trips events through the script's arguments (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            type: fc.string({ minLength: 1, maxLength: 30 }),
            actor: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
            at: fc.integer({ min: 0, max: 4_102_444_800_000 }),
            data: fc.jsonValue(),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 1, max: 1e12 }),
        (events, first) => {
          const entries = asEntries(encodeBatch(events), first);
          const back = entries.map((e) => decodeEntry(e, "s"));
          expect(back).toEqual(
            events.map((e, i) => ({ seq: first + i, ...e, data: JSON.parse(JSON.stringify(e.data)) })),
          );
        },
      ),
    );
  });

  it("stores undefined data as null, like the journal", () => {
    const [entry] = asEntries(encodeBatch([{ type: "t", actor: null, data: undefined, at: 5 }]), 1);
    expect(decodeEntry(entry, "s").data).toBeNull();
  });

  it.each([
    ["1-0", 1],
    ["42-0", 42],
    ["999999999999999-0", 999_999_999_999_999],
  ])("reads seq from id %s", (id, seq) => {
    expect(seqOfId(id)).toBe(seq);
  });

  it.each(["1700000000000-1", "5", "abc-0", "-1-0", "1-0-0"])("refuses a foreign id %s", (id) => {
    expect(() => seqOfId(id)).toThrow(/not written by the Command Wall event log/);
  });

  it.each([
    [["1-0", ["at", "1", "data", "null"]], /'type' is missing/],
    [["1-0", ["type", "t", "at", "x", "data", "null"]], /'at' is not a number/],
    [["1-0", ["type", "t", "at", "1"]], /'data' is missing/],
    [["1-0", ["type", "t", "at", "1", "data", "{nope"]], /'data' is not JSON/],
    ["junk", /not \[id, fields\]/],
  ])("refuses a malformed entry %j", (entry, message) => {
    expect(() => decodeEntry(entry, "s")).toThrow(message);
  });

  it("reads an XREAD reply: null when the block timed out, else the one stream's entries", () => {
    expect(decodeRead(null, "s")).toEqual([]);
    const reply = [["s", [["3-0", ["type", "t", "at", "9", "data", "1", "actor", "u"]]]]];
    expect(decodeRead(reply, "s")).toEqual([{ seq: 3, at: 9, type: "t", actor: "u", data: 1 }]);
  });

  it("skips, without decoding, the entries up to a seq it already has", () => {
    const reply = [
      [
        "s",
        [
          ["3-0", ["data", "not json"]],
          ["4-0", ["type", "t", "at", "9", "data", "2"]],
        ],
      ],
    ];
    expect(decodeRead(reply, "s", 3)).toEqual([{ seq: 4, at: 9, type: "t", actor: null, data: 2 }]);
    expect(() => decodeRead(reply, "s", 2)).toThrow("is missing");
    expect(() => decodeRead([["s", [["x-1", []]]]], "s", 9)).toThrow("ids are <seq>-0");
  });
});
