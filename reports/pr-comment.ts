import type { MetricComparison, NoiseBand, Results } from '../runner/contract/results';
import { comparisonMarkdown, REGRESSION_ALPHA } from '../runner/analyse/compare/compare';

/**
 * The pull-request comment of a duet (`--against`): what a reviewer reads on the pull request (commands/comment.ts
 * prints it, and with --post adds it or updates the one added before). Pure: results in, Markdown out.
 */

/** The first line of every comment mutation-bench posts: the next run finds its comment by it and updates it. */
export const COMMENT_MARKER = '<!-- mutation-bench -->';

/** GitHub refuses a comment body over 65,536 characters: table rows beyond this many are left to the report. */
export const MAX_COMMENT_CHARS = 60_000;

/** Where the run's report is, as the workflow knows it. */
export interface CommentContext {
  /** The workflow artifact the run folder was uploaded as. */
  artifact?: string;
  /** The workflow run's page, where the artifact is listed. */
  runUrl?: string;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Text as inline code, whatever it holds (a ref or a message from outside): one line, fenced past its backticks. */
function code(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const fence = '`'.repeat(Math.max(0, ...[...line.matchAll(/`+/g)].map((run) => run[0].length)) + 1);
  return fence.length > 1 ? `${fence} ${line} ${fence}` : `${fence}${line}${fence}`;
}

/** The noise band in words: latency's is the larger of the two, throughput's the percentage. */
const bandWords = (band: NoiseBand) => `the noise band, the larger of ${band.pct}% and ${band.ms} ms`;

/** The comment's one-line verdict: how many metrics regressed, improved or did not change beyond the band. */
export function commentVerdict(rows: readonly MetricComparison[], band: NoiseBand): string {
  const count = (verdict: MetricComparison['verdict']) => rows.filter((row) => row.verdict === verdict).length;
  const [regressions, improvements, unchanged, tooFew] = (
    ['regression', 'improvement', 'no change', 'too few values'] as const
  ).map(count) as [number, number, number, number];
  const tail = tooFew > 0 ? `; ${tooFew} with too few values to compare` : '';
  if (rows.length === 0) return '**Nothing compared**: the two builds share no metric (did a cell fail?).';
  if (regressions > 0)
    return `**${plural(regressions, 'regression')}** beyond ${bandWords(band)}, among ${plural(rows.length, 'metric')}; ${plural(improvements, 'improvement')}, ${unchanged} no change${tail}.`;
  if (improvements > 0)
    return `**No regression**; ${plural(improvements, 'improvement')} beyond ${bandWords(band)}, among ${plural(rows.length, 'metric')}; ${unchanged} no change${tail}.`;
  return `**No change** beyond ${bandWords(band)} in ${rows.length === 1 ? 'the one metric' : `any of ${rows.length} metrics`} compared${tail}.`;
}

/** `45` or `40–45`: the page loads per build that the comparison's metrics were paired over. */
function pageLoads(rows: readonly MetricComparison[]): string | null {
  const loads = rows.filter((row) => row.verdict !== 'too few values').map((row) => row.n[0]);
  if (loads.length === 0) return null;
  const [low, high] = [Math.min(...loads), Math.max(...loads)];
  return low === high ? `${low}` : `${low}–${high}`;
}

/** The base as the comment names it: the ref as given and the commit it named, once when they are the same. */
function baseName(against: NonNullable<Results['against']>): string {
  const commit = against.commit.slice(0, 12);
  const sameCommit = against.ref.startsWith(commit) || against.commit.startsWith(against.ref);
  return sameCommit ? code(commit) : `${code(against.ref)} (${code(commit)})`;
}

/** The conditions the numbers were measured under, in one paragraph. */
function conditions(results: Results): string {
  const config = results.config as { profile?: unknown; rttMs?: unknown; seed?: unknown };
  const { environment: env } = results;
  const loads = results.against && pageLoads(results.against.comparison);
  const rtts = Array.isArray(config.rttMs) ? config.rttMs.join(', ') : null;
  const parts = [
    typeof config.profile === 'string' ? `profile ${code(config.profile)}` : null,
    loads === null || loads === undefined ? null : `${loads} page loads per build, paired by round`,
    rtts === null ? null : `RTT ${rtts} ms`,
    `Next ${env.next}`,
    `Chromium ${env.chromium}`,
    `Node ${env.node}`,
    `${plural(env.cores, 'core')} (${env.cpu})`,
  ].filter((part): part is string => part !== null);
  const app = results.app ? ` The app of ${code(results.app.configFile)}.` : '';
  const builds = results.against
    ? ` This pull request at ${code(env.gitSha.slice(0, 12))}, its base ${baseName(results.against)}.`
    : ` Measured at ${code(env.gitSha.slice(0, 12))}.`;
  return `Measured with ${parts.join(', ')}.${app}${builds} Run ${code(results.runId)}, seed ${env.seed}.`;
}

/** Where the full report is. */
function reportLocation(results: Results, context: CommentContext): string {
  const folder = 'The run folder (the report `index.html`, `results.json`, the samples)';
  if (context.artifact && context.runUrl)
    return `${folder} is the artifact ${code(context.artifact)} of [this workflow run](${context.runUrl}).`;
  if (context.artifact) return `${folder} is the workflow artifact ${code(context.artifact)}.`;
  return `The full report is \`index.html\` in the run folder ${code(results.runId)}.`;
}

/** The comparison table as comparisonMarkdown renders it (regressions first), cut to fit `budget` characters. */
function comparisonTable(against: NonNullable<Results['against']>, budget: number): string[] {
  const markdown = comparisonMarkdown(
    against.comparison,
    { baseline: against.ref, candidate: 'this pull request' },
    against.band,
    'duet',
  );
  const table = markdown.split('\n').filter((line) => line.startsWith('|'));
  const [header, rule, ...rows] = table as [string, string, ...string[]];
  const kept: string[] = [];
  let used = header.length + rule.length + 200;
  for (const row of rows) {
    if (used + row.length + 1 > budget) break;
    kept.push(row);
    used += row.length + 1;
  }
  const left = rows.length - kept.length;
  return [
    header,
    rule,
    ...kept,
    ...(left > 0
      ? ['', `_${plural(left, 'more row')} (fewer changes first) in the report: too long for a comment._`]
      : []),
  ];
}

const HOW =
  'Both builds were measured in the same randomized rounds on one machine. Each metric is the geometric mean of ' +
  'page-load medians (per browser cell its latency, and each request’s time to first byte), compared paired by ' +
  `round with its 95% CI; a regression is a change worse than the noise band beyond doubt (one-sided, ` +
  `Benjamini-Hochberg over the metrics, α = ${REGRESSION_ALPHA}); an improvement, a 95% CI wholly better than it.`;

/**
 * The comment's body: the marker, a heading, the one-line verdict, the comparison table, how it was decided, the
 * conditions and where the report is. An incomplete run and a run that was no duet say so, with no table: a failed
 * cell would read as a change.
 */
export function prCommentBody(results: Results, context: CommentContext = {}): string {
  const { against } = results;
  const heading = against ? `### mutation-bench: this pull request against ${baseName(against)}` : '### mutation-bench';
  const footer = ['', conditions(results), '', reportLocation(results, context)];
  const lines = [COMMENT_MARKER, heading, ''];
  if (!results.complete) {
    const failures = results.failures
      .slice(0, 5)
      .map(
        (failure) =>
          `- ${failure.scenario}/${failure.variant} at RTT ${failure.rttMs} ms: ${code(failure.message.slice(0, 300))}`,
      );
    lines.push(
      `**The run did not complete**, so nothing was compared: a failed cell would read as a change. ${
        results.failures.length > 0
          ? `${plural(results.failures.length, 'cell')} failed:`
          : 'It was stopped or failed before its end: the job’s log says why.'
      }`,
      ...(failures.length > 0 ? ['', ...failures] : []),
      ...(results.failures.length > failures.length ? [`- and ${results.failures.length - failures.length} more`] : []),
    );
  } else if (!against) {
    lines.push(
      '**Nothing compared**: this run was not a duet (no `--against`, no base). On a pull request the action measures ' +
        'against the base commit: check the `base` input and that the checkout has it (`fetch-depth: 0`).',
    );
  } else {
    const note = against.lockfileDiffers
      ? [
          '',
          '_The base’s `package-lock.json` differs from this pull request’s: the base was built with this pull ' +
            'request’s dependencies, so a dependency change is not part of this comparison._',
        ]
      : [];
    const warnings = (results.machine?.warnings ?? []).map((warning) => `- ${warning}`);
    const rest = [
      ...note,
      ...(warnings.length > 0 ? ['', 'The machine during the run:', ...warnings] : []),
      '',
      `<details><summary>How this is decided</summary>\n\n${HOW}\n\n</details>`,
      ...footer,
    ];
    const gateOff =
      results.app?.failOnRegression === false && against.comparison.some((row) => row.verdict === 'regression')
        ? ` The job passes anyway: ${code(results.app.configFile)} sets \`regression.failOnRegression: false\`.`
        : '';
    const verdict = commentVerdict(against.comparison, against.band) + gateOff;
    const fixed = [...lines, verdict, '', ...rest].join('\n').length;
    lines.push(verdict, '', ...comparisonTable(against, MAX_COMMENT_CHARS - fixed), ...rest);
    return `${lines.join('\n')}\n`;
  }
  lines.push(...footer);
  return `${lines.join('\n')}\n`;
}
