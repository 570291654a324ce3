import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Any command, its output collected: resolves once it has exited and its streams have closed. */
export function spawnCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Exit> {
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A command of the project (or of another checkout of it, `cwd`) started as a user would, minus npm: one node process with tsx. */
export function start(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  cwd = ROOT,
): { child: ChildProcess; exit: Promise<Exit>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise<Exit>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, exit, output: () => stdout + stderr };
}

export const run = (script: string, args: string[], env?: Record<string, string>): Promise<Exit> =>
  start(script, args, env).exit;

export const bench = (args: string[], env?: Record<string, string>): Promise<Exit> =>
  run('commands/bench.ts', args, env);

/** Fixture servers and builds still alive (their command lines name Next's bin or the server's title). */
export function fixtureProcesses(): string[] {
  try {
    return execFileSync('pgrep', ['-af', 'next/dist/bin/next|next-server'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((line) => line && !line.includes('pgrep'));
  } catch {
    return [];
  }
}

const pids = () =>
  fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);

/**
 * Every live process whose environment carries `marker` (a variable set only on the command under test): what it
 * started inherits it, Chromium and the servers included, even once re-parented.
 */
export function processesMarked(marker: string): { pid: number; command: string }[] {
  return pids().flatMap((pid) => {
    try {
      if (
        !fs
          .readFileSync(`/proc/${pid}/environ`, 'utf8')
          .split('\0')
          .some((entry) => entry.startsWith(`${marker}=`))
      )
        return [];
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
      return state === 'Z' ? [] : [{ pid, command }];
    } catch {
      return [];
    }
  });
}

/** The local addresses (`127.0.0.1:port`, `[::]:port`) of every TCP socket these processes listen on (Linux /proc). */
export function listeningAddresses(processIds: readonly number[]): string[] {
  const inodes = new Set<string>();
  for (const pid of processIds) {
    try {
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode) inodes.add(inode);
      }
    } catch {
      // The process ended meanwhile.
    }
  }
  const addresses: string[] = [];
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1]!, fields[3]!, fields[9]!];
      if (state !== '0A' || !inodes.has(inode)) continue;
      const [hex, portHex] = local.split(':');
      const port = parseInt(portHex!, 16);
      addresses.push(v6 ? `[${hex}]:${port}` : `${hexToIpv4(hex!)}:${port}`);
    }
  }
  return addresses;
}

/** /proc/net/tcp writes IPv4 addresses as little-endian hex. */
const hexToIpv4 = (hex: string) => [6, 4, 2, 0].map((at) => parseInt(hex.slice(at, at + 2), 16)).join('.');
