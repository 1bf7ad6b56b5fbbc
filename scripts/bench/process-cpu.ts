/**
 * CPU time (user + system) spent by groups of processes, read from /proc: how a load's work splits between the app,
 * PostgreSQL's backends and the load's own client on a machine whose cores they all share. Linux only; elsewhere every
 * reading is 0.
 */
import fs from 'node:fs';

/** Clock ticks per second, as /proc counts them (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export type ProcessGroups<K extends string> = Record<K, (commandLine: string) => boolean>;

/** CPU seconds so far of the live processes whose command line matches, with what their ended children used. */
function cpuSecondsOf(match: (commandLine: string) => boolean): number {
  let total = 0;
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!match(commandLine)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After the command name in parentheses: utime, stime, cutime and cstime are the 12th to 15th fields.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0) / TICKS_PER_SECOND;
    } catch {
      // The process ended while it was read.
    }
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
  const base = Object.fromEntries(names.map((k) => [k, cpuSecondsOf(groups[k])])) as Record<K, number>;
  const most = Object.fromEntries(names.map((k) => [k, 0])) as Record<K, number>;
  const readings: CpuReadings<K> = [];
  const read = () => {
    for (const k of names) most[k] = Math.max(most[k], cpuSecondsOf(groups[k]) - base[k]);
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
