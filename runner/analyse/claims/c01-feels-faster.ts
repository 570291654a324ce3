import { z } from 'zod';
import type { ChromeMode } from '../../core/plan';
import { chiSquareUpperTail, simultaneousBand } from '../../stats/interval';
import {
  cite,
  GateReasonSchema,
  IntervalSchema,
  notMeasured,
  RowVerdictSchema,
  type ClaimModule,
} from './claim-module';
import { browserGate, noisyNote } from './gating';
import { comparisonsOf, fitOf } from './select';
import { SEED_002, type Judged, type Verdict } from './verdicts';
import { fmtCi, gatedNote } from './words';

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
const BOUNDS_WORDS = `${C1_BOUNDS_MS[0]}-${C1_BOUNDS_MS[1]} ms`;

const modeLabel = (chrome: ChromeMode) => (chrome === 'shipped' ? 'shipped Chrome' : 'Chrome with input deferral off');

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
      qualifier: `on RTT: inside ${BOUNDS_WORDS} for RTT ${span(inside)} ms, ${above.length ? `more for ${span(above)} ms` : ''}${above.length && below.length ? ', ' : ''}${below.length ? `less for ${span(below)} ms` : ''}`,
    };
  }
  if (above.length && !below.length && !inside.length) return { verdict: 'refuted', qualifier: 'larger than claimed' };
  if (below.length && !above.length && !inside.length) return { verdict: 'refuted', qualifier: 'smaller than claimed' };
  return {
    verdict: 'inconclusive',
    qualifier: inside.length
      ? `inside only for RTT ${span(inside)} ms; the band reaches past a bound elsewhere`
      : `the band reaches across a bound of ${BOUNDS_WORDS}`,
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

/** One comparison of route minus action at one RTT: a point of the fit, or route-json's context. */
const PointRow = z.object({
  variant: z.string(),
  chrome: z.string(),
  rttMs: z.number(),
  diffMs: z.number(),
  ci95: IntervalSchema,
  loads: IntervalSchema,
  role: z.string(),
  reason: GateReasonSchema,
});
/** One C1 condition (refetch pattern, Chrome mode): its verdict, and the fit it rests on when there is one. */
const FitRow = z.object({
  variant: z.string(),
  chrome: z.string(),
  condition: z.string(),
  verdict: RowVerdictSchema,
  qualifier: z.string().optional(),
  interceptMs: z.number().optional(),
  interceptCi95: IntervalSchema.optional(),
  slope: z.number().optional(),
  slopeCi95: IntervalSchema.optional(),
  points: z.number().optional(),
  measuredRttMs: IntervalSchema.optional(),
  lackOfFit: z.string().optional(),
  judgedRttMs: IntervalSchema.optional(),
  measuredPlaces: z.string().optional(),
  bandAtJudgedEdges: z.array(IntervalSchema).optional(),
  /** Older runs' rows (seed 224's): where the pointwise band lay inside the claim's band. */
  insideBandRttMs: z.string().optional(),
});
const Row = z.union([PointRow, FitRow]);
type FitRow = z.infer<typeof FitRow>;

/**
 * C1, on the quote's population: per invalidation-dance variant and Chrome mode, route minus action is fitted against
 * RTT on the rows that pass every gate (a + b x RTT, weighted; a lack-of-fit chi-square inflates the band when the
 * line does not fit), and judged with the simultaneous (Working-Hotelling) band over the RTTs users have
 * (C1_POPULATION) that the run measured: never past the measured RTTs, and never by which RTTs were sampled. RTT 0
 * rows are context. route-json (one request, no invalidation) is shown beside them and does not enter the verdict.
 */
export const c01: ClaimModule<z.infer<typeof Row>> = {
  id: 'C1',
  source: SEED_002,
  quote:
    'expect Server Actions to feel about 50-100ms faster than the equivalent fetch + setState + invalidateQuery dance',
  requires: {
    suites: ['browser'],
    scenarios: ['revalidate'],
    words: 'The revalidate scenario was not run in the browser.',
  },
  evidence: Row,
  evaluate(input) {
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
      (browser?.chromeModes ?? []).flatMap((chrome): FitRow[] => {
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
    // A browser run without revalidate still writes its conditions' "no RTT" rows: kept, as results.json has them.
    if (!rows.length) return notMeasured(c01, fits);
    const judged = combineJudged(fits, 'the refetch pattern and Chrome mode');
    const describe = (fit: FitRow) =>
      fit.interceptMs !== undefined
        ? `${fit.condition}: ${fit.interceptMs.toFixed(1)} ms + ${fit.slope!.toFixed(2)} × RTT (slope ${fmtCi(fit.slopeCi95!, 2)}; ${fit.points} ungated points, RTT ${fit.measuredRttMs![0]}-${fit.measuredRttMs![1]} ms; lack of fit ${fit.lackOfFit}); along the measured RTTs the simultaneous band is ${fit.measuredPlaces}; ${fit.judgedRttMs![0] <= fit.judgedRttMs![1] ? `over RTT ${fit.judgedRttMs![0]}-${fit.judgedRttMs![1]} ms: ` : ''}${fit.verdict}${fit.qualifier ? `, ${fit.qualifier}` : ''}`
        : `${fit.condition}: ${fit.qualifier}`;
    return {
      ...cite(c01),
      verdict: judged.verdict,
      ...(judged.qualifier ? { qualifier: judged.qualifier } : {}),
      summary: `Judged over RTT ${popLow}-${popHigh} ms (${C1_POPULATION.words}; ${C1_POPULATION.source}) where this run measured it, by the 95% simultaneous band of route minus action (positive: the action is faster) fitted against RTT on the rows that passed every gate; "feel" is the DOM update in headless Chromium. ${fits.map(describe).join('. ')}.${gatedNote(rows)}`,
      evidence: [...rows, ...fits],
    };
  },
  // The summary says it: the fit, its band and where it lies need its full sentence.
  headline: () => null,
  headings: {
    variant: 'variant',
    chrome: 'Chrome scheduling',
    rttMs: 'RTT (ms)',
    diffMs: 'difference (ms)',
    ci95: '95% CI',
    loads: 'page loads',
    role: 'role',
    reason: 'reason',
    condition: 'condition',
    verdict: 'verdict',
    qualifier: 'qualifier',
    interceptMs: 'intercept (ms)',
    interceptCi95: 'intercept 95% CI',
    slope: 'slope (ms per ms of RTT)',
    slopeCi95: 'slope 95% CI',
    points: 'points',
    measuredRttMs: 'measured rtt (ms)',
    lackOfFit: 'lack of fit',
    judgedRttMs: 'judged rtt (ms)',
    measuredPlaces: 'measured places',
    bandAtJudgedEdges: 'band at judged edges',
    insideBandRttMs: `RTT (ms) where the 95% band lies inside ${BOUNDS_WORDS}`,
  },
};
