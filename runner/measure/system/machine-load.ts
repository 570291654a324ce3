import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/**
 * How busy the machine was, from /proc (no process spawned per sample). Benchmarks on 2 shared cores are only as
 * good as the quiet around them: the A/A exclusion rate rose when other work ran beside a run. The load average
 * counts our own server and browser too, so "busy" is judged by the CPU that processes outside this run's process
 * tree used, and by steal (a hypervisor giving our cores to someone else).
 */
export interface LoadSnapshot {
  atMs: number;
  /** /proc/stat jiffies over all cores. */
  totalJiffies: number;
  idleJiffies: number;
  stealJiffies: number;
  /** utime + stime of this process and all its descendants (server, browser, workers), jiffies. */
  ownJiffies: number;
  loadAverage1: number;
}

/** One interval between two snapshots. */
export interface MachineLoad {
  seconds: number;
  loadAverage1: number;
  /** Cores busy on average, over the whole machine. */
  busyCores: number;
  /** Cores used on average by processes outside this run. */
  foreignCores: number;
  /** Share of CPU time stolen by the hypervisor. */
  stealShare: number;
  busy: boolean;
}

/** Above this many cores used by other processes, or this steal share, the interval is flagged busy. */
export const FOREIGN_CORES_LIMIT = 0.2;
export const STEAL_SHARE_LIMIT = 0.05;

const readable = process.platform === 'linux' && fs.existsSync('/proc/stat');

/** The `stat` line of a process as fields, the command name (which may hold spaces) removed. */
function statFields(pid: string): string[] | null {
  try {
    const line = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return line.slice(line.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Every live process with its parent, process group and CPU jiffies. */
export function processTable(): { pid: number; ppid: number; pgrp: number; jiffies: number }[] {
  if (!readable) return [];
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      const fields = statFields(pid);
      // After the name: state(0) ppid(1) pgrp(2) ... utime(11) stime(12) cutime(13) cstime(14); the last two hold
      // the CPU of children that already exited, which would otherwise pass for foreign load.
      const jiffies = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields?.[index] ?? 0), 0);
      return fields ? [{ pid: Number(pid), ppid: Number(fields[1]), pgrp: Number(fields[2]), jiffies }] : [];
    });
}

function descendantsJiffies(root: number): number {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const process of table) children.set(process.ppid, [...(children.get(process.ppid) ?? []), process.pid]);
  const jiffies = new Map(table.map((process) => [process.pid, process.jiffies]));
  let sum = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    sum += jiffies.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

export function takeSnapshot(): LoadSnapshot {
  const loadAverage1 = os.loadavg()[0] ?? 0;
  if (!readable)
    return { atMs: performance.now(), totalJiffies: 0, idleJiffies: 0, stealJiffies: 0, ownJiffies: 0, loadAverage1 };
  // cpu user nice system idle iowait irq softirq steal guest guest_nice
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  return {
    atMs: performance.now(),
    totalJiffies: cpu.reduce((sum, value) => sum + value, 0),
    idleJiffies: cpu[3]! + cpu[4]!,
    stealJiffies: cpu[7]!,
    ownJiffies: descendantsJiffies(process.pid),
    loadAverage1,
  };
}

let clockTicks: number | undefined;
/** Jiffies per second (USER_HZ), 100 on nearly every Linux. */
export function jiffiesPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Pure: the load between two snapshots. */
export function loadBetween(from: LoadSnapshot, to: LoadSnapshot, hz = jiffiesPerSecond()): MachineLoad {
  const seconds = (to.atMs - from.atMs) / 1000;
  const total = to.totalJiffies - from.totalJiffies;
  const busyJiffies = total - (to.idleJiffies - from.idleJiffies);
  const busyCores = seconds > 0 ? busyJiffies / hz / seconds : 0;
  const ownCores = seconds > 0 ? Math.max(0, to.ownJiffies - from.ownJiffies) / hz / seconds : 0;
  const foreignCores = Math.max(0, busyCores - ownCores);
  const stealShare = total > 0 ? (to.stealJiffies - from.stealJiffies) / total : 0;
  return {
    seconds,
    loadAverage1: to.loadAverage1,
    busyCores,
    foreignCores,
    stealShare,
    busy: foreignCores > FOREIGN_CORES_LIMIT || stealShare > STEAL_SHARE_LIMIT,
  };
}

/** Snapshots at marks (start, each round or repeat, end); each mark returns the load since the previous one. */
export function loadRecorder(): { mark(): MachineLoad } {
  let previous = takeSnapshot();
  return {
    mark() {
      const next = takeSnapshot();
      const load = loadBetween(previous, next);
      previous = next;
      return load;
    },
  };
}
