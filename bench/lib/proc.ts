// Process accounting from /proc: CPU seconds (utime+stime) and private memory (smaps_rollup), for the
// gateway and for baseline processes. Linux only, like the rest of the benchmark rig.
import { readFileSync } from "node:fs";

const TICKS = 100; // USER_HZ on Linux

export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** Private (unshared) resident memory in bytes: what one more process really costs. */
export function privateBytes(pid: number): number {
  const s = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  let kb = 0;
  for (const m of s.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB/gm)) kb += Number(m[1]);
  return kb * 1024;
}

export function rssBytes(pid: number): number {
  const s = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /^VmRSS:\s+(\d+) kB/m.exec(s);
  return m ? Number(m[1]) * 1024 : 0;
}

/** CPU used by the pids over `ms`, as a fraction of one core. */
export async function cpuShare(pids: number[], ms: number): Promise<number> {
  const a = pids.map((p) => safe(() => cpuSeconds(p)));
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const b = pids.map((p) => safe(() => cpuSeconds(p)));
  const dt = (performance.now() - t0) / 1000;
  let used = 0;
  for (let i = 0; i < pids.length; i++) used += (b[i] ?? 0) - (a[i] ?? 0);
  return used / dt;
}

function safe(f: () => number): number {
  try {
    return f();
  } catch {
    return 0;
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((x, y) => x - y);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i] as number;
}

export const mb = (b: number) => b / (1024 * 1024);
export const fmt = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");

/** A table row of timings in ms: what | samples | p50 | p95 | max | target. */
export const msRow = (what: string, v: number[], target: string) =>
  `| ${what} | ${v.length} | ${fmt(percentile(v, 50), 0)} | ${fmt(percentile(v, 95), 0)} | ${fmt(Math.max(...v), 0)} | ${target} |`;
