/**
 * The layers, enforced by test/layers.test.ts. The pipeline: bench-app (what is measured) -> runner/measure (how:
 * config -> run folder) -> runner/analyse (run folder -> results.json) -> reports (results.json -> HTML). Below them,
 * what every stage shares: runner/contract (the files between stages), runner/core (config, plan, errors),
 * runner/scenarios (the catalogue), runner/stats (math). commands/ are the entry points and may import anything.
 * Type-only imports count: a circle of types is still a circle a reader has to untangle.
 */
const SHARED = '^runner/(contract|core|scenarios|stats)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No module reaches itself through its imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'fixture-stands-alone',
      comment: 'The fixture app is what is measured: it knows nothing of the instrument.',
      severity: 'error',
      from: { path: '^bench-app/' },
      to: { path: '^(commands|runner|reports|test)/' },
    },
    {
      name: 'only-commands-start-things',
      comment: 'An entry point is imported by nothing but the tests: the stages never reach up to a command.',
      severity: 'error',
      from: { pathNot: '^(commands|test)/' },
      to: { path: '^commands/' },
    },
    {
      name: 'shared-layers-stay-below',
      comment: 'The contract, core, the catalogue and the statistics serve every stage and import none of them.',
      severity: 'error',
      from: { path: SHARED },
      to: { path: '^(runner/(measure|analyse)|reports)/' },
    },
    {
      name: 'measurement-judges-nothing',
      comment: 'The measure stage writes the run folder; it neither analyses nor presents what it measured.',
      severity: 'error',
      from: { path: '^runner/measure/' },
      to: { path: '^(runner/analyse|reports)/' },
    },
    {
      name: 'analysis-measures-nothing',
      comment: 'The analyse stage reads a run folder and is pure: no browser, server, load or report.',
      severity: 'error',
      from: { path: '^runner/analyse/' },
      to: { path: '^(runner/measure|reports)/' },
    },
    {
      name: 'reports-read-results',
      comment: "Presentation reads results.json (and the claims' own words): it never measures.",
      severity: 'error',
      from: { path: '^reports/' },
      to: { path: '^runner/measure/' },
    },
    {
      name: 'stats-are-pure',
      comment: 'runner/stats is math on numbers: it imports nothing else of the project.',
      severity: 'error',
      from: { path: '^runner/stats/' },
      to: { path: '^(runner|reports|bench-app|commands)/', pathNot: '^runner/stats/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.next|\\.cache)/' },
  },
};
