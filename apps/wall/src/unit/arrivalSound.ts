// The terminal's arrival chime: two short tones through WebAudio (no audio file to ship or load).
// Owns one AudioContext for the page, created on first use and closed by closeChime(). A browser that
// refuses audio before a user gesture just stays silent: the order is on screen regardless.
let ctx: AudioContext | null = null;

export function chime(urgent: boolean): boolean {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === "suspended") void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime;
    const tones = urgent ? [880, 660, 880] : [660, 880];
    tones.forEach((hz, i) => {
      const osc = ctx!.createOscillator();
      const gain = ctx!.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, start + i * 0.2);
      gain.gain.exponentialRampToValueAtTime(0.25, start + i * 0.2 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.2 + 0.18);
      osc.connect(gain).connect(ctx!.destination);
      osc.start(start + i * 0.2);
      osc.stop(start + i * 0.2 + 0.2);
    });
    return true;
  } catch {
    return false;
  }
}

export function closeChime(): void {
  void ctx?.close().catch(() => undefined);
  ctx = null;
}
