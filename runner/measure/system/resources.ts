import pidusage from 'pidusage';
import type { ResourcePoint, ResourceSeries } from '../../contract/records';
import { jiffiesPerSecond, processTable } from './machine-load';

/** The members of a process group and their CPU so far, read from /proc (no `ps` spawned per sample). */
function group(processGroup: number): { pids: number[]; cpuMs: number } {
  const members = processTable().filter((process) => process.pgrp === processGroup);
  return {
    pids: members.map((process) => process.pid),
    cpuMs: (members.reduce((sum, process) => sum + process.jiffies, 0) * 1000) / jiffiesPerSecond(),
  };
}

/**
 * Samples CPU% and RSS of every process in a group until stopped, and the group's CPU time over the window. The
 * members are read from the process table at the start, and again only when one has exited: scanning all of /proc
 * every sample would be work inside the span being measured.
 */
export function sampleProcessGroup(processGroup: number, intervalMs = 250): { stop(): Promise<ResourceSeries> } {
  const points: ResourcePoint[] = [];
  const startedAt = performance.now();
  const start = group(processGroup);
  const cpuAtStart = start.cpuMs;
  let pids = start.pids;
  let running = true;
  let wake: () => void = () => undefined;
  const loop = (async () => {
    while (running) {
      // pidusage answers no stat for a pid that has exited: count the others, and read the members again for the next sample.
      const stats: Record<string, { cpu: number; memory: number } | null | undefined> = pids.length
        ? await pidusage(pids).catch(() => ({}))
        : {};
      const values = Object.values(stats).filter((stat) => stat != null);
      if (values.length < pids.length) pids = group(processGroup).pids;
      points.push({
        tMs: Math.round(performance.now() - startedAt),
        cpuPct: values.reduce((sum, stat) => sum + stat.cpu, 0),
        rssMb: values.reduce((sum, stat) => sum + stat.memory, 0) / 2 ** 20,
      });
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, intervalMs);
      });
    }
  })();
  return {
    async stop() {
      running = false;
      wake();
      await loop;
      return {
        peakCpuPct: Math.max(0, ...points.map((point) => point.cpuPct)),
        peakRssMb: Math.max(0, ...points.map((point) => point.rssMb)),
        points,
        cpuMs: group(processGroup).cpuMs - cpuAtStart,
      };
    },
  };
}
