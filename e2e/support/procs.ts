// Processes as Linux's /proc shows them: a gateway's child processes (its ffmpegs) and whether one of them
// still runs. A process is named by pid and start time, so a pid the kernel has handed to a new process
// since does not count as the old one still running.
import { readdirSync, readFileSync } from "node:fs";

export interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  /** Start time in clock ticks since boot (field 22 of /proc/<pid>/stat). */
  start: string;
}

function stat(pid: number): Proc | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm may hold spaces and parentheses: the fields after it follow the last ")".
    const rest = s.slice(s.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(rest[1]), comm: s.slice(s.indexOf("(") + 1, s.lastIndexOf(")")), start: rest[19] ?? "" };
  } catch {
    return null; // gone meanwhile
  }
}

/** The processes whose parent is `ppid` now. */
export function childrenOf(ppid: number): Proc[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      const p = stat(Number(d));
      return p && p.ppid === ppid ? [p] : [];
    });
}

/** Whether this very process (same pid, same start) still runs — a zombie counts as gone. */
export function running(p: Proc): boolean {
  const now = stat(p.pid);
  if (!now || now.start !== p.start) return false;
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${p.pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

export function proc(pid: number): Proc | null {
  return stat(pid);
}
