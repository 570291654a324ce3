/**
 * The layers, enforced by test/layers.test.ts: bench-app (what is measured) -> runner (how) -> reports (what it says).
 * Type-only imports count: a circle of types is still a circle a reader has to untangle.
 */
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
      to: { path: '^(runner|reports|scripts|test)/' },
    },
    {
      name: 'measurement-does-not-present',
      comment:
        'The runner hands results to reports/ only where a run ends: its CLI and the run that writes the report.',
      severity: 'error',
      from: { path: '^runner/', pathNot: '^runner/(cli|run)\\.ts$' },
      to: { path: '^reports/' },
    },
    {
      name: 'stats-are-pure',
      comment: 'runner/stats is math on numbers and the results schema: no browser, server, file or report.',
      severity: 'error',
      from: { path: '^runner/stats/' },
      to: { path: '^(runner|reports|bench-app)/', pathNot: '^runner/(stats/|results/schema\\.ts$|plan\\.ts$)' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.next|\\.cache)/' },
  },
};
