import { defineScenario } from './scenario';

const COUNT = 'output[aria-label="count"]';

export const counter = defineScenario({
  id: 'counter',
  summary: 'click "+1"; the new value appears',
  expectedRoundTrips: { action: 1, route: 1 },
  floorVariant: 'route',
  transportFiles: {
    action: ['app/counter/actions.ts', 'app/counter/action/page.tsx'],
    route: [
      'app/api/counter/route.ts',
      'lib/route-handler.ts',
      'lib/client/fetch-json.ts',
      'app/counter/route/counter-via-route.tsx',
      'app/counter/route/page.tsx',
    ],
  },
  httpReplay: true,
  interaction: {
    steps: [{ read: COUNT, as: 'count' }],
    trigger: { role: 'button', name: '+1' },
    expect: [{ selector: COUNT, text: '{count+1}' }],
  },
});
