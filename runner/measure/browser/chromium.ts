import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { UserError } from '../../core/errors';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** DESIGN.md's flags: no background traffic, no QUIC, no GPU; Playwright adds a fresh user-data dir per launch. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function playwrightManaged(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** CHROMIUM_PATH, then a system Chromium, then Playwright's own download; undefined when none exists. */
export function findChromium(): string | undefined {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (!fs.existsSync(override)) {
      throw new UserError(
        `CHROMIUM_PATH=${override} does not exist: point it at a Chromium binary, or unset it and run npm run setup`,
      );
    }
    return override;
  }
  return [...SYSTEM_CANDIDATES, playwrightManaged()].find((candidate) => candidate && fs.existsSync(candidate));
}

export function requireChromium(): string {
  const found = findChromium();
  if (!found) throw new UserError('no Chromium found: run npm run setup, or set CHROMIUM_PATH=/path/to/chromium');
  return found;
}

/**
 * Chromium's DeferRendererTasksAfterInput holds non-urgent renderer tasks, network responses included, until
 * the frame after a click. A response that arrives within that frame then waits for it, which quantizes
 * sub-frame transport differences and bends latency(rtt) away from roundTrips x rtt at low RTT (measured:
 * -3.5 to -10.8 ms at RTT 60 with it on, within +-2.3 ms with it off). Off unless asked for.
 */
export const DEFERRED_AFTER_INPUT = 'DeferRendererTasksAfterInput';

/**
 * The command lines of the browsers Playwright has launched from this process (its direct children, talking over
 * --remote-debugging-pipe). These are what Chromium really got, wrappers' additions included (Debian's
 * /usr/bin/chromium is a shell script adding flags of its own). Linux `ps`; elsewhere an empty list.
 */
export function launchedChromiumCommandLines(): string[] {
  try {
    return execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('--remote-debugging-pipe'));
  } catch {
    return [];
  }
}

/**
 * The runner owns Ctrl-C and SIGTERM (runner/core/cleanup.ts closes the browser, then writes what was measured):
 * Playwright's own handlers would exit the process before results.json is written.
 */
const SIGNALS_ARE_OURS = { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } as const;

const featuresSwitch = (commandLine: string | undefined) =>
  commandLine?.split(' ').find((arg) => arg.startsWith('--disable-features='));

/**
 * Playwright's own --disable-features switch, read from a short probe launch. Chromium keeps only the last
 * --disable-features switch, so ours must carry Playwright's list too, not replace it.
 */
async function playwrightDisabledFeatures(executablePath: string): Promise<string | undefined> {
  const running = new Set(launchedChromiumCommandLines());
  const probe = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, ...SIGNALS_ARE_OURS });
  try {
    return featuresSwitch(launchedChromiumCommandLines().find((line) => !running.has(line)));
  } finally {
    await probe.close();
  }
}

export async function launchChromium(executablePath: string, options: { deferAfterInput: boolean }): Promise<Browser> {
  if (options.deferAfterInput)
    return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, ...SIGNALS_ARE_OURS });
  const theirs = await playwrightDisabledFeatures(executablePath);
  const features = new Set([
    ...(theirs?.slice('--disable-features='.length).split(',').filter(Boolean) ?? []),
    DEFERRED_AFTER_INPUT,
  ]);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-features=${[...features].join(',')}`],
    ignoreDefaultArgs: theirs ? [theirs] : [],
    ...SIGNALS_ARE_OURS,
  });
}
