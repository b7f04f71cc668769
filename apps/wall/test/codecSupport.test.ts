// The wall's decode probe (player/codecSupport.ts) with a stubbed MediaSource/mediaCapabilities (this unit
// only; the e2e runs Chromium's own): the exact codec string is asked, answers are cached and reported once.
import type { CapabilityReport } from "@cw/protocol";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { decodes, reportCapabilitiesTo } from "../src/player/codecSupport";
import { isTranscodeFull } from "../src/player/playerController";

const asked: string[] = [];
beforeAll(() => {
  vi.useFakeTimers();
  vi.stubGlobal("MediaSource", {
    isTypeSupported: (t: string) => {
      asked.push(t);
      return t.includes("avc1");
    },
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

it("asks for the exact string, caches the answer and reports every string once", async () => {
  const reports: CapabilityReport[] = [];
  reportCapabilitiesTo((r) => reports.push(r));
  expect(await decodes("hvc1.1.6.L120.90")).toEqual({ supported: false });
  expect(await decodes("hvc1.1.6.L120.90")).toEqual({ supported: false });
  expect((await decodes("avc1.640028")).supported).toBe(true);
  expect(asked).toEqual(['video/mp4; codecs="hvc1.1.6.L120.90"', 'video/mp4; codecs="avc1.640028"']);
  await vi.advanceTimersByTimeAsync(600);
  expect(reports).toHaveLength(1);
  expect(reports[0]?.codecs).toMatchObject({
    "hvc1.1.6.L120.90": { supported: false },
    "avc1.640028": { supported: true },
  });
});

it("recognises the gateway's transcode_full refusal", () => {
  expect(isTranscodeFull({ code: "transcode_full" })).toBe(true);
  expect(isTranscodeFull({ code: "unavailable" })).toBe(false);
  expect(isTranscodeFull(new Error("x"))).toBe(false);
});
