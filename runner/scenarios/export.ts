import { defineScenario, ownFiles } from './scenario';

export const exportScenario = defineScenario({
  id: 'export',
  summary: 'export the orders as a 21 MB CSV; the browser holds the file to save ("Saved …" with its size)',
  expectedRoundTrips: { action: 1, route: 1 },
  serverMemory: true,
  transportFiles: {
    action: ['app/export/actions.ts', 'app/export/action/export-via-action.tsx', 'app/export/action/page.tsx'],
    route: ownFiles('export', 'export-via-route.tsx').route.filter((file) => file !== 'lib/route-handler.ts'),
  },
  httpReplay: {
    skipped:
      "every interaction moves 21 MB: the load suite's fixed work would take a quarter of an hour; the browser cells time it and sample the server's memory",
  },
  interaction: {
    steps: [
      { waitFor: { css: 'button:enabled', hasText: 'Export' } },
      { read: 'output[aria-label="export size"]', as: 'bytes' },
      { fill: { label: 'file name' }, value: '{label}' },
    ],
    trigger: { role: 'button', name: 'Export' },
    expect: [{ selector: 'output[aria-label="export"]', text: 'Saved {label}.csv: {bytes} bytes' }],
  },
});
