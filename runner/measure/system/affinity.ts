import { spawnSync } from 'node:child_process';
import { processTable } from './machine-load';

/** Which cores the server under load and the load generator may run on; null: not pinned. */
export interface CoreSplit {
  server: number[];
  generator: number[];
}

/** Pure: "0-2,5" (taskset's list form) -> [0, 1, 2, 5]. */
export function parseCoreList(list: string): number[] {
  return list
    .trim()
    .split(',')
    .filter(Boolean)
    .flatMap((part) => {
      const [from, to = from] = part.split('-').map(Number) as [number, number?];
      return Array.from({ length: to! - from + 1 }, (_, i) => from + i);
    });
}

/**
 * Pure: the load generator gets one core (the last), the server the rest. With one core there is nothing to split:
 * the two share it, and the caller records the run as unpinned.
 */
export function splitCores(cores: readonly number[]): CoreSplit | null {
  if (cores.length < 2) return null;
  return { server: cores.slice(0, -1), generator: cores.slice(-1) };
}

function taskset(args: string[]): string | null {
  const result = spawnSync('taskset', args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : null;
}

/** The cores this process may run on, or null where taskset is not available (not Linux, util-linux missing). */
export function allowedCores(): number[] | null {
  const out = taskset(['-c', '-p', String(process.pid)]);
  const list = out?.split(':').at(-1);
  return list === undefined ? null : parseCoreList(list);
}

/**
 * Pins every thread of every process in a process group to `cores`; returns the undo (back to `restore`). A
 * process that starts later inherits its parent's mask, so a server that forks workers stays pinned.
 */
export function pinProcessGroup(
  processGroup: number,
  cores: readonly number[],
  restore: readonly number[],
): () => void {
  const pids = () =>
    processTable()
      .filter((process) => process.pgrp === processGroup)
      .map((process) => process.pid);
  const pinAll = (list: readonly number[]) => {
    for (const pid of pids()) taskset(['-a', '-c', '-p', list.join(','), String(pid)]);
  };
  pinAll(cores);
  return () => pinAll(restore);
}

/** Where the load phase ran: results.json's http.isolation. */
export interface Isolation {
  generator: 'child-process';
  pinned: boolean;
  serverCores: number[] | null;
  generatorCores: number[] | null;
  note: string | null;
}

/**
 * Pins the servers' process groups and keeps cores for the load generator when asked and possible; returns what
 * was done and its undo. Without taskset or with one core, the run is recorded as unpinned, saying why.
 */
export function isolateLoad(
  pin: boolean,
  serverGroups: readonly number[],
): { isolation: Isolation; restore: () => void } {
  const unpinned = (note: string) => ({
    isolation: { generator: 'child-process' as const, pinned: false, serverCores: null, generatorCores: null, note },
    restore: () => undefined,
  });
  if (!pin) return unpinned('--pin off');
  if (serverGroups.length === 0) return unpinned('no local server to pin (a deployment)');
  const cores = allowedCores();
  if (cores === null) return unpinned('taskset is not available (Linux, util-linux)');
  const split = splitCores(cores);
  if (split === null) return unpinned(`one core (${cores.join(',')}): nothing to split`);
  const undo = serverGroups.map((group) => pinProcessGroup(group, split.server, cores));
  // The runner itself (sampling, integrity reads between windows) keeps off the server's cores too.
  taskset(['-a', '-c', '-p', split.generator.join(','), String(process.pid)]);
  undo.push(() => void taskset(['-a', '-c', '-p', cores.join(','), String(process.pid)]));
  return {
    isolation: {
      generator: 'child-process',
      pinned: true,
      serverCores: split.server,
      generatorCores: split.generator,
      note: null,
    },
    restore: () => undo.forEach((restore) => restore()),
  };
}
