import type { HttpCell, HttpRatio, HttpResults } from '../contract/results';
import { median } from '../stats/quantile';
import { mean, medianInterval, pairedRatio } from '../stats/interval';
import { geometricMean, logTrend, type Trend } from '../stats/steady-state';
import { FLOOR, type RepeatRecord, type WarmupRecord } from '../contract/records';

/** Above this share of one core, the load generator (autocannon, in its own process) may be the bottleneck, not the server. */
export const LOAD_GENERATOR_SATURATION = 0.9;

const cellKey = (r: Pick<RepeatRecord, 'scenario' | 'variant' | 'twin' | 'connections' | 'encoding'>): string =>
  `${r.scenario}/${r.variant}${r.twin ? '#aa' : ''}/${r.connections}/${r.encoding}`;

const medianOf = <T>(rows: readonly T[], pick: (row: T) => number) => median(rows.map(pick));
const intervalOf = <T>(rows: readonly T[], pick: (row: T) => number) => {
  const { ci95, coverage } = medianInterval(rows.map(pick));
  return { ci95, coverage };
};

/** A window's place in time: its order among the run's windows, or (runs before blocks) its repeat. */
const orderOf = (record: RepeatRecord) => record.order ?? record.repeat;

function cellOf(repeats: RepeatRecord[], warmup: WarmupRecord | undefined, trend: Trend | null): HttpCell {
  const first = repeats[0]!;
  const percentiles = (pick: (row: RepeatRecord) => { p50: number; p90: number; p99: number; p99_9: number }) => ({
    p50: medianOf(repeats, (r) => pick(r).p50),
    p90: medianOf(repeats, (r) => pick(r).p90),
    p99: medianOf(repeats, (r) => pick(r).p99),
    p99_9: medianOf(repeats, (r) => pick(r).p99_9),
  });
  const sum = (pick: (row: RepeatRecord) => number) => repeats.reduce((total, row) => total + pick(row), 0);
  const requestBytes = medianOf(repeats, (r) => r.requestBytesPerInteraction);
  const responseBytes = medianOf(repeats, (r) => r.responseBytesPerInteraction);
  const loadGeneratorCpu = Math.max(...repeats.map((r) => r.loadGeneratorCpu));
  const sampled = repeats.flatMap((r) => (r.server ? [r.server] : []));
  const busiest = sampled.length ? sampled.reduce((a, b) => (b.peakCpuPct > a.peakCpuPct ? b : a)) : null;
  const serverCpu = repeats.flatMap((r) => (r.serverCpuMsPerInteraction === null ? [] : [r.serverCpuMsPerInteraction]));
  return {
    scenario: first.scenario,
    variant: first.variant,
    twin: first.twin,
    connections: first.connections,
    encoding: first.encoding,
    ratePerSecond: null,
    repeats: repeats.length,
    interactions: sum((r) => r.interactions),
    requestsPerInteraction: first.requestsPerInteraction,
    requestsPerSec: medianOf(repeats, (r) => r.requestsPerSec),
    interactionsPerSec: medianOf(repeats, (r) => r.interactionsPerSec),
    latencyMs: percentiles((r) => r.latencyMs),
    interactionLatencyMs: percentiles((r) => r.interactionLatencyMs),
    interactionsPerSecCi: intervalOf(repeats, (r) => r.interactionsPerSec),
    interactionP50Ci: intervalOf(repeats, (r) => r.interactionLatencyMs.p50),
    interactionP99Ci: intervalOf(repeats, (r) => r.interactionLatencyMs.p99),
    requestBytesPerInteraction: requestBytes,
    responseBytesPerInteraction: responseBytes,
    bytesPerRequest: (requestBytes + responseBytes) / first.requestsPerInteraction,
    serverCpuMsPerInteraction: serverCpu.length ? median(serverCpu) : null,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    invalid: sum((r) => r.invalid),
    acknowledged: sum((r) => r.acknowledged),
    persisted: sum((r) => r.persisted),
    duplicated: sum((r) => r.duplicated),
    dropped: sum((r) => r.dropped),
    late: sum((r) => r.late),
    server: busiest,
    loadGeneratorCpu,
    loadGeneratorSaturated: loadGeneratorCpu >= LOAD_GENERATOR_SATURATION,
    busyRepeats: repeats.filter((r) => r.machine.busy).length,
    trend,
    drift: logTrend(repeats.map((r) => ({ order: orderOf(r), rate: r.interactionsPerSec }))),
    warmup: warmup
      ? {
          windowsPerSec: warmup.windowsPerSec,
          blocksPerSec: warmup.blocksPerSec,
          steady: warmup.steady,
          seconds: warmup.seconds,
        }
      : null,
    perRepeat: repeats.map((r) => ({
      block: r.repeat,
      order: orderOf(r),
      interactionsPerSec: r.interactionsPerSec,
      requestsPerSec: r.requestsPerSec,
      latencyMs: r.latencyMs,
      interactionLatencyMs: r.interactionLatencyMs,
      serverCpuMsPerInteraction: r.serverCpuMsPerInteraction,
      loadGeneratorCpu: r.loadGeneratorCpu,
      machine: r.machine,
    })),
    failed: repeats.find((r) => r.failed)?.failed ?? null,
  };
}

const MEASURES = {
  interactionsPerSec: (r: RepeatRecord) => r.interactionsPerSec,
  interactionP50: (r: RepeatRecord) => r.interactionLatencyMs.p50,
  // Not measured (a remote target): 0, which pairs nothing (a ratio needs both sides above 0).
  serverCpuMsPerInteraction: (r: RepeatRecord) => r.serverCpuMsPerInteraction ?? 0,
} as const;

/** A cell's value per block: the geometric mean of its windows there (two in a palindrome, one in runs before blocks). */
function perBlock(rows: readonly RepeatRecord[], measure: keyof typeof MEASURES): Map<number, number> {
  const blocks = new Map<number, number[]>();
  for (const row of rows) blocks.set(row.repeat, [...(blocks.get(row.repeat) ?? []), MEASURES[measure](row)]);
  return new Map(
    [...blocks].flatMap(([block, values]) =>
      values.every((value) => value > 0) ? [[block, geometricMean(values)] as const] : [],
    ),
  );
}

/** a / b paired by block, for every block both cells have: a drift linear in time cancels within a palindromic block. */
function ratio(
  a: RepeatRecord[],
  b: RepeatRecord[],
  measure: keyof typeof MEASURES,
  labels: { a: string; b: string; kind: HttpRatio['kind'] },
): HttpRatio | null {
  const ofB = perBlock(b, measure);
  const pairs = [...perBlock(a, measure)].flatMap(([block, x]) =>
    ofB.has(block) ? [[x, ofB.get(block)!] as const] : [],
  );
  if (pairs.length < 2) return null;
  const first = a[0]!;
  const ci95 = pairedRatio(
    pairs.map(([x]) => x),
    pairs.map(([, y]) => y),
  );
  const ci90 = pairedRatio(
    pairs.map(([x]) => x),
    pairs.map(([, y]) => y),
    0.9,
  );
  return {
    scenario: first.scenario,
    connections: first.connections,
    encoding: first.encoding,
    ...labels,
    measure,
    estimate: ci95.estimate,
    ci95: ci95.ci95,
    ci90: ci90.ci95,
    repeats: pairs.length,
  };
}

/**
 * Each cell's trend against its group over the blocks: ln(cell / the group's geometric mean) regressed on the block.
 * A spell of the machine running slow slows every cell of a block alike and cancels here, as it does from the
 * paired ratios; what remains is one cell changing against the others (a path still warming), which biases them.
 */
function trendsAgainstGroup(group: readonly (readonly RepeatRecord[])[]): (Trend | null)[] {
  const blocks = group.map((rows) => perBlock(rows, 'interactionsPerSec'));
  const shared = [...(blocks[0]?.keys() ?? [])].filter((block) => blocks.every((of) => of.has(block)));
  const centre = new Map(shared.map((block) => [block, mean(blocks.map((of) => Math.log(of.get(block)!)))]));
  return blocks.map((of) =>
    group.length < 2
      ? null
      : logTrend(
          shared.map((block) => ({ order: block, rate: Math.exp(Math.log(of.get(block)!) - centre.get(block)!) })),
        ),
  );
}

/**
 * Windows -> cells (medians over windows with order-statistic CIs, the trend over the run, the warm-up) and ratios
 * paired by block: the reference (action) against each route variant, the A/A twin against the reference, and
 * each variant against the floor unless the floor measured the load generator (saturated) rather than a server.
 */
export function summarizeHttp(
  records: readonly RepeatRecord[],
  reference: (scenario: string) => string,
  warmups: readonly WarmupRecord[] = [],
): Pick<HttpResults, 'cells' | 'ratios'> {
  const byCell = new Map<string, RepeatRecord[]>();
  for (const record of records) byCell.set(cellKey(record), [...(byCell.get(cellKey(record)) ?? []), record]);
  const groupOf = (r: Pick<RepeatRecord, 'scenario' | 'connections' | 'encoding'>) =>
    `${r.scenario}/${r.connections}/${r.encoding}`;
  const trends = new Map<string, Trend | null>();
  for (const group of new Set(records.map(groupOf))) {
    const keys = [...byCell.keys()].filter((key) => groupOf(byCell.get(key)![0]!) === group);
    trendsAgainstGroup(keys.map((key) => byCell.get(key)!)).forEach((trend, i) => trends.set(keys[i]!, trend));
  }
  const cells = [...byCell.entries()].map(([key, rows]) =>
    cellOf(
      rows,
      warmups.find((warmup) => cellKey(warmup) === key && (warmup.build ?? null) === (rows[0]!.build ?? null)),
      trends.get(key) ?? null,
    ),
  );
  const floorSaturated = new Set(
    cells.filter((cell) => cell.variant === FLOOR && cell.loadGeneratorSaturated).map(groupOf),
  );
  const ratios: HttpRatio[] = [];
  for (const group of new Set(records.map(groupOf))) {
    const [scenario, connections, encoding] = group.split('/');
    const rows = (variant: string, twin = false) =>
      byCell.get(
        cellKey({
          scenario: scenario!,
          variant,
          twin,
          connections: Number(connections),
          encoding: encoding as RepeatRecord['encoding'],
        }),
      ) ?? [];
    const variants = [...new Set(records.filter((r) => groupOf(r) === group && !r.twin).map((r) => r.variant))];
    const ref = reference(scenario!);
    const add = (value: HttpRatio | null) => value && ratios.push(value);
    for (const variant of variants.filter((v) => v !== ref && v !== FLOOR)) {
      for (const measure of Object.keys(MEASURES) as (keyof typeof MEASURES)[])
        add(ratio(rows(ref), rows(variant), measure, { a: ref, b: variant, kind: 'comparison' }));
    }
    for (const measure of Object.keys(MEASURES) as (keyof typeof MEASURES)[])
      add(ratio(rows(ref, true), rows(ref), measure, { a: `${ref}#aa`, b: ref, kind: 'aa' }));
    for (const variant of floorSaturated.has(group) ? [] : variants.filter((v) => v !== FLOOR)) {
      add(ratio(rows(variant), rows(FLOOR), 'interactionsPerSec', { a: variant, b: FLOOR, kind: 'floor' }));
      add(ratio(rows(variant), rows(FLOOR), 'interactionP50', { a: variant, b: FLOOR, kind: 'floor' }));
    }
  }
  return { cells, ratios };
}
