import { describe, expect, it } from 'vitest';
import type { Claim } from '../runner/contract/results';
import { c05 } from '../runner/analyse/claims/c05-csrf';
import type { CsrfOrigin, ProbeResults } from '../runner/contract/results';
import { claim, evaluated, probes, read } from './claims-support';

const csrfRow = (
  transport: string,
  path: string,
  origin: string,
  status: number | null,
  persisted: boolean,
  verdict: Claim['verdict'],
) => ({
  transport,
  path,
  origin,
  status,
  persisted,
  outcome: persisted ? 'accepted' : 'rejected',
  verdict,
});
const csrfRoutes = [
  ...['foreign', 'null', 'none', 'cross-site form'].map((origin) =>
    csrfRow('route', '/api/probe/csrf', origin, 200, true, 'not-measured'),
  ),
  ...['foreign', 'null', 'none', 'cross-site form'].map((origin) =>
    csrfRow(
      'route',
      '/api/probe/csrf-protected',
      origin,
      origin === 'none' ? 200 : 403,
      origin === 'none',
      'not-measured',
    ),
  ),
];

describe('C5: CSRF', () => {
  it('says what the action refused, with statuses, beside what the Route Handlers persisted', () => {
    const action = [
      csrfRow('action', '/probe/csrf', 'foreign', 403, false, 'supported'),
      csrfRow('action', '/probe/csrf', 'null', 403, false, 'supported'),
      csrfRow('action', '/probe/csrf', 'none', 200, true, 'not-measured'),
      csrfRow('action', '/probe/csrf', 'cross-site form', 403, false, 'supported'),
    ];
    expect(read(claim('C5', 'supported', [...action, ...csrfRoutes]))).toBe(
      'The action rejected a request with a foreign Origin, a request with Origin: null and a real cross-site form with nothing persisted (status 403). ' +
        'From a client that is no browser (not judged), the action accepted a request with no Origin. ' +
        'For comparison, Route Handlers persisted 4 of 4 of the same requests at /api/probe/csrf and 1 of 4 of the same requests at /api/probe/csrf-protected.',
    );
  });

  it('names what the action accepted, and a refusal that proves nothing', () => {
    expect(read(claim('C5', 'refuted', [csrfRow('action', '/probe/csrf', 'foreign', 200, true, 'refuted')]))).toBe(
      'The action accepted and persisted a request with a foreign Origin (status 200).',
    );
    const unproven = read(
      claim('C5', 'inconclusive', [
        csrfRow('action', '/probe/csrf', 'foreign', 403, false, 'supported'),
        csrfRow('action', '/probe/csrf', 'cross-site form', 403, false, 'inconclusive'),
      ]),
    );
    expect(unproven.startsWith('Inconclusive: the action rejected')).toBe(true);
    expect(unproven).toContain('The same form from its own origin did not work either, so refusing it proves nothing.');
  });
});

describe('C5: the rule', () => {
  const ORIGINS = ['foreign', 'null', 'none', 'cross-site form'] as const;
  /** Every origin sent to the action (persisted where `accepts` says) and to an unprotected Route Handler. */
  const requests = (accepts: (origin: string) => boolean): NonNullable<ProbeResults['csrf']> =>
    ORIGINS.flatMap((origin) => [
      {
        transport: 'action',
        path: '/probe/csrf',
        origin,
        status: accepts(origin) ? 200 : 403,
        persisted: accepts(origin),
      },
      { transport: 'route', path: '/api/probe/csrf', origin, status: 200, persisted: true },
    ]);
  const noJs = (persisted: boolean) => ({
    status: 200,
    countBefore: '4',
    countAfter: persisted ? '5' : '4',
    persisted,
  });

  it('is supported when every cross-site action request is refused and the same form works from its own origin', () => {
    const result = evaluated(c05, {
      probes: probes({ csrf: requests((origin) => origin === 'none'), noJs: noJs(true) }),
    });
    expect(result.verdict).toBe('supported');
    // A request with no Origin is no browser's cross-site POST: shown, not judged.
    expect(result.evidence.find((row) => row.transport === 'action' && row.origin === 'none')).toMatchObject({
      outcome: 'accepted',
      verdict: 'not-measured',
    });
  });

  it('is refuted by one accepted cross-site request', () => {
    const accepts = (origin: string) => origin === 'none' || origin === 'null';
    const result = evaluated(c05, { probes: probes({ csrf: requests(accepts), noJs: noJs(true) }) });
    expect(result.verdict).toBe('refuted');
    expect(read(result)).toBe(
      'The action accepted and persisted a request with Origin: null (status 200). From a client that is no browser (not judged), the action accepted a request with no Origin. ' +
        'For comparison, Route Handlers persisted 4 of 4 of the same requests at /api/probe/csrf.',
    );
  });

  it('is inconclusive when the same form does not work without JavaScript either: the refusal proves nothing', () => {
    const result = evaluated(c05, {
      probes: probes({ csrf: requests((origin) => origin === 'none'), noJs: noJs(false) }),
    });
    expect(result.verdict).toBe('inconclusive');
    expect(result.evidence.find((row) => row.origin === 'cross-site form')).toMatchObject({ verdict: 'inconclusive' });
    expect(read(result)).toContain('did not work either, so refusing it proves nothing');
  });

  it('is not measured without the probes suite, and says what would measure it', () => {
    expect(evaluated(c05, {})).toMatchObject({
      verdict: 'not-measured',
      summary: 'Needs the probes suite (`--suite probes`).',
      evidence: [],
    });
  });
});

describe('C5: the shapes only a client that is no browser sends', () => {
  const OTHER_CLIENTS = ['none', 'malformed', 'scheme-less', 'spoofed host', 'forwarded host'] as const;
  const row = (origin: CsrfOrigin, persisted: boolean, status: number | null = persisted ? 200 : 500) => ({
    transport: 'action' as const,
    path: '/counter/action',
    origin,
    status,
    persisted,
  });
  const browserRefused = [
    row('foreign', false),
    row('null', false),
    { ...row('cross-site form', false), path: '/probe/csrf' },
  ];
  const noJs = (persisted: boolean) => ({
    status: 200,
    countBefore: '0',
    countAfter: persisted ? '1' : '0',
    persisted,
  });
  // What Next 16.5 does (action-handler.ts): a malformed Origin throws before the check, a scheme-less one has an
  // empty host and passes as none, a Host or x-forwarded-host equal to the Origin's host passes the comparison.
  const nextToday = [
    row('none', true),
    row('malformed', false),
    row('scheme-less', true),
    row('spoofed host', true),
    row('forwarded host', true),
  ];

  it('an accepted spoofed Host does not refute the claim, and is shown in the evidence, the summary and the headline', () => {
    const result = evaluated(c05, { probes: probes({ csrf: [...browserRefused, ...nextToday], noJs: noJs(true) }) });
    expect(result.verdict).toBe('supported');
    expect(result.evidence.filter((r) => r.verdict === 'not-measured').map((r) => `${r.origin}: ${r.outcome}`)).toEqual(
      [
        'none: accepted',
        'malformed: rejected',
        'scheme-less: accepted',
        'spoofed host: accepted',
        'forwarded host: accepted',
      ],
    );
    expect(result.summary).toBe(
      'Action /counter/action: Origin foreign → rejected (500), Origin null → rejected (500), no Origin → accepted (200), ' +
        'a malformed Origin → rejected (500), a scheme-less Origin → accepted (200), a foreign Origin with a matching Host → accepted (200), ' +
        'a foreign Origin with a matching x-forwarded-host → accepted (200). Action /probe/csrf: a cross-site form → rejected (500). ' +
        'The same form submitted from its own origin without JavaScript worked.',
    );
    expect(read(result)).toBe(
      'The action rejected a request with a foreign Origin, a request with Origin: null and a real cross-site form with nothing persisted (status 500). ' +
        'From a client that is no browser (not judged), the action accepted a request with no Origin, a request with a scheme-less Origin (host:port), ' +
        'a request with a foreign Origin and a Host header naming the same host and a request with a foreign Origin and x-forwarded-host naming the same host.',
    );
  });

  it('names no client shape the action refused', () => {
    const refused = OTHER_CLIENTS.map((origin) => row(origin, false, 403));
    const result = evaluated(c05, { probes: probes({ csrf: [...browserRefused, ...refused], noJs: noJs(true) }) });
    expect(result.verdict).toBe('supported');
    expect(read(result)).not.toContain('not judged');
  });

  it('is not measured when the action got only those shapes, whatever they did', () => {
    const result = evaluated(c05, { probes: probes({ csrf: nextToday, noJs: noJs(true) }) });
    expect(result.verdict).toBe('not-measured');
    expect(result.evidence.every((r) => r.verdict === 'not-measured')).toBe(true);
    // No row a browser could send to say anything about: the summary speaks.
    expect(
      read(result).startsWith('Not measured in this run: action /counter/action: no Origin → accepted (200)'),
    ).toBe(true);
  });

  it('stays inconclusive when the same form does not work same-origin, accepted client shapes or not', () => {
    const result = evaluated(c05, { probes: probes({ csrf: [...browserRefused, ...nextToday], noJs: noJs(false) }) });
    expect(result.verdict).toBe('inconclusive');
    expect(result.evidence.find((r) => r.origin === 'cross-site form')).toMatchObject({ verdict: 'inconclusive' });
    expect(result.evidence.find((r) => r.origin === 'spoofed host')).toMatchObject({ verdict: 'not-measured' });
  });

  it('is refuted by a browser shape, not by the client shapes beside it', () => {
    const result = evaluated(c05, {
      probes: probes({ csrf: [row('foreign', true), row('null', false), ...nextToday], noJs: noJs(true) }),
    });
    expect(result.verdict).toBe('refuted');
    expect(result.evidence.filter((r) => r.verdict === 'refuted').map((r) => r.origin)).toEqual(['foreign']);
  });

  it('judges no shape it does not know a browser sends', () => {
    const result = evaluated(c05, {
      probes: probes({
        csrf: [...browserRefused, row('trailing slash' as CsrfOrigin, true)],
        noJs: noJs(true),
      }),
    });
    expect(result.verdict).toBe('supported');
    expect(result.summary).toContain('Origin trailing slash → accepted (200)');
  });
});
