/**
 * CPU time (user + system) spent by groups of processes, read from /proc: how a load's work splits between the app,
 * PostgreSQL's processes and the load's own client on a machine whose cores they all share. A group is every process
 * descended from its roots (the roots included), so other servers or clusters on the machine are never counted.
 * Linux only; elsewhere every reading is 0.
 */
import fs from 'node:fs';

/** Clock ticks per second, as /proc counts them (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Each group's root processes, asked again at every reading (a root may not have started when following begins). */
export type ProcessGroups<K extends string> = Record<K, () => readonly number[]>;

interface ProcessCpu {
  parent: number;
  /** Its own CPU seconds, with those of its children that have ended and been waited for. */
  seconds: number;
}

function readProcesses(): Map<number, ProcessCpu> {
  const processes = new Map<number, ProcessCpu>();
  let names: string[];
  try {
    names = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return processes;
  }
  for (const name of names) {
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // After the command name in parentheses: the parent is the 2nd field; utime, stime, cutime and cstime the 12th
      // to 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0) / TICKS_PER_SECOND;
      processes.set(Number(name), { parent: Number(fields[1]), seconds });
    } catch {
      // The process ended while it was read.
    }
  }
  return processes;
}

function secondsOfTree(processes: Map<number, ProcessCpu>, roots: readonly number[]): number {
  const children = new Map<number, number[]>();
  for (const [pid, { parent }] of processes) children.set(parent, [...(children.get(parent) ?? []), pid]);
  let total = 0;
  const seen = new Set<number>();
  const queue = roots.filter((pid) => processes.has(pid));
  while (queue.length > 0) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += processes.get(pid)?.seconds ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Readings of each group's CPU seconds: [Date.now(), seconds since following began, by group]. */
export type CpuReadings<K extends string> = [at: number, seconds: Record<K, number>][];

/**
 * Follows the groups from now until `stop()`, every 200 ms. A process that ends (the app, stopped after the load)
 * keeps counting what it had used when last seen: each reading is the most seen so far.
 */
export function followCpu<K extends string>(groups: ProcessGroups<K>): { stop(): CpuReadings<K> } {
  const names = Object.keys(groups) as K[];
  const secondsNow = () => {
    const processes = readProcesses();
    return Object.fromEntries(names.map((k) => [k, secondsOfTree(processes, groups[k]())])) as Record<K, number>;
  };
  const base = secondsNow();
  const most = Object.fromEntries(names.map((k) => [k, 0])) as Record<K, number>;
  const readings: CpuReadings<K> = [];
  const read = () => {
    const now = secondsNow();
    for (const k of names) most[k] = Math.max(most[k], now[k] - base[k]);
    readings.push([Date.now(), { ...most }]);
  };
  read();
  const timer = setInterval(read, 200);
  return {
    stop() {
      clearInterval(timer);
      read();
      return readings;
    },
  };
}

/** CPU seconds each group used between two moments (Date.now()), from the readings nearest them. */
export function cpuBetween<K extends string>(readings: CpuReadings<K>, from: number, to: number): Record<K, number> {
  const at = (moment: number) => readings.findLast(([time]) => time <= moment) ?? readings[0]!;
  const [, start] = at(from);
  const [, end] = at(to);
  return Object.fromEntries(Object.keys(end).map((k) => [k, end[k as K] - start[k as K]])) as Record<K, number>;
}
