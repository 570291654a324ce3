import { spawnSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { har as validateHar } from 'har-validator';
import { artilleryScript } from '../../runner/measure/export/artillery';
import { k6Script } from '../../runner/measure/export/k6';
import { interactionTemplates } from '../../runner/measure/export/templates';
import { captureToHar } from '../../runner/measure/export/har';
import { acknowledgedFromReport, compareIntegrity } from '../../runner/measure/export/integrity';
import type { CaptureFile, CapturedRequest } from '../../runner/measure/http/capture';
import { fetchBuildInfo } from '../../runner/measure/http/target';
import { UserError } from '../../runner/core/errors';

const ORIGIN = 'http://127.0.0.1:4321';

const request = (
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | null,
  expect: CapturedRequest['expect'],
): CapturedRequest => ({
  method,
  path,
  headers: {
    host: '127.0.0.1:4321',
    connection: 'keep-alive',
    'accept-encoding': 'gzip, deflate, br, zstd',
    ...headers,
  },
  body,
  expect,
  sentAt: '2026-12-02T05:00:00.000Z',
  timing: { waitMs: 4.5, receiveMs: 0.5 },
  response: {
    statusText: 'OK',
    headers: { 'content-type': expect.contentType },
    bodyBytes: body === null ? null : 120,
  },
});

/** Two captured interactions as the HTTP suite records them: an action, and a POST + router.refresh() GET. */
const FILE: CaptureFile = {
  origin: ORIGIN,
  build: { buildId: 'build-a', actionKeyFixed: true },
  scopeTag: '',
  chromiumVersion: '156.0.0.0',
  captures: [
    {
      scenario: 'revalidate',
      variant: 'action',
      scope: 'capture0000',
      requests: [
        request(
          'POST',
          '/revalidate/action?scope=capture0000',
          {
            'next-action': '60afdf94',
            'next-router-state-tree': '%5B%22%22%5D',
            origin: ORIGIN,
            referer: `${ORIGIN}/revalidate/action?scope=capture0000`,
            'content-type': 'text/plain;charset=UTF-8',
          },
          '["capture0000","capture0000-0"]',
          { status: 200, contentType: 'text/x-component', actionRevalidated: '1' },
        ),
      ],
    },
    {
      scenario: 'revalidate',
      variant: 'route-refresh',
      scope: 'capture0001',
      requests: [
        request(
          'POST',
          '/api/revalidate',
          { origin: ORIGIN, 'content-type': 'application/json' },
          '{"scope":"capture0001","text":"capture0001-0"}',
          { status: 201, contentType: 'application/json', actionRevalidated: null },
        ),
        request('GET', '/revalidate/route-refresh?scope=capture0001&_rsc=abc', { rsc: '1' }, null, {
          status: 200,
          contentType: 'text/x-component',
          actionRevalidated: null,
        }),
      ],
    },
  ],
};

describe('HAR export', () => {
  it('is valid HAR 1.2 with every request exactly as captured', async () => {
    const har = captureToHar(FILE, '0.1.0');
    await expect(validateHar(har)).resolves.toBe(har);
    expect(har.log.pages.map((page) => page.id)).toEqual(['revalidate/action', 'revalidate/route-refresh']);
    const [action, post, refresh] = har.log.entries;
    expect(action!.request.url).toBe(`${ORIGIN}/revalidate/action?scope=capture0000`);
    const headers = Object.fromEntries(action!.request.headers.map(({ name, value }) => [name, value]));
    expect(headers).toMatchObject({
      'next-action': '60afdf94',
      'next-router-state-tree': '%5B%22%22%5D',
      origin: ORIGIN,
      host: '127.0.0.1:4321',
    });
    expect(action!.request.postData).toEqual({
      mimeType: 'text/plain;charset=UTF-8',
      text: '["capture0000","capture0000-0"]',
      params: [],
    });
    expect(action!.request.bodySize).toBe(31);
    expect(action!.comment).toMatch(/^the mutation/);
    expect(post!.pageref).toBe('revalidate/route-refresh');
    expect(refresh!.request.postData).toBeUndefined();
    expect(refresh!.request.queryString).toEqual([
      { name: 'scope', value: 'capture0001' },
      { name: '_rsc', value: 'abc' },
    ]);
    expect(refresh!.response.content.size).toBe(-1);
    expect(har.log.comment).toContain('build build-a (action encryption key fixed)');
  });

  it('fails the schema when a required field is missing (the validator can fail)', async () => {
    const har = captureToHar(FILE, '0.1.0') as unknown as { log: { entries: { request: Record<string, unknown> }[] } };
    delete har.log.entries[0]!.request.method;
    await expect(validateHar(har)).rejects.toThrow();
  });
});

describe('Artillery export', () => {
  const script = artilleryScript(FILE, {
    target: 'https://fixture.example.com',
    arrivalRate: 3,
    durationSeconds: 20,
    timeoutSeconds: 10,
  }) as {
    config: { target: string; phases: object[]; processor: string };
    scenarios: {
      name: string;
      beforeScenario: string;
      flow: Record<
        string,
        { url: string; headers: Record<string, string>; body?: string; afterResponse?: string; expect: object[] }
      >[];
    }[];
  };

  it('replays each interaction whole, with a scope per virtual user and the target as origin', () => {
    expect(script.config).toMatchObject({
      target: 'https://fixture.example.com',
      phases: [{ duration: 20, arrivalRate: 3 }],
      processor: './artillery-processor.cjs',
    });
    expect(script.scenarios.map((scenario) => [scenario.name, scenario.flow.length])).toEqual([
      ['revalidate/action', 1],
      ['revalidate/route-refresh', 2],
    ]);
    const action = script.scenarios[0]!.flow[0]!.post!;
    expect(action.body).toBe('["{{ scope }}","{{ scope }}-0"]');
    expect(action.headers).toMatchObject({
      'next-action': '60afdf94',
      origin: '{{ target }}',
      referer: '{{ target }}/revalidate/action?scope=capture0000',
    });
    // The load generator sets these itself, as in the HTTP suite's replay.
    expect(Object.keys(action.headers)).not.toContain('host');
    expect(Object.keys(action.headers)).not.toContain('connection');
    expect(action.afterResponse).toBe('acknowledge_revalidate');
    expect(action.expect).toEqual([
      { statusCode: 200 },
      { contentType: 'text/x-component' },
      { headerEquals: ['x-action-revalidated', '1'] },
    ]);
    const [post, refresh] = script.scenarios[1]!.flow;
    expect(post!.post!.afterResponse).toBe('acknowledge_revalidate');
    expect(refresh!.get!).toMatchObject({
      url: '/revalidate/route-refresh?scope=capture0001&_rsc=abc',
      expect: [{ statusCode: 200 }, { contentType: 'text/x-component' }],
    });
    expect(refresh!.get!.afterResponse).toBeUndefined();
  });
});

/** `node --check`: parses an ES module without running it or resolving its imports (k6's modules do not exist here). */
function parses(source: string): { ok: boolean; error: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-k6-')), 'k6.mjs');
  fs.writeFileSync(file, source);
  const checked = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
  fs.rmSync(path.dirname(file), { recursive: true });
  return { ok: checked.status === 0, error: checked.stderr };
}

describe('k6 export', () => {
  const script = k6Script(FILE, {
    target: 'https://fixture.example.com',
    arrivalRate: 3,
    durationSeconds: 20,
    timeoutSeconds: 10,
  });

  it('is a script that parses, with the captured build, every interaction and an open-model executor', () => {
    expect(parses(script)).toEqual({ ok: true, error: '' });
    // The parse check can fail: the same script with one brace too many does not parse.
    expect(parses(`${script}\n}`).ok).toBe(false);
    expect(script).toContain(`const TARGET = __ENV.TARGET || "https://fixture.example.com";`);
    expect(script).toContain('const CAPTURED_BUILD = "build-a";');
    expect(script).toMatch(/executor: 'constant-arrival-rate',\s+rate: 3,\s+timeUnit: '1s',\s+duration: '20s'/);
    expect(script).toContain("thresholds: { checks: ['rate==1'] }");
    const flows = JSON.parse(/const FLOWS = (\[[\s\S]*?\n\]);/.exec(script)![1]!);
    expect(flows).toEqual(interactionTemplates(FILE));
    expect(flows[0].requests[0]).toMatchObject({
      body: '["{{ scope }}","{{ scope }}-0"]',
      mutating: true,
      headers: { origin: '{{ target }}' },
    });
  });
});

describe('integrity after a distributed run', () => {
  const report = (counters: Record<string, number>) => ({
    aggregate: { counters: { 'http.requests': 40, ...counters } },
  });

  it("reads the run tag and the acknowledged mutations from Artillery's report", () => {
    expect(
      acknowledgedFromReport(
        report({ 'mutation_bench.k3x.acknowledged.counter': 12, 'mutation_bench.k3x.acknowledged.revalidate': 30 }),
      ),
    ).toEqual({
      tag: 'k3x',
      acknowledged: { counter: 12, revalidate: 30 },
    });
  });

  it.each([
    [{ nope: true }, /not an Artillery JSON report/],
    [report({}), /counts no acknowledged mutation/],
    [
      report({ 'mutation_bench.aaa.acknowledged.counter': 1, 'mutation_bench.bbb.acknowledged.counter': 1 }),
      /more than one test run \(tags aaa, bbb\)/,
    ],
  ])('refuses a report it cannot read: %j', (input, message) => {
    expect(() => acknowledgedFromReport(input)).toThrow(message);
  });

  it('passes equal counts and names every kind of mismatch', () => {
    const counts = (mutations: number, duplicated = 0) => ({ scopes: mutations - duplicated, mutations, duplicated });
    expect(
      compareIntegrity({ counter: 12, revalidate: 30 }, { counter: counts(12), revalidate: counts(30) }).map(
        (row) => row.problem,
      ),
    ).toEqual([null, null]);
    expect(compareIntegrity({ counter: 12 }, { counter: counts(11), revalidate: counts(0) })).toEqual([
      {
        scenario: 'counter',
        acknowledged: 12,
        persisted: 11,
        duplicated: 0,
        problem: '1 acknowledged mutations were not persisted',
      },
    ]);
    expect(compareIntegrity({ counter: 12 }, { counter: counts(13) })[0]!.problem).toBe(
      '1 mutations persisted without an acknowledgement (timed out or failed after the write)',
    );
    expect(compareIntegrity({ counter: 12 }, { counter: counts(13, 1) })[0]!.problem).toBe(
      '1 scopes were written more than once',
    );
    // Rows of a scenario the report never acknowledged are not silently ignored.
    expect(compareIntegrity({ counter: 2 }, { counter: counts(2), revalidate: counts(3) })[1]).toMatchObject({
      scenario: 'revalidate',
      acknowledged: 0,
      persisted: 3,
    });
  });
});

describe('a --target that is not the fixture', () => {
  it('is refused with one line, whatever it answers', async () => {
    // A web server that answers every path with an HTML page, as most things at a wrong URL do.
    const server = http.createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>hello</p>'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const refused = await fetchBuildInfo(origin, 2000).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(UserError);
      expect((refused as Error).message).toBe(
        `${origin}/api/bench/build did not answer like the fixture: the target must serve the fixture (bench-app) built from this checkout`,
      );
    } finally {
      server.close();
    }
  });
});
