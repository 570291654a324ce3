import type { ChromeMode } from '../plan';
import type { BrowserResults, Cell, Claim, Comparison, HttpRatio, HttpResults, ProbeResults } from '../results/schema';
import {
  evaluateC10,
  evaluateC12,
  evaluateC13,
  evaluateC5,
  evaluateC6,
  evaluateC7,
  evaluateC8,
  evaluateC9,
} from './probe-claims';
import {
  atConfidence,
  chiSquareUpperTail,
  fitLine,
  simultaneousBand,
  tCritical,
  tUpperTail,
  type LineFit,
} from '../stats/interval';
import { browserGate, httpGate, onlyPrecisionGates, QUICK_REASON, type RunConditions } from './gating';
import { evaluateC11, evaluateC14, evaluateC15 } from './scenario-claims';
import { SEED_002, SEED_003, allOf, combineVerdicts, fmtCi, fmtMs, gatedNote, type Verdict } from './verdicts';

export { combineVerdicts } from './verdicts';

export interface ClaimInput {
  run: RunConditions;
  browser?: BrowserResults;
  http?: HttpResults;
  probes?: ProbeResults;
}

export const C1_BOUNDS_MS: [number, number] = [50, 100];
/** The "invalidation dance" C1's quote names: TanStack Query's invalidate-and-refetch, and Next's own refetch. */
export const C1_VARIANTS = ['route-query', 'route-refresh'];
/**
 * The RTTs C1 is judged over, fixed before looking: where real users are. The middle half of websites' typical
 * round-trip time in the Chrome UX Report (each origin's p75 RTT, all devices; Treo's analysis of CrUX for the top
 * 50,000 origins, December 2024: p25 102 ms, median 139 ms, p75 196 ms).
 */
export const C1_POPULATION = {
  rttMs: [102, 196] as [number, number],
  words: "the middle half of websites' typical RTT in the Chrome UX Report",
  source: 'CrUX p75 round-trip time per origin, top 50,000 origins, all devices, December 2024, at treo.sh/rtt',
};
/** C2: a variant's critical-path request count must be the expected one in at least this share of its samples. */
export const C2_COUNT_SHARE = 0.95;
/** C3: "no difference" is the route within ±2 ms of the action at every RTT (TOST, 90% CIs). */
export const C3_EQUIVALENCE_MS = 2;
/** C4b's band: action throughput within this fraction of the route's counts as "not as different". */
export const C4_BAND = 0.15;

const modeLabel = (chrome: ChromeMode) => (chrome === 'shipped' ? 'shipped Chrome' : 'Chrome with input deferral off');
const comparisonsOf = (browser: BrowserResults | undefined, scenario: string, a: string, chrome?: ChromeMode) =>
  (browser?.comparisons ?? [])
    .filter((c) => c.scenario === scenario && c.a === a && (chrome === undefined || c.chrome === chrome))
    .sort((x, y) => x.rttMs - y.rttMs);

/** A line through comparisons against RTT; each point's standard error is recovered from its reported t interval. */
function fitOf(rows: readonly Comparison[]): LineFit | null {
  if (new Set(rows.map((row) => row.rttMs)).size < 2) return null;
  return fitLine(
    rows.map((row) => ({
      x: row.rttMs,
      y: row.diffMedianMs,
      standardError: (row.ci95[1] - row.ci95[0]) / 2 / tCritical(row.df),
    })),
    Math.min(...rows.map((row) => row.df)),
  );
}

/** Where a band lies against [low, high] at one RTT. */
type Place = 'inside' | 'below' | 'above' | 'unclear';
const placeOf = ([lo, hi]: readonly [number, number], [low, high]: readonly [number, number]): Place =>
  lo >= low && hi <= high ? 'inside' : hi < low ? 'below' : lo > high ? 'above' : 'unclear';

/** Contiguous runs of 1 ms RTT steps sharing a place, from `from` to `to`. */
export function placesAlong(
  band: (rttMs: number) => readonly [number, number],
  bounds: readonly [number, number],
  [from, to]: readonly [number, number],
) {
  const runs: { place: Place; fromMs: number; toMs: number }[] = [];
  for (let rtt = from; rtt <= to; rtt++) {
    const place = placeOf(band(rtt), bounds);
    const last = runs.at(-1);
    if (last && last.place === place) last.toMs = rtt;
    else runs.push({ place, fromMs: rtt, toMs: rtt });
  }
  return runs;
}

/**
 * When every gate that held rows back was a precision gate (an A/A or a known answer not shown within its
 * tolerance), the words DESIGN asks for: the instrument was too noisy at this run's size, not the claim undecidable.
 */
const noisyNote = (reasons: readonly string[]) =>
  onlyPrecisionGates(reasons) ? " (the instrument was too noisy at this run's size: more page loads narrow it)" : '';

/** A verdict with its words: which way a refutation goes, where a dependence splits, why a verdict is missing. */
export interface Judged {
  verdict: Verdict;
  qualifier?: string;
}

const span = (runs: readonly { fromMs: number; toMs: number }[]) =>
  runs.map((run) => (run.fromMs === run.toMs ? `${run.fromMs}` : `${run.fromMs}-${run.toMs}`)).join(', ');

/** One fit's verdict over the judged RTTs (DESIGN): inside everywhere, outside somewhere and inside nowhere, both, or neither. */
export function judgeAlong(runs: ReturnType<typeof placesAlong>): Judged {
  const of = (place: Place) => runs.filter((run) => run.place === place);
  const [inside, below, above] = [of('inside'), of('below'), of('above')];
  if (inside.length && !below.length && !above.length && !of('unclear').length) return { verdict: 'supported' };
  if (inside.length && (below.length || above.length)) {
    return {
      verdict: 'depends',
      qualifier: `on RTT: inside 50-100 ms for RTT ${span(inside)} ms, ${above.length ? `more for ${span(above)} ms` : ''}${above.length && below.length ? ', ' : ''}${below.length ? `less for ${span(below)} ms` : ''}`,
    };
  }
  if (above.length && !below.length && !inside.length) return { verdict: 'refuted', qualifier: 'larger than claimed' };
  if (below.length && !above.length && !inside.length) return { verdict: 'refuted', qualifier: 'smaller than claimed' };
  return {
    verdict: 'inconclusive',
    qualifier: inside.length
      ? `inside only for RTT ${span(inside)} ms; the band reaches past a bound elsewhere`
      : 'the band reaches across a bound of 50-100 ms',
  };
}

/** Per-condition verdicts into one: unanimous keeps its words; definite ones that differ depend on `condition`. */
function combineJudged(judged: readonly (Judged & { condition: string })[], condition: string): Judged {
  if (!judged.length) return { verdict: 'not-measured' };
  const unresolved = judged.filter((j) => j.verdict === 'inconclusive');
  if (unresolved.length)
    return {
      verdict: 'inconclusive',
      qualifier: unresolved.map((j) => `${j.condition}: ${j.qualifier ?? 'undecided'}`).join('; '),
    };
  const keys = new Set(judged.map((j) => `${j.verdict} ${j.qualifier ?? ''}`));
  if (keys.size === 1)
    return { verdict: judged[0]!.verdict, ...(judged[0]!.qualifier ? { qualifier: judged[0]!.qualifier } : {}) };
  // Every condition depends on RTT, each with its own split: one dependence, said per condition.
  if (judged.every((j) => j.verdict === 'depends'))
    return { verdict: 'depends', qualifier: judged.map((j) => `${j.qualifier} (${j.condition})`).join('; ') };
  return {
    verdict: 'depends',
    qualifier: `on ${condition}: ${judged.map((j) => `${j.verdict}${j.qualifier ? ` (${j.qualifier})` : ''} for ${j.condition}`).join('; ')}`,
  };
}

/** One C1 condition (refetch pattern, Chrome mode): its verdict, and the fit it rests on when there is one. */
type C1FitRow = Judged & {
  [key: string]: unknown;
  variant: string;
  chrome: ChromeMode;
  condition: string;
  interceptMs?: number;
  interceptCi95?: [number, number];
  slope?: number;
  slopeCi95?: [number, number];
  points?: number;
  measuredRttMs?: [number, number];
  lackOfFit?: string;
  judgedRttMs?: [number, number];
  measuredPlaces?: string;
  bandAtJudgedEdges?: [number, number][];
};

/**
 * C1, on the quote's population: per invalidation-dance variant and Chrome mode, route minus action is fitted against
 * RTT on the rows that pass every gate (a + b x RTT, weighted; a lack-of-fit chi-square inflates the band when the
 * line does not fit), and judged with the simultaneous (Working-Hotelling) band over the RTTs users have
 * (C1_POPULATION) that the run measured: never past the measured RTTs, and never by which RTTs were sampled. RTT 0
 * rows are context. route-json (one request, no invalidation) is shown beside them and does not enter the verdict.
 */
export function evaluateC1(input: ClaimInput): Claim {
  const browser = input.browser;
  const rows = [...C1_VARIANTS, 'route-json'].flatMap((variant) =>
    comparisonsOf(browser, 'revalidate', variant).map((c) => {
      const gate = browserGate(browser!, input.run, c);
      return {
        variant,
        chrome: c.chrome,
        rttMs: c.rttMs,
        diffMs: c.diffMedianMs,
        ci95: c.ci95,
        loads: c.loads,
        role: C1_VARIANTS.includes(variant)
          ? 'point of the fit'
          : 'context: a one-request route, not an invalidation dance',
        ...(gate ? { reason: gate } : {}),
      };
    }),
  );
  const [popLow, popHigh] = C1_POPULATION.rttMs;
  const fits = C1_VARIANTS.flatMap((variant) =>
    (browser?.chromeModes ?? []).flatMap((chrome): C1FitRow[] => {
      const gated = comparisonsOf(browser, 'revalidate', variant, chrome).map((c) => ({
        c,
        gate: browserGate(browser!, input.run, c),
      }));
      const usable = gated.flatMap(({ c, gate }) => (gate === null ? [c] : []));
      const condition = `${variant} in ${modeLabel(chrome)}`;
      const fit = fitOf(usable);
      if (!fit) {
        const reasons = gated.flatMap(({ gate }) => gate ?? []);
        return [
          {
            variant,
            chrome,
            condition,
            verdict: 'inconclusive' as Verdict,
            qualifier: `${usable.length ? 'one RTT' : 'no RTT'} passed every gate; a fit needs two${noisyNote(reasons)}`,
          },
        ];
      }
      const rtts = usable.map((c) => c.rttMs);
      const measured: [number, number] = [Math.min(...rtts), Math.max(...rtts)];
      const pointCount = new Set(rtts).size;
      const lackOfFitDf = usable.length - 2;
      const lackOfFitP = lackOfFitDf > 0 ? chiSquareUpperTail(fit.chiSquare, lackOfFitDf) : null;
      // Birge ratio: a line that does not fit its points within their errors gets a band widened to match.
      const scale = lackOfFitDf > 0 ? Math.max(1, Math.sqrt(fit.chiSquare / lackOfFitDf)) : 1;
      const judged: [number, number] = [Math.max(popLow, measured[0]), Math.min(popHigh, measured[1])];
      const base = {
        variant,
        chrome,
        condition,
        interceptMs: fit.intercept.estimate,
        interceptCi95: fit.intercept.ci95,
        slope: fit.slope.estimate,
        slopeCi95: fit.slope.ci95,
        points: usable.length,
        measuredRttMs: measured,
        lackOfFit:
          lackOfFitP === null
            ? `not testable with ${pointCount} RTTs`
            : `chi-square ${fit.chiSquare.toFixed(2)} on ${lackOfFitDf} df, p ${lackOfFitP.toFixed(3)}${scale > 1 ? `; band widened ${scale.toFixed(2)}x` : ''}`,
        judgedRttMs: judged,
      };
      const band = (rtt: number) => simultaneousBand(fit, rtt, scale);
      const measuredPlaces = placesAlong(band, C1_BOUNDS_MS, measured)
        .map((r) => `${r.place} ${r.fromMs}-${r.toMs}`)
        .join(', ');
      if (judged[0] > judged[1])
        return [
          {
            ...base,
            measuredPlaces,
            verdict: 'inconclusive' as Verdict,
            qualifier: `the RTTs that passed the gates (${measured[0]}-${measured[1]} ms) do not reach ${popLow}-${popHigh} ms`,
          },
        ];
      return [
        {
          ...base,
          measuredPlaces,
          bandAtJudgedEdges: [band(judged[0]), band(judged[1])],
          ...judgeAlong(placesAlong(band, C1_BOUNDS_MS, judged)),
        },
      ];
    }),
  );
  const judged = combineJudged(fits, 'the refetch pattern and Chrome mode');
  const describe = (fit: C1FitRow) =>
    fit.interceptMs !== undefined
      ? `${fit.condition}: ${fit.interceptMs.toFixed(1)} ms + ${fit.slope!.toFixed(2)} × RTT (slope ${fmtCi(fit.slopeCi95!, 2)}; ${fit.points} ungated points, RTT ${fit.measuredRttMs![0]}-${fit.measuredRttMs![1]} ms; lack of fit ${fit.lackOfFit}); along the measured RTTs the simultaneous band is ${fit.measuredPlaces}; ${fit.judgedRttMs![0] <= fit.judgedRttMs![1] ? `over RTT ${fit.judgedRttMs![0]}-${fit.judgedRttMs![1]} ms: ` : ''}${fit.verdict}${fit.qualifier ? `, ${fit.qualifier}` : ''}`
      : `${fit.condition}: ${fit.qualifier}`;
  return {
    id: 'C1',
    source: SEED_002,
    quote:
      'expect Server Actions to feel about 50-100ms faster than the equivalent fetch + setState + invalidateQuery dance',
    verdict: rows.length ? judged.verdict : 'not-measured',
    ...(rows.length && judged.qualifier ? { qualifier: judged.qualifier } : {}),
    summary: rows.length
      ? `Judged over RTT ${popLow}-${popHigh} ms (${C1_POPULATION.words}; ${C1_POPULATION.source}) where this run measured it, by the 95% simultaneous band of route minus action (positive: the action is faster) fitted against RTT on the rows that passed every gate; "feel" is the DOM update in headless Chromium. ${fits.map(describe).join('. ')}.${gatedNote(rows)}`
      : 'The revalidate scenario was not run in the browser.',
    evidence: [...rows, ...fits],
  };
}

/**
 * The critical-path request count most of a cell's samples made and their share; null for a run that predates
 * per-sample counts (C2's rule, and the bottom line's round trips).
 */
export function modalRoundTrips(cell: Cell): { count: number; share: number } | null {
  const counts = Object.entries(cell.roundTripCounts ?? {});
  if (!counts.length) return null;
  const [count, n] = counts.reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  return { count: Number(count), share: n / cell.n };
}

/** The share of a cell's samples with `count` critical-path requests, or null for a run that predates per-sample counts. */
const countShare = (cell: Cell | undefined, count: number) =>
  cell?.roundTripCounts ? (cell.roundTripCounts[count] ?? 0) / cell.n : null;

/**
 * C2 on exact counts: at every RTT, the action's critical path is one request in >= 95% of its samples and
 * route + router.refresh()'s two. The slope of the time difference against RTT is the emulator's known answer again
 * (the proxy adds one RTT per sequential request): accuracy evidence, shown, not a verdict row.
 */
export function evaluateC2(input: ClaimInput): Claim {
  const browser = input.browser;
  const cells = (browser?.cells ?? []).filter((c) => c.scenario === 'revalidate' && c.chrome === 'no-defer');
  const cell = (variant: string, rttMs: number) => cells.find((c) => c.variant === variant && c.rttMs === rttMs);
  const quick = input.run.profile === 'quick';
  type CountRow = {
    measure: string;
    rttMs: number;
    action: number;
    routeRefresh: number;
    n: [number, number];
    actionShareOne: number | null;
    routeRefreshShareTwo: number | null;
    verdict: Verdict;
    reason?: string;
  };
  const countRows = cells
    .filter((c) => c.variant === 'action')
    .flatMap((action): CountRow[] => {
      const refresh = cell('route-refresh', action.rttMs);
      if (!refresh) return [];
      const [actionShare, refreshShare] = [countShare(action, 1), countShare(refresh, 2)];
      const common = {
        measure: 'critical-path requests per sample',
        rttMs: action.rttMs,
        action: action.roundTrips,
        routeRefresh: refresh.roundTrips,
        n: [action.n, refresh.n] as [number, number],
        actionShareOne: actionShare,
        routeRefreshShareTwo: refreshShare,
      };
      if (quick) return [{ ...common, verdict: 'inconclusive' as Verdict, reason: QUICK_REASON }];
      if (actionShare === null || refreshShare === null)
        return [
          { ...common, verdict: 'inconclusive' as Verdict, reason: 'the run predates per-sample request counts' },
        ];
      const verdict: Verdict =
        actionShare >= C2_COUNT_SHARE && refreshShare >= C2_COUNT_SHARE
          ? 'supported'
          : (modalRoundTrips(action)?.share ?? 0) >= C2_COUNT_SHARE &&
              (modalRoundTrips(refresh)?.share ?? 0) >= C2_COUNT_SHARE
            ? 'refuted'
            : 'inconclusive';
      return [
        {
          ...common,
          verdict,
          ...(verdict === 'inconclusive'
            ? {
                reason: `mixed counts (action 1 in ${(actionShare * 100).toFixed(0)}%, route-refresh 2 in ${(refreshShare * 100).toFixed(0)}% of samples)`,
              }
            : {}),
        },
      ];
    });
  const fit = fitOf(
    comparisonsOf(browser, 'revalidate', 'route-refresh', 'no-defer').filter(
      (c) => c.sampling !== 'failed' && Math.min(...c.loads) >= 2,
    ),
  );
  const slopeRows = fit
    ? [
        {
          measure: 'slope of (route-refresh - action) against RTT',
          slope: fit.slope.estimate,
          ci95: fit.slope.ci95,
          expected: 1,
          role: "the emulator's known answer again: accuracy evidence, not a verdict row",
        },
      ]
    : [];
  const verdict = allOf(countRows.map((row) => row.verdict));
  const pct = (share: number | null) => (share === null ? 'unknown' : `${(share * 100).toFixed(0)}%`);
  return {
    id: 'C2',
    source: SEED_002,
    quote: 'What Server Actions do save is one round-trip',
    verdict,
    ...(verdict === 'refuted'
      ? { qualifier: 'the action does not save exactly one request' }
      : verdict === 'inconclusive' && countRows.length
        ? { qualifier: countRows.flatMap((row) => (row.reason ? [row.reason] : []))[0] ?? 'undecided' }
        : {}),
    summary: countRows.length
      ? `Critical-path requests per interaction, share of samples: ${countRows.map((row) => `RTT ${row.rttMs} ms: action 1 in ${pct(row.actionShareOne)} of ${row.n[0]}, route-refresh 2 in ${pct(row.routeRefreshShareTwo)} of ${row.n[1]}`).join('; ')} (rule: >= ${C2_COUNT_SHARE * 100}% at every RTT). ${
          fit
            ? `As accuracy evidence, the time difference grows by ${fit.slope.estimate.toFixed(2)} ms per ms of RTT (${fmtCi(fit.slope.ci95, 2)}; one request on the emulated link means 1).`
            : ''
        }${gatedNote(countRows)}`
      : 'The revalidate scenario (action and route-refresh) was not run in the browser.',
    evidence: [...countRows, ...slopeRows],
  };
}

const ratioRow = (ratio: HttpRatio) => ({
  estimate: ratio.estimate,
  ci95: ratio.ci95,
  repeats: ratio.repeats,
  connections: ratio.connections,
  encoding: ratio.encoding,
});

/** Holm's step-down over p-values at `alpha`: which hypotheses it rejects. */
export function holmRejects(pValues: readonly number[], alpha = 0.05): boolean[] {
  const order = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p);
  const rejected = pValues.map(() => false);
  for (const [rank, { p, index }] of order.entries()) {
    if (p > alpha / (pValues.length - rank)) break;
    rejected[index] = true;
  }
  return rejected;
}

/**
 * C3, on its outcome: the browser latency of equal work (the counter: one request either way, the same service call),
 * route minus action at each RTT. Supported if the action is faster beyond noise at every RTT (intersection-union:
 * each one-sided 95%); refuted if it is slower beyond noise at any RTT (Holm across RTTs, one-sided 5%) or within
 * ±2 ms at every RTT (TOST); otherwise inconclusive. Bytes on the wire, server CPU and throughput under load are the
 * mechanism the quote names: shown, not deciding.
 */
export function evaluateC3(input: ClaimInput): Claim {
  const { browser, http } = input;
  const outcome = comparisonsOf(browser, 'counter', 'route', 'no-defer').map((c) => {
    const gate = browserGate(browser!, input.run, c);
    const standardError = (c.ci95[1] - c.ci95[0]) / 2 / tCritical(c.df);
    return {
      measure: `browser latency, route minus action at RTT ${c.rttMs} ms`,
      rttMs: c.rttMs,
      diffMs: c.diffMedianMs,
      ci95: c.ci95,
      ci90: atConfidence(c.ci95, c.df, 0.9),
      // One-sided p of "the action is not slower": small when route minus action is far below 0.
      pSlower: 1 - tUpperTail(c.diffMedianMs / standardError, c.df),
      ...(gate ? { reason: gate } : {}),
    };
  });
  const ungated = outcome.filter((row) => row.reason === undefined);
  const slowerAt = holmRejects(ungated.map((row) => row.pSlower)).flatMap((rejected, i) =>
    rejected ? [ungated[i]!.rttMs] : [],
  );
  const all = ungated.length === outcome.length && outcome.length > 0;
  const judged: Judged = slowerAt.length
    ? { verdict: 'refuted', qualifier: `the action is slower at RTT ${slowerAt.join(', ')} ms` }
    : all && ungated.every((row) => row.ci90[0] > 0)
      ? { verdict: 'supported' }
      : all && ungated.every((row) => row.ci90[0] >= -C3_EQUIVALENCE_MS && row.ci90[1] <= C3_EQUIVALENCE_MS)
        ? { verdict: 'refuted', qualifier: `no difference: within ±${C3_EQUIVALENCE_MS} ms at every RTT` }
        : {
            verdict: outcome.length ? 'inconclusive' : 'not-measured',
            qualifier:
              ungated.length < outcome.length
                ? `${outcome.length - ungated.length} of ${outcome.length} RTTs held back by a gate${noisyNote(outcome.flatMap((row) => row.reason ?? []))}`
                : 'neither faster at every RTT nor within ±2 ms at every RTT',
          };
  const mechanism: Record<string, unknown>[] = [];
  const role = 'mechanism: shown, does not decide';
  const counterCells = (browser?.cells ?? []).filter((c) => c.scenario === 'counter' && c.chrome === 'no-defer');
  const bytesOf = (variant: string, pick: (cell: Cell) => number) => {
    const values = counterCells.filter((c) => c.variant === variant).map(pick);
    return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
  };
  const [actionBytes, routeBytes] = [
    bytesOf('action', (c) => c.bytesPerInteraction),
    bytesOf('route', (c) => c.bytesPerInteraction),
  ];
  if (actionBytes !== null && routeBytes !== null) {
    mechanism.push({
      measure: 'bytes on the wire per interaction, browser (request + response, headers included)',
      action: Math.round(actionBytes),
      route: Math.round(routeBytes),
      role,
    });
  }
  for (const encoding of http?.encodings ?? []) {
    for (const action of (http?.cells ?? []).filter(
      (c) => c.scenario === 'counter' && c.variant === 'action' && !c.twin && c.encoding === encoding,
    )) {
      const route = http!.cells.find(
        (c) =>
          c.scenario === 'counter' &&
          c.variant === 'route' &&
          c.encoding === encoding &&
          c.connections === action.connections,
      );
      if (!route) continue;
      const gate = httpGate(http!, input.run, {
        scenario: 'counter',
        connections: action.connections,
        encoding,
        a: 'action',
        b: 'route',
      });
      mechanism.push({
        measure: `bytes per interaction under load, ${encoding}`,
        action: Math.round(action.requestBytesPerInteraction + action.responseBytesPerInteraction),
        route: Math.round(route.requestBytesPerInteraction + route.responseBytesPerInteraction),
        role,
      });
      for (const [measure, label] of [
        ['serverCpuMsPerInteraction', 'server CPU per interaction, action / route'],
        ['interactionsPerSec', 'throughput, action / route'],
      ] as const) {
        const ratio = http!.ratios.find(
          (r) =>
            r.kind === 'comparison' &&
            r.scenario === 'counter' &&
            r.a === 'action' &&
            r.b === 'route' &&
            r.encoding === encoding &&
            r.connections === action.connections &&
            r.measure === measure,
        );
        if (ratio)
          mechanism.push({
            measure: `${label} (${encoding}, ${action.connections} connections)`,
            ...ratioRow(ratio),
            role,
            ...(gate ? { reason: gate } : {}),
          });
      }
    }
  }
  const describeRow = (row: (typeof outcome)[number]) =>
    `RTT ${row.rttMs} ms: ${fmtMs(row.diffMs)} (${fmtCi(row.ci95)})${row.reason ? ', held back' : ''}`;
  const describeMechanism = (row: Record<string, unknown>) =>
    typeof row.action === 'number'
      ? `${row.measure}: action ${row.action}, route ${row.route} bytes`
      : `${row.measure}: ${(row.estimate as number).toFixed(2)} (${fmtCi(row.ci95 as [number, number], 2)})`;
  return {
    id: 'C3',
    source: SEED_003,
    quote:
      'By removing HTTP overhead and enabling more direct server-client coordination, Server Actions can reduce latency',
    verdict: outcome.length || mechanism.length ? (outcome.length ? judged.verdict : 'inconclusive') : 'not-measured',
    ...(outcome.length && judged.qualifier
      ? { qualifier: judged.qualifier }
      : !outcome.length && mechanism.length
        ? { qualifier: 'the outcome (browser latency of the counter) was not measured' }
        : {}),
    summary:
      outcome.length || mechanism.length
        ? `Equal work (the counter), browser latency, route minus action (positive: the action is faster): ${outcome.map(describeRow).join('; ') || 'not measured'}. Mechanism, not deciding: ${mechanism.map(describeMechanism).join('; ') || 'none measured'}.${gatedNote(outcome)}`
        : 'Needs the counter scenario in the browser or under HTTP load.',
    evidence: [...outcome, ...mechanism],
  };
}

/** The counter's action / route throughput ratios under load, per encoding and connections. */
function c4Rows(input: ClaimInput) {
  const http = input.http;
  return (http?.ratios ?? [])
    .filter(
      (r) =>
        r.kind === 'comparison' &&
        r.scenario === 'counter' &&
        r.a === 'action' &&
        r.b === 'route' &&
        r.measure === 'interactionsPerSec',
    )
    .map((ratio) => ({ ratio, gate: httpGate(http!, input.run, ratio) }));
}

const direction = (ratio: HttpRatio) =>
  `the action's throughput is ${Math.abs((1 - ratio.estimate) * 100).toFixed(0)}% ${ratio.estimate < 1 ? 'lower' : 'higher'} (action / route ${ratio.estimate.toFixed(2)}, 95% ${fmtCi(ratio.ci95, 2)}) with ${ratio.encoding === 'gzip' ? "the browser's gzip" : 'no compression'} at ${ratio.connections} connections`;

/** C4's words: which way a refutation goes, which encoding a dependence splits on, why nothing was decided. */
function c4Qualifier(
  rows: readonly { verdict: Verdict; encoding: string; reason?: string }[],
  refuted: string,
): { qualifier?: string } {
  const verdict = combineVerdicts(rows.map((row) => row.verdict));
  if (verdict === 'refuted') return { qualifier: refuted };
  if (verdict === 'depends')
    return { qualifier: `on compression: ${rows.map((row) => `${row.verdict} with ${row.encoding}`).join(', ')}` };
  if (verdict === 'inconclusive') {
    const reason = rows.find((row) => row.reason)?.reason;
    return { qualifier: reason ? `held back: ${reason}` : 'the interval reaches past the bound' };
  }
  return {};
}

const byEncoding = (verdicts: { verdict: Verdict; encoding: string }[]) => {
  const verdict = combineVerdicts(verdicts.map((row) => row.verdict));
  if (verdict !== 'depends') return '';
  return ` It depends on compression: ${verdicts.map((row) => `${row.verdict} with ${row.encoding}`).join(', ')}.`;
};

/** C4a, one-sided: "actions are not faster" holds when the upper one-sided 95% bound of action / route is below 1. */
export function evaluateC4a(input: ClaimInput): Claim {
  const rows = c4Rows(input).map(({ ratio, gate }) => ({
    test: 'not faster (one-sided 95%)',
    ...ratioRow(ratio),
    upperBound95: ratio.ci90[1],
    verdict: (gate
      ? 'inconclusive'
      : ratio.ci90[1] < 1
        ? 'supported'
        : ratio.ci90[0] > 1
          ? 'refuted'
          : 'inconclusive') as Verdict,
    ...(gate ? { reason: gate } : {}),
  }));
  return {
    id: 'C4a',
    source: SEED_002,
    quote:
      'Performance: not as different as people think ... A common misconception is that Server Actions are "faster than API routes."',
    verdict: combineVerdicts(rows.map((row) => row.verdict)),
    ...c4Qualifier(rows, 'the action is faster'),
    summary: rows.length
      ? `Counter under load: ${c4Rows(input)
          .map(({ ratio }) => direction(ratio))
          .join('; ')}.${byEncoding(rows)}${gatedNote(rows)}`
      : 'Needs the HTTP suite with the counter scenario.',
    evidence: rows,
  };
}

/** C4b, equivalence: both one-sided 95% bounds of action / route inside 1 +- 15% supports; the 95% CI wholly outside refutes. */
export function evaluateC4b(input: ClaimInput): Claim {
  const band: [number, number] = [1 - C4_BAND, 1 + C4_BAND];
  const rows = c4Rows(input).map(({ ratio, gate }) => {
    const equivalent = ratio.ci90[0] >= band[0] && ratio.ci90[1] <= band[1];
    const different = ratio.ci95[1] < band[0] || ratio.ci95[0] > band[1];
    return {
      test: `within ±${C4_BAND * 100}% (equivalence, 90% CI inside the band)`,
      ...ratioRow(ratio),
      ci90: ratio.ci90,
      verdict: (gate ? 'inconclusive' : equivalent ? 'supported' : different ? 'refuted' : 'inconclusive') as Verdict,
      ...(gate ? { reason: gate } : {}),
    };
  });
  return {
    id: 'C4b',
    source: SEED_002,
    quote: 'Performance: not as different as people think',
    verdict: combineVerdicts(rows.map((row) => row.verdict)),
    ...c4Qualifier(rows, `more different than claimed (outside ±${C4_BAND * 100}%)`),
    summary: rows.length
      ? `Counter under load, action / route throughput against ${band[0]}..${band[1]}: ${c4Rows(input)
          .map(({ ratio }) => direction(ratio))
          .join('; ')}.${byEncoding(rows)}${gatedNote(rows)}`
      : 'Needs the HTTP suite with the counter scenario.',
    evidence: rows,
  };
}

/** Every claim of DESIGN's table, in its order; a claim whose suite or scenario did not run is `not-measured`, saying what would measure it. */
export function evaluateClaims(input: ClaimInput): Claim[] {
  return [
    evaluateC1(input),
    evaluateC2(input),
    evaluateC3(input),
    evaluateC4a(input),
    evaluateC4b(input),
    evaluateC5(input.probes),
    evaluateC6(input.probes),
    evaluateC7(input.probes),
    evaluateC8(input.probes),
    evaluateC9(input.probes),
    evaluateC10(input.probes),
    evaluateC11(input),
    evaluateC12(input.probes),
    evaluateC13(input.probes),
    evaluateC14(input),
    evaluateC15(input),
  ];
}
