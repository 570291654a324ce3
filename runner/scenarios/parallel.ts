import { ITEM } from './item-list';
import { defineScenario, ownFiles } from './scenario';

/** The parallel batch's letters (bench-app/app/parallel/add-five.tsx). */
const BATCH = ['a', 'b', 'c', 'd', 'e'];

export const parallel = defineScenario({
  id: 'parallel',
  summary: 'add 5 items at once (Promise.all); all 5 appear',
  // Next's client sends one action at a time: the five form a chain. Five fetches overlap.
  expectedRoundTrips: { action: 5, route: 1 },
  expectedRequests: { action: 5, route: 5 },
  transportFiles: {
    action: ['app/parallel/actions.ts', 'app/parallel/action/page.tsx'],
    route: [...ownFiles('parallel', 'add-five-via-route.tsx').route, 'lib/client/fetch-json.ts'],
  },
  httpReplay: true,
  interaction: {
    steps: [{ fill: { label: 'batch' }, value: '{label}' }],
    trigger: { role: 'button', name: 'Add 5' },
    expect: BATCH.map((letter) => ({ selector: ITEM, text: `{label}-${letter}` })),
  },
});
