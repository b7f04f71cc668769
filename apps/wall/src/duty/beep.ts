// The new-alarm sound: a two-tone beep synthesised with WebAudio (no audio files). Browsers only let a
// page make sound after a user gesture, so the AudioContext is created on the first pointer/key event
// and until then a beep is silently skipped (never an error in the console). dispose() removes it all.
type Ctx = AudioContext;

let ctx: Ctx | null = null;
let armed = false;

function unlock(): void {
  if (ctx !== null || typeof AudioContext === "undefined") return;
  try {
    ctx = new AudioContext();
  } catch {
    ctx = null;
  }
}

/** Listens for the first gesture that allows sound; returns the removal. */
export function armSound(): () => void {
  if (armed || typeof window === "undefined") return () => {};
  armed = true;
  const on = () => unlock();
  window.addEventListener("pointerdown", on);
  window.addEventListener("keydown", on);
  return () => {
    armed = false;
    window.removeEventListener("pointerdown", on);
    window.removeEventListener("keydown", on);
  };
}

/** Two short tones (880 Hz then 660 Hz); more urgent severities get a third. */
export function beep(severity: number): void {
  if (ctx === null || ctx.state !== "running") return;
  const tones = severity <= 1 ? [880, 660, 880] : [880, 660];
  const t0 = ctx.currentTime;
  tones.forEach((freq, i) => {
    if (ctx === null) return;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "square";
    osc.frequency.value = freq;
    const start = t0 + i * 0.2;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.19);
  });
}

export function disposeSound(): void {
  void ctx?.close().catch(() => undefined);
  ctx = null;
}
