import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../runner/core/config';
import { UserError } from '../runner/core/errors';
import { SCENARIO_IDS, SCENARIO_NAMES } from '../runner/scenarios';

const at = new Date('2026-11-23T08:00:00Z');
const resolve = (...argv: string[]) => resolveConfig(argv, at, '/repo');

describe('resolveConfig', () => {
  it("uses the core profile, the claims' core scenarios, by default; standard measures every scenario, from RTT 0 and in both Chrome modes", () => {
    const standard = resolve('--profile', 'standard')!;
    expect(standard.scenarios).toEqual(resolve('--scenarios', 'all')!.scenarios);
    expect(standard).toMatchObject({ rttMs: [0, 60, 120], chromeModes: ['no-defer', 'shipped'] });
    expect(resolve('--profile', 'standard', '--scenarios', 'export')!.scenarios).toEqual(['export']);
    const config = resolve('--seed', '7')!;
    expect(config.profile).toBe('core');
    expect(config.scenarios).toEqual(['counter', 'revalidate']);
    expect(config.rttMs).toEqual([0, 60, 120]);
    expect(config).toMatchObject({
      chromeModes: ['no-defer'],
      encodings: ['gzip', 'identity'],
      connections: [10],
      repeats: 4,
      windowSeconds: 1,
      arrivals: 'constant',
    });
    // Under load, what the claims read: the counter, without the floor, the generator pinned apart.
    expect(config).toMatchObject({ loadScenarios: ['counter'], loadFloor: false, pinCores: true });
    expect(standard).toMatchObject({ loadScenarios: ['counter'], loadFloor: true, repeats: 40 });
    // Scenarios named on the command line are all loaded.
    expect(resolve('--scenarios', 'counter,revalidate', '--floor', 'on', '--pin', 'off')).toMatchObject({
      loadScenarios: ['counter', 'revalidate'],
      loadFloor: true,
      pinCores: false,
    });
    expect(config.outDir).toBe(path.resolve('/repo/reports/runs/2026-11-23T08-00-00Z-s7'));
    expect(config.rttEmulation).toBe('proxy');
  });

  it('takes flags over the profile', () => {
    const config = resolve(
      '--profile',
      'quick',
      '--scenarios',
      'revalidate',
      '--rtt',
      '60,0,60',
      '--out',
      'x',
      '--n-min',
      '8',
      '--chrome',
      'shipped',
      '--encoding',
      'identity',
      '--repeats',
      '3',
    )!;
    expect(config).toMatchObject({
      profile: 'quick',
      scenarios: ['revalidate'],
      rttMs: [0, 60],
      nMin: 8,
      nMax: 8,
      chromeModes: ['shipped'],
      encodings: ['identity'],
      repeats: 3,
    });
    expect(config.outDir).toBe(path.resolve('/repo/x'));
  });

  it("takes a deployment as the HTTP suite's target, and exports", () => {
    const config = resolve(
      '--suite',
      'http',
      '--target',
      'https://fixture.example.com/',
      '--export',
      'har,artillery,har',
    )!;
    expect(config).toMatchObject({
      suites: ['http'],
      target: 'https://fixture.example.com',
      exports: ['har', 'artillery'],
    });
    expect(resolve()!.exports).toEqual([]);
  });

  it('selects a family with every case, a single case, or all, in catalogue order', () => {
    expect(resolve('--scenarios', 'parallel,form')!.scenarios).toEqual(['form-valid', 'form-invalid', 'parallel']);
    expect(resolve('--scenarios', 'form-invalid,counter')!.scenarios).toEqual(['counter', 'form-invalid']);
    expect(resolve('--scenarios', 'all')!.scenarios).toEqual(SCENARIO_IDS);
    expect(resolve('--scenarios', 'payload')!.scenarios).toEqual([
      'payload-1kb',
      'payload-100kb',
      'payload-900kb',
      'payload-2mb',
    ]);
  });

  it('takes --bandwidth as one rate for both directions or DOWN/UP, in bits per second', () => {
    expect(resolve('--bandwidth', '10mbit')!.bandwidth).toEqual({ toClient: 10_000_000, toServer: 10_000_000 });
    expect(resolve('--bandwidth', '50mbit/512kbit')!.bandwidth).toEqual({ toClient: 50_000_000, toServer: 512_000 });
    expect(resolve()!.bandwidth).toBeUndefined();
    for (const bad of ['10', '10mbps', '0mbit', '1mbit/2mbit/3mbit'])
      expect(() => resolve('--bandwidth', bad)).toThrow(/--bandwidth takes a rate such as 10mbit/);
  });

  it('returns null for --help', () => {
    expect(resolve('--help')).toBeNull();
  });

  it.each([
    [
      ['--scenarios', 'counter,nope'],
      new RegExp(`unknown scenario "nope": choose from ${SCENARIO_NAMES.join(', ')} or all`),
    ],
    [['--rtt', '0,fast'], /--rtt takes whole numbers separated by commas/],
    [['--suite', 'browser,load'], /unknown suite "load": choose from browser, http, probes, micro/],
    [['--connections', '10,x'], /--connections takes whole numbers/],
    [['--amount', '5', '--duration', '2'], /--duration and --amount both fix when a load ends/],
    [['--encoding', 'br'], /invalid encodings\.0/],
    [['--chrome', 'canary'], /invalid chromeModes\.0/],
    [['--repeats', '1'], /invalid repeats/],
    [['--pin', 'yes'], /--pin takes on or off \(got "yes"\)/],
    [['--arrivals', 'bursty'], /invalid arrivals/],
    [['--rtt', '0,,50'], /comma-separated list/],
    [['--profile', 'huge'], /unknown --profile "huge"/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--seed', 'abc'], /--seed takes a non-negative number/],
    [['--seed=-1'], /--seed takes a non-negative number/],
    [['--n-min', '10', '--n-max', '5'], /--n-max \(5\) is below --n-min \(10\)/],
    [['--rtt-emulation', 'netem'], /invalid rttEmulation/],
    [['--port', '70000'], /invalid port/],
    [['--target', 'http://127.0.0.1:3000'], /--target measures a deployment under HTTP load only: add --suite http/],
    [['--suite', 'http', '--target', 'fixture.example.com'], /--target takes a URL like https:\/\/fixture.example.com/],
    [
      ['--suite', 'http', '--target', 'https://fixture.example.com/app'],
      /--target takes an http\(s\) origin with no path/,
    ],
    [
      ['--suite', 'http', '--target', 'http://127.0.0.1:3000', '--server-delay', '5'],
      /--server-delay sets up the local fixture, which a run with --target does not start/,
    ],
    [['--suite', 'http', '--export', 'jmeter'], /unknown --export "jmeter": choose from artillery, har, k6/],
    [['--suite', 'browser', '--export', 'har'], /--export writes what the HTTP suite captures: add http to --suite/],
  ])('rejects %j with one line naming the fix', (argv, message) => {
    let thrown: unknown;
    try {
      resolve(...argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
  });
});
