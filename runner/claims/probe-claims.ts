import type { Claim, ProbeResults } from '../results/schema';
import { allOf, combineVerdicts, SEED_000, SEED_002, type Verdict } from './verdicts';

/** C9's band: the share of a route variant's own code that moving to an action drops. */
export const C9_BAND: [number, number] = [0.3, 0.4];
/** Byte counts are exact; an action page within this share above the route's counts as no more JavaScript. */
const BYTES_PARITY = 0.02;

/** Each route variant of a scenario beside the scenario's action variant, from one probe's rows. */
function againstAction<Row extends { scenario: string; variant: string }>(
  rows: readonly Row[] | undefined,
): { scenario: string; route: Row; action: Row }[] {
  return (rows ?? []).flatMap((route) => {
    const action = rows!.find((row) => row.scenario === route.scenario && row.variant === 'action');
    return action && route.variant !== 'action' ? [{ scenario: route.scenario, route, action }] : [];
  });
}

const percent = (share: number) => `${(share * 100).toFixed(0)}%`;

/** Which way C9's refutation goes: actions cut more code than claimed, or less (a refutation reads as anti-action otherwise). */
function c9Direction(rows: readonly { reduction: number; verdict: Verdict }[]): { qualifier?: string } {
  const refuted = rows.filter((row) => row.verdict === 'refuted');
  if (!refuted.length) return {};
  const more = refuted.every((row) => row.reduction > C9_BAND[1]);
  const less = refuted.every((row) => row.reduction < C9_BAND[0]);
  return {
    qualifier: more
      ? 'actions cut more code than claimed'
      : less
        ? 'actions cut less code than claimed'
        : 'more in some scenarios, less in others',
  };
}

/**
 * C9: per scenario and route variant, the share of the route's own lines the action variant does without;
 * inside [30%, 40%] supports, outside refutes (exact counts: no interval). Mixed rows: depends.
 */
export function evaluateC9(probes: ProbeResults | undefined): Claim {
  const rows = againstAction(probes?.transportCode).map(({ scenario, route, action }) => {
    const reduction = 1 - action.lines / route.lines;
    const verdict: Verdict = reduction >= C9_BAND[0] && reduction <= C9_BAND[1] ? 'supported' : 'refuted';
    return { scenario, variant: route.variant, routeLines: route.lines, actionLines: action.lines, reduction, verdict };
  });
  return {
    id: 'C9',
    source: SEED_002,
    quote: 'You usually drop 30-40% of the boilerplate.',
    verdict: combineVerdicts(rows.map((row) => row.verdict)),
    ...(combineVerdicts(rows.map((row) => row.verdict)) === 'refuted' ? c9Direction(rows) : {}),
    summary: rows.length
      ? `Lines of each variant's own code (non-blank, non-comment; the shared service and UI excluded; files listed in the report): ${rows
          .map(
            (row) =>
              `${row.scenario} ${row.variant} ${row.routeLines} → action ${row.actionLines} (${row.reduction >= 0 ? `${percent(row.reduction)} less` : `${percent(-row.reduction)} more`})`,
          )
          .join('; ')}. The claim's band is ${percent(C9_BAND[0])}-${percent(C9_BAND[1])} less.`
      : 'Needs the probes suite (`--suite probes`).',
    evidence: rows,
  };
}

/**
 * C5: every action request a browser could be tricked into sending (a foreign Origin, `Origin: null`, a real
 * cross-site form) is refused, nothing persisted: supported; any persisted: refuted. The same form submitted
 * same-origin without JavaScript (C6's probe) must work, or the cross-site refusal proves nothing. A request with
 * no Origin comes from no browser's cross-site POST: shown, not judged. Route rows are the comparison.
 */
export function evaluateC5(probes: ProbeResults | undefined): Claim {
  const rows = probes?.csrf ?? [];
  const base = { id: 'C5', source: SEED_000, quote: 'Server Actions automatically prevent CSRF.' };
  if (!rows.length)
    return { ...base, verdict: 'not-measured', summary: 'Needs the probes suite (`--suite probes`).', evidence: [] };
  const formWorks = probes?.noJs?.persisted === true;
  const judged = (row: (typeof rows)[number]) => row.transport === 'action' && row.origin !== 'none';
  const evidence = rows.map((row) => ({
    ...row,
    outcome: row.persisted ? 'accepted' : 'rejected',
    verdict: (!judged(row)
      ? 'not-measured'
      : row.persisted
        ? 'refuted'
        : row.origin === 'cross-site form' && !formWorks
          ? 'inconclusive'
          : 'supported') as Verdict,
  }));
  const describe = (row: (typeof evidence)[number]) =>
    `${row.origin === 'cross-site form' ? 'a cross-site form' : row.origin === 'none' ? 'no Origin' : `Origin ${row.origin}`} → ${row.outcome} (${row.status ?? 'no answer'})`;
  const group = (transport: string, path: string) =>
    evidence.filter((row) => row.transport === transport && row.path === path);
  const paths = [...new Set(evidence.map((row) => `${row.transport} ${row.path}`))];
  return {
    ...base,
    // One accepted cross-site request is enough to refute "prevents CSRF".
    verdict: allOf(evidence.filter((row) => judged(row)).map((row) => row.verdict)),
    summary: `${paths
      .map((key) => {
        const [transport, path] = key.split(' ') as [string, string];
        return `${transport === 'action' ? 'Action' : 'Route Handler'} ${path}: ${group(transport, path).map(describe).join(', ')}`;
      })
      .join(
        '. ',
      )}. The same form submitted from its own origin without JavaScript ${formWorks ? 'worked' : 'did not work (so the cross-site refusal proves nothing)'}.`,
    evidence,
  };
}

/** C6: with JavaScript disabled, the form bound to an action persisted its mutation and the answered page shows it. */
export function evaluateC6(probes: ProbeResults | undefined): Claim {
  const noJs = probes?.noJs;
  const base = {
    id: 'C6',
    source: SEED_000,
    quote: 'They work even if JavaScript is disabled (when used with forms).',
  };
  if (!noJs)
    return { ...base, verdict: 'not-measured', summary: 'Needs the probes suite (`--suite probes`).', evidence: [] };
  const shown = noJs.countBefore !== null && noJs.countAfter === String(Number(noJs.countBefore) + 1);
  const verdict: Verdict = noJs.persisted && shown && noJs.status === 200 ? 'supported' : 'refuted';
  return {
    ...base,
    verdict,
    summary: `With JavaScript disabled, a form bound to an action was submitted: the POST answered ${noJs.status ?? 'nothing'}, the mutation ${noJs.persisted ? 'persisted' : 'did not persist'}, and the page it answered with showed ${noJs.countAfter ?? 'nothing'} (before: ${noJs.countBefore ?? 'nothing'}). Measured on a probe page; the nojs scenario times the same flow against a Route Handler's 303 (--scenarios nojs).`,
    evidence: [{ ...noJs, shown, verdict }],
  };
}

/**
 * C8: every action, the one no client imports included, is callable from a plain HTTP client with its id alone;
 * with --build-probes, "stable" too: the same sources built again give every action the same id (with the fixed
 * key; the build without it shows what the key does).
 */
export function evaluateC8(probes: ProbeResults | undefined): Claim {
  const rows = probes?.publicActions ?? [];
  const base = {
    id: 'C8',
    source: SEED_002,
    quote:
      'Next.js generates a stable POST endpoint for every action. Anything that mutates state should authorize as if it were an API route.',
  };
  if (!rows.length)
    return { ...base, verdict: 'not-measured', summary: 'Needs the probes suite (`--suite probes`).', evidence: [] };
  const callable = rows.map((row) => ({ ...row, verdict: (row.persisted ? 'supported' : 'refuted') as Verdict }));
  const ids = probes?.builds?.actionIds ?? [];
  const stability = ids.map((row) => ({
    ...row,
    verdict: (row.build === 'again with the key'
      ? row.sameAsMeasured === row.actions
        ? 'supported'
        : 'refuted'
      : 'not-measured') as Verdict,
  }));
  const describe = (row: (typeof rows)[number]) =>
    `${row.action} (${row.importedByClient ? 'imported by a client' : 'imported by no client'}): ${!row.inBuild ? 'not in the build' : `answered ${row.status}, ${row.persisted ? 'mutation persisted' : 'nothing persisted'}`}`;
  const stable = ids.length
    ? `Rebuilt from the same sources: ${ids.map((row) => `${row.build}, ${row.sameAsMeasured} of ${row.actions} ids unchanged`).join('; ')}.`
    : 'Whether ids stay the same across builds was not measured (run with --build-probes).';
  return {
    ...base,
    // "Every action", "stable": one that cannot be called, or an id that changed with the key fixed, refutes it.
    verdict: allOf(
      [...callable, ...stability.filter((row) => row.verdict !== 'not-measured')].map((row) => row.verdict),
    ),
    summary: `Called from a plain HTTP client with only the action id from the build's manifest: ${rows.map(describe).join('; ')}. ${stable}`,
    evidence: [...callable, ...stability],
  };
}

/** A Cache-Control value that lets no shared or browser cache reuse the response (absent counts: nothing to reuse by). */
export function uncacheable(cacheControl: string | null): boolean {
  if (cacheControl === null) return true;
  const directives = cacheControl
    .toLowerCase()
    .split(',')
    .map((directive) => directive.trim());
  if (directives.some((directive) => directive === 'no-store' || directive === 'no-cache' || directive === 'private'))
    return true;
  return !directives.some((directive) => /^(s-maxage|max-age)=[1-9]/.test(directive));
}

/**
 * C7: the action's response is a POST marked uncacheable; a default GET Route Handler serves the mutation on the
 * next read and is not marked cacheable. The opt-in route is the control: it must read stale, or freshness proved
 * nothing and the GET row is inconclusive.
 */
export function evaluateC7(probes: ProbeResults | undefined): Claim {
  const caching = probes?.caching;
  const base = {
    id: 'C7',
    source: SEED_000,
    quote: 'Never cached (Always POST) ... API routes are dynamic by default unless you explicitly opt-in to caching',
  };
  if (!caching)
    return { ...base, verdict: 'not-measured', summary: 'Needs the probes suite (`--suite probes`).', evidence: [] };
  const byRoute = (route: 'default' | 'opt-in') => caching.routes.find((row) => row.route === route);
  const [plain, optIn] = [byRoute('default'), byRoute('opt-in')];
  const actionVerdict: Verdict =
    caching.action.status === 200 && uncacheable(caching.action.cacheControl) ? 'supported' : 'refuted';
  const controlWorks = optIn !== undefined && !optIn.freshAfterMutation;
  const routeVerdict: Verdict =
    !plain || !controlWorks
      ? 'inconclusive'
      : plain.freshAfterMutation && uncacheable(plain.cacheControl)
        ? 'supported'
        : 'refuted';
  const header = (value: string | null) => (value === null ? 'no Cache-Control' : `Cache-Control "${value}"`);
  const rows = [
    {
      measure: 'action response',
      method: 'POST',
      status: caching.action.status,
      cacheControl: caching.action.cacheControl,
      verdict: actionVerdict,
    },
    ...(plain ? [{ measure: 'GET Route Handler, default', ...plain, verdict: routeVerdict }] : []),
    ...(optIn
      ? [{ measure: 'GET Route Handler opting into caching (control)', ...optIn, verdict: 'not-measured' as Verdict }]
      : []),
  ];
  return {
    ...base,
    verdict: combineVerdicts([actionVerdict, routeVerdict]),
    summary: `The action answered a POST with ${header(caching.action.cacheControl)}. ${
      plain
        ? `A default GET Route Handler read right after a mutation ${plain.freshAfterMutation ? 'showed it' : 'did not show it (stale)'}, with ${header(plain.cacheControl)}. `
        : ''
    }${optIn ? `The control route that opts into caching read ${optIn.freshAfterMutation ? 'fresh (so freshness above proves nothing)' : 'stale'}, with ${header(optIn.cacheControl)}.` : ''}`,
    evidence: rows,
  };
}

/**
 * C12: the proxy marked the action's POST and the route's POST alike (supported); it missed the action (refuted).
 * The unmatched page is the control: a mark there means the probe reads something other than the proxy's run.
 */
export function evaluateC12(probes: ProbeResults | undefined): Claim {
  const rows = probes?.middleware ?? [];
  const base = {
    id: 'C12',
    source: SEED_000,
    quote: 'Next.js 15+ handles Server Action requests through middleware just like any other request.',
  };
  if (!rows.length)
    return { ...base, verdict: 'not-measured', summary: 'Needs the probes suite (`--suite probes`).', evidence: [] };
  const seen = (request: string) => rows.find((row) => row.request === request)?.proxySaw ?? null;
  const controlClean = seen('unmatched page') === null;
  const verdict: Verdict =
    !controlClean || seen('route') === null ? 'inconclusive' : seen('action') !== null ? 'supported' : 'refuted';
  const describe = (row: (typeof rows)[number]) =>
    `${row.method} ${row.path} (${row.request}, ${row.status}): ${row.proxySaw === null ? 'not seen' : `"${row.proxySaw}"`}`;
  return {
    ...base,
    verdict,
    summary: `What the fixture's Next proxy (bench-app/proxy.ts) marked on each response: ${rows.map(describe).join('; ')}.`,
    evidence: rows.map((row) => ({ ...row })),
  };
}

/** C13: the secret the server demonstrably used is in no client file and no byte the browser loaded. */
export function evaluateC13(probes: ProbeResults | undefined): Claim {
  const secrets = probes?.secrets;
  const base = { id: 'C13', source: SEED_002, quote: 'The secret never reaches the bundle.' };
  if (!secrets)
    return { ...base, verdict: 'not-measured', summary: 'Needs the probes suite (`--suite probes`).', evidence: [] };
  const used = secrets.actionUsedSecret && secrets.routeUsedSecret;
  const leaked = [...secrets.clientFiles.containing, ...secrets.browser.containing];
  // Absence proves something only if the server used the secret and the scan saw the action's own response.
  const verdict: Verdict = leaked.length ? 'refuted' : used && secrets.signatureSeen ? 'supported' : 'inconclusive';
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  return {
    ...base,
    verdict,
    summary: `A server-only secret used by an action and a Route Handler (${used ? 'both signatures made with it' : 'the server did not use it, so its absence proves nothing'}): found in ${secrets.clientFiles.containing.length} of ${secrets.clientFiles.scanned} client build files (${mb(secrets.clientFiles.bytes)}) and in ${secrets.browser.containing.length} of ${secrets.browser.responses} responses the browser loaded (${mb(secrets.browser.bytes)}).${
      probes?.builds
        ? ` Imported into a client component by mistake, the build ${probes.builds.serverOnlyMisuse.buildFailed ? `failed: "${probes.builds.serverOnlyMisuse.message}"` : 'succeeded (the server-only guard did not stop it)'}.`
        : ' The server-only guard against a wrong import was not exercised (run with --build-probes).'
    }`,
    evidence: [
      ...(probes?.builds
        ? [
            {
              where: 'a build with a client component importing the server-only module',
              buildFailed: probes.builds.serverOnlyMisuse.buildFailed,
              message: probes.builds.serverOnlyMisuse.message,
            },
          ]
        : []),
      {
        where: 'client build output (.next/static)',
        files: secrets.clientFiles.scanned,
        bytes: secrets.clientFiles.bytes,
        containing: secrets.clientFiles.containing,
      },
      {
        where: 'browser: every response of the probe page and its action call',
        responses: secrets.browser.responses,
        bytes: secrets.browser.bytes,
        containing: secrets.browser.containing,
      },
      {
        where: 'server used the secret',
        action: secrets.actionUsedSecret,
        route: secrets.routeUsedSecret,
        actionResponseScanned: secrets.signatureSeen,
      },
    ],
  };
}

/** C10: per scenario and route variant, the action page loads no more JavaScript (gzip bytes) than the route page. */
export function evaluateC10(probes: ProbeResults | undefined): Claim {
  const rows = againstAction(probes?.clientJs).map(({ scenario, route, action }) => {
    const differenceBytes = action.gzipBytes - route.gzipBytes;
    const verdict: Verdict = action.gzipBytes <= route.gzipBytes * (1 + BYTES_PARITY) ? 'supported' : 'refuted';
    return {
      scenario,
      variant: route.variant,
      routeGzipBytes: route.gzipBytes,
      actionGzipBytes: action.gzipBytes,
      routeRawBytes: route.rawBytes,
      actionRawBytes: action.rawBytes,
      differenceBytes,
      verdict,
    };
  });
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return {
    id: 'C10',
    source: SEED_000,
    quote: 'The primary goal is to reduce the amount of JavaScript sent to the client',
    verdict: combineVerdicts(rows.map((row) => row.verdict)),
    summary: rows.length
      ? `JavaScript each page loads (gzip, every script of a fresh page load): ${rows
          .map(
            (row) =>
              `${row.scenario}: action ${kb(row.actionGzipBytes)} vs ${row.variant} ${kb(row.routeGzipBytes)} (${row.differenceBytes >= 0 ? '+' : '−'}${kb(Math.abs(row.differenceBytes))})`,
          )
          .join('; ')}. Within ${percent(BYTES_PARITY)} counts as no more.`
      : 'Needs the probes suite (`--suite probes`).',
    evidence: rows,
  };
}
