import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pidusage from 'pidusage';

export interface ResourcePoint {
  tMs: number;
  /** Summed over the process group: 100 = one core busy. */
  cpuPct: number;
  rssMb: number;
}

export interface ResourceSeries {
  peakCpuPct: number;
  peakRssMb: number;
  points: ResourcePoint[];
}

const run = promisify(execFile);

async function groupPids(processGroup: number): Promise<number[]> {
  const { stdout } = await run('ps', ['-o', 'pid=', '-g', String(processGroup)]).catch(() => ({ stdout: '' }));
  return stdout.split('\n').map((line) => Number(line.trim())).filter((pid) => pid > 0);
}

/** Samples CPU% and RSS of every process in a group until stopped. */
export function sampleProcessGroup(processGroup: number, intervalMs = 250): { stop(): Promise<ResourceSeries> } {
  const points: ResourcePoint[] = [];
  const startedAt = performance.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      const pids = await groupPids(processGroup);
      const stats = pids.length ? await pidusage(pids).catch(() => ({})) : {};
      const values = Object.values(stats) as { cpu: number; memory: number }[];
      points.push({
        tMs: Math.round(performance.now() - startedAt),
        cpuPct: values.reduce((sum, stat) => sum + stat.cpu, 0),
        rssMb: values.reduce((sum, stat) => sum + stat.memory, 0) / 2 ** 20,
      });
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return {
        peakCpuPct: Math.max(0, ...points.map((point) => point.cpuPct)),
        peakRssMb: Math.max(0, ...points.map((point) => point.rssMb)),
        points,
      };
    },
  };
}
