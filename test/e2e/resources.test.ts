import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleProcessGroup } from '../../runner/measure/system/resources';

const MIB = 2 ** 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A process group led by a Node process that, on a line from stdin, allocates and touches that many MiB and holds
 * them; it also starts a short-lived `sleep` in its group, so a member exits while it is sampled.
 */
const LEADER = `
const { spawn } = require('node:child_process');
spawn('sleep', ['0.3'], { stdio: 'ignore' });
const held = [];
process.stdin.on('data', (line) => {
  held.push(Buffer.alloc(Number(line) * ${MIB}, 1));
  process.stdout.write('held\\n');
});
process.stdout.write('ready\\n');
`;

let leader: ChildProcess | undefined;
afterEach(() => {
  if (leader?.pid) process.kill(-leader.pid, 'SIGKILL');
  leader = undefined;
});

async function startGroup(): Promise<ChildProcess> {
  leader = spawn(process.execPath, ['-e', LEADER], { detached: true, stdio: ['pipe', 'pipe', 'inherit'] });
  await once(leader.stdout!, 'data');
  return leader;
}

describe('sampleProcessGroup', () => {
  it('sees a known allocation as an RSS rise, and keeps sampling after a member of the group exits', async () => {
    const group = await startGroup();
    const sampler = sampleProcessGroup(group.pid!, 20);
    await sleep(400); // the group's `sleep` member exits meanwhile
    group.stdin!.write('96\n');
    await once(group.stdout!, 'data');
    await sleep(100);
    const series = await sampler.stop();
    const first = series.points[0]!.rssMb;
    expect(first).toBeGreaterThan(10);
    expect(series.peakRssMb - first).toBeGreaterThan(90);
    expect(series.peakRssMb - first).toBeLessThan(110);
    // Every sample after the member exited still counts the leader: none reads as an empty group.
    expect(Math.min(...series.points.map((point) => point.rssMb))).toBeGreaterThan(10);
  });
});
