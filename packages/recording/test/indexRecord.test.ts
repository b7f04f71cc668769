// The index record layout: round trip, the checksum catches torn or damaged records, the good prefix ends
// at the first bad one, and records that do not continue the file end the index too. Table-driven, then
// fuzzed with fast-check (any truncation or byte flip never yields a record that was not written).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRecords, encodeRecord, type IndexRecord, RECORD_BYTES, recordAt } from "../src/store/indexRecord";

const chain = (n: number, start = 1_700_000_000_000, init = 800): IndexRecord[] => {
  const out: IndexRecord[] = [];
  let offset = init;
  for (let i = 0; i < n; i++) {
    const length = 1000 + ((i * 7919) % 5000);
    out.push({ startMs: start + i * 1000, durationMs: 1000, offset, length });
    offset += length;
  }
  return out;
};
const bytesOf = (rs: IndexRecord[]): Buffer => Buffer.concat(rs.map(encodeRecord));

describe("index records", () => {
  it("round-trip, 32 bytes each", () => {
    const rs = chain(5);
    const buf = bytesOf(rs);
    expect(buf.length).toBe(5 * RECORD_BYTES);
    expect(decodeRecords(buf)).toEqual({ records: rs, validBytes: buf.length });
  });

  it.each([
    ["a torn last record", (b: Buffer) => b.subarray(0, b.length - 5), 4],
    [
      "a zeroed record (lost page)",
      (b: Buffer) => Buffer.concat([b.subarray(0, 64), Buffer.alloc(32), b.subarray(96)]),
      2,
    ],
    ["a flipped byte in record 3", (b: Buffer) => flip(b, 3 * 32 + 17), 3],
    [
      "a record whose offset does not follow",
      (b: Buffer) => Buffer.concat([b.subarray(0, 64), encodeRecord({ ...chain(5)[2]!, offset: 1 })]),
      2,
    ],
    ["garbage", () => Buffer.from("not an index at all, just some text"), 0],
  ])("%s ends the index before it", (_name, damage, kept) => {
    const { records, validBytes } = decodeRecords(damage(bytesOf(chain(5))));
    expect(records).toEqual(chain(5).slice(0, kept));
    expect(validBytes).toBe(kept * RECORD_BYTES);
  });

  it("fuzz: any truncation or single damaged byte yields a prefix of what was written", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), fc.nat(), fc.boolean(), (n, cut, at, flipIt) => {
        const rs = chain(n);
        let buf = bytesOf(rs);
        buf = flipIt ? flip(buf, at % buf.length) : buf.subarray(0, cut % (buf.length + 1));
        const { records } = decodeRecords(buf);
        expect(records).toEqual(rs.slice(0, records.length));
        if (flipIt) expect(records.length).toBe(Math.floor((at % (n * 32)) / 32));
      }),
    );
  });

  it("recordAt finds the record holding a time by binary search", () => {
    const rs = chain(10);
    const t0 = rs[0]!.startMs;
    expect(recordAt(rs, t0 - 5000)).toBe(0);
    expect(recordAt(rs, t0)).toBe(0);
    expect(recordAt(rs, t0 + 999)).toBe(0);
    expect(recordAt(rs, t0 + 1000)).toBe(1);
    expect(recordAt(rs, t0 + 9500)).toBe(9);
    expect(recordAt(rs, t0 + 99_000)).toBe(9);
  });
});

function flip(b: Buffer, at: number): Buffer {
  const c = Buffer.from(b);
  c[at] = c[at]! ^ 0x40;
  return c;
}
