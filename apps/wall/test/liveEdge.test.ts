import { describe, expect, it } from "vitest";
import { catchUpTo, followLiveEdge, jumpEveryMs, jumpMinS, keepAheadS } from "../src/player/liveEdge";

describe("catchUpTo", () => {
  it("jumps to the live sync position when it is buffered and the player is well behind it", () => {
    // Started on the key frame at 10.0; live − target latency is 10.6; buffered to 11.2.
    expect(catchUpTo({ currentTime: 10.04, bufferedEnd: 11.2, liveSyncPosition: 10.6 })).toBe(10.6);
  });

  it("waits until the live sync position is buffered with some margin, so the jump itself does not stall", () => {
    expect(catchUpTo({ currentTime: 10, bufferedEnd: 10.8, liveSyncPosition: 10.9 })).toBeNull();
    expect(catchUpTo({ currentTime: 10, bufferedEnd: 10.9 + keepAheadS / 2, liveSyncPosition: 10.9 })).toBeNull();
    expect(catchUpTo({ currentTime: 10, bufferedEnd: 10.9 + keepAheadS + 0.01, liveSyncPosition: 10.9 })).toBe(10.9);
  });

  it("stays when close enough: small gaps are hls.js's rate control's", () => {
    expect(catchUpTo({ currentTime: 10.5, bufferedEnd: 11.2, liveSyncPosition: 10.5 + jumpMinS })).toBeNull();
    expect(catchUpTo({ currentTime: 10.6, bufferedEnd: 11.2, liveSyncPosition: 10.6 })).toBeNull();
  });

  it("never jumps backwards, nor ahead of a player already past the live sync position", () => {
    expect(catchUpTo({ currentTime: 11, bufferedEnd: 11.2, liveSyncPosition: 10.6 })).toBeNull();
  });

  it("stays while too little is buffered ahead to land anywhere safe", () => {
    expect(catchUpTo({ currentTime: 10, bufferedEnd: 10.35, liveSyncPosition: 10.9 })).toBeNull();
  });

  it("stays when the position is not buffered or the playlist is not known yet", () => {
    expect(catchUpTo({ currentTime: 10, bufferedEnd: null, liveSyncPosition: 10.9 })).toBeNull();
    expect(catchUpTo({ currentTime: 10, bufferedEnd: 11.2, liveSyncPosition: null })).toBeNull();
    expect(catchUpTo({ currentTime: 10, bufferedEnd: 11.2, liveSyncPosition: Number.NaN })).toBeNull();
  });
});

/** A <video> as far as the follower sees it: its clock, buffered ranges and events. */
function fakeVideo(ranges: Array<[number, number]>) {
  const target = new EventTarget();
  const video = Object.assign(target, {
    currentTime: 0,
    paused: false,
    seeking: false,
    buffered: {
      get length() {
        return ranges.length;
      },
      start: (i: number) => (ranges[i] as [number, number])[0],
      end: (i: number) => (ranges[i] as [number, number])[1],
    },
    ranges,
  });
  const tick = (t: number) => {
    video.currentTime = t;
    video.dispatchEvent(new Event("timeupdate"));
  };
  return { video, tick, asVideo: video as unknown as HTMLVideoElement };
}

describe("followLiveEdge", () => {
  it("jumps once the first frame is up and the live sync position buffered, then at most once per interval, and stops when told", () => {
    let now = 0;
    const hls = { liveSyncPosition: 10.6 as number | null };
    const { video, tick, asVideo } = fakeVideo([[10, 11.2]]);
    const stop = followLiveEdge(hls, asVideo, () => now);

    tick(10); // hls.js's own start (a timeupdate before the first frame): a jump now would delay that frame
    expect(video.currentTime).toBe(10);
    video.dispatchEvent(new Event("playing"));

    video.ranges[0] = [10, 10.2];
    tick(10.04); // only the first part is buffered: nowhere to land yet
    expect(video.currentTime).toBe(10.04);

    video.ranges[0] = [10, 11.2];
    now = 100;
    tick(10.08);
    expect(video.currentTime).toBe(10.6);

    // Fell behind again (a stall) right after: hls.js's business until the interval has passed.
    hls.liveSyncPosition = 11.6;
    video.ranges[0] = [10, 12.2];
    now = 100 + jumpEveryMs - 1;
    tick(10.9);
    expect(video.currentTime).toBe(10.9);
    now = 100 + jumpEveryMs;
    tick(10.9);
    expect(video.currentTime).toBe(11.6);

    stop();
    hls.liveSyncPosition = 20;
    video.ranges[0] = [10, 21];
    now += 2 * jumpEveryMs;
    tick(12);
    expect(video.currentTime).toBe(12);
  });

  it("leaves a paused or seeking player alone, and never jumps across a gap in the buffer", () => {
    const hls = { liveSyncPosition: 10.6 };
    const { video, tick, asVideo } = fakeVideo([
      [10, 10.3],
      [10.4, 11.2],
    ]);
    followLiveEdge(hls, asVideo, () => 0);
    video.dispatchEvent(new Event("playing"));
    tick(10.05); // the buffered range holding 10.05 ends at 10.3
    expect(video.currentTime).toBe(10.05);

    video.ranges.splice(0, 2, [10, 11.2]);
    video.paused = true;
    tick(10.05);
    expect(video.currentTime).toBe(10.05);
    video.paused = false;
    video.seeking = true;
    tick(10.05);
    expect(video.currentTime).toBe(10.05);
    video.seeking = false;
    tick(10.05);
    expect(video.currentTime).toBe(10.6);
  });
});
