// LL-HLS blocking semantics (RFC 8216bis 6.2.5.2): _HLS_msn/_HLS_part holds, limits, preload-hinted parts.
import { afterEach, describe, expect, it } from "vitest";
import { Packager } from "../../src/hls/packager";
import { feed, frames, VIDEO_ONLY } from "./synthetic";

let p: Packager;
afterEach(() => p.close());

/**
 * 1 s GOPs at 25 fps; after `n` frames the open segment is floor(n/25) with ((n % 25) - 1) / 5 parts done.
 * A segment is complete (EXTINF) once the next one's first part is out: frame 25·(k+1) + 5 completes k;
 * until then the playlist shows it open with all its parts.
 */
function packager(n: number): { p: Packager; next: (k: number) => void } {
  p = new Packager();
  p.config(VIDEO_ONLY);
  const all = frames(0, 500);
  let at = 0;
  const next = (k: number): void => {
    feed(p, all.slice(at, at + k));
    at += k;
  };
  next(n);
  return { p, next };
}

describe("isAvailable / waitFor", () => {
  it.each<[string, number, number, number | undefined, boolean]>([
    ["a complete segment", 56, 1, undefined, true],
    ["a segment whose last part is out but not the next one's first", 51, 1, undefined, false],
    ["the open segment is not complete", 51, 2, undefined, false],
    ["a published part of the open segment", 36, 1, 1, true],
    ["the next part of the open segment", 36, 1, 2, false],
    ["a part index past a complete segment's last → part 0 of the next", 31, 0, 5, true],
    ["… which must exist", 26, 0, 5, false],
  ])("%s", (_name, n, msn, part, available) => {
    const { p } = packager(n);
    expect(p.isAvailable(msn, part)).toBe(available);
  });

  it("holds a request until the part is published", async () => {
    const { p, next } = packager(36); // segment 1 has parts 0,1
    let done = false;
    const wait = p.waitFor(1, 2, undefined, 5000).then((r) => {
      done = true;
      return r;
    });
    next(4); // frames up to 39: part 2 is cut when frame 40 arrives
    await Promise.resolve();
    expect(done).toBe(false);
    next(1);
    expect(await wait).toEqual({ ok: true, value: true });
  });

  it("holds _HLS_msn alone until that segment is complete", async () => {
    const { p, next } = packager(31);
    const wait = p.waitFor(1, undefined, undefined, 5000);
    next(21); // frame 50 (a key frame) ends segment 1: its last part is out, it is not complete yet
    await new Promise((r) => setTimeout(r, 10));
    expect(p.isAvailable(1)).toBe(false);
    next(5); // frame 55 closes segment 2's first part, which completes segment 1
    expect(await wait).toEqual({ ok: true, value: true });
  });

  it.each<[string, number, number | undefined, string]>([
    ["msn more than two segments ahead", 4, undefined, "_HLS_msn"],
    ["negative msn", -1, undefined, "_HLS_msn"],
    ["part far past the advance limit", 1, 40, "_HLS_part"],
  ])("400 for %s", async (_name, msn, part, field) => {
    const { p } = packager(30); // open segment 1
    const r = await p.waitFor(msn, part, undefined, 50);
    expect(r.ok ? null : r.error).toMatchObject({ code: "bad_request", field });
  });

  it("msn up to two ahead is accepted and times out as 503", async () => {
    const { p } = packager(31); // open segment 1
    const r = await p.waitFor(3, undefined, undefined, 30);
    expect(r.ok ? null : r.error.code).toBe("unavailable");
  });

  it("an aborted request returns at once", async () => {
    const { p } = packager(30);
    const ac = new AbortController();
    const wait = p.waitFor(2, undefined, ac.signal, 60_000);
    ac.abort();
    const r = await wait;
    expect(r.ok ? null : r.error.message).toMatch(/aborted/);
  });

  it("close() releases every waiter", async () => {
    const { p } = packager(30);
    const wait = p.waitFor(2, undefined, undefined, 60_000);
    p.close();
    const r = await wait;
    expect(r.ok ? null : r.error.message).toMatch(/stopped/);
  });
});

describe("waitForPart (preload hint)", () => {
  it("the hinted part blocks until it exists", async () => {
    const { p, next } = packager(36); // hint: p1.2
    expect(p.playlist()).toContain('#EXT-X-PRELOAD-HINT:TYPE=PART,URI="p1.2.m4s"');
    const wait = p.waitForPart(1, 2, undefined, 5000);
    next(5);
    const r = await wait;
    expect(r.ok && r.value.subarray(4, 8).toString()).toBe("moof");
  });

  it("a part that is neither published nor hinted is 404", async () => {
    const { p } = packager(36);
    const r = await p.waitForPart(1, 3, undefined, 50);
    expect(r.ok ? null : r.error.code).toBe("not_found");
  });

  it("the hinted part is the one being filled, so it is published even when the stream ends", async () => {
    const { p } = packager(36); // hint p1.2 holds frame 35 so far
    const wait = p.waitForPart(1, 2, undefined, 5000);
    p.end("publisher left");
    const r = await wait;
    expect(r.ok).toBe(true);
    expect(p.playlist()).toContain('#EXT-X-PRELOAD-HINT:TYPE=PART,URI="p2.0.m4s"');
  });

  it("segments: published ones are served; the open one blocks until it closes", async () => {
    const { p, next } = packager(31);
    expect((await p.waitForSegment(0)).ok).toBe(true);
    const wait = p.waitForSegment(1, undefined, 5000);
    next(26);
    const r = await wait;
    expect(r.ok && r.value.equals(Buffer.concat(p.view().segments[1]!.parts.map((x) => x.bytes)))).toBe(true);
    expect((await p.waitForSegment(9)).ok).toBe(false);
  });
});
