import { addItem } from './item-list';
import { defineScenario, ownFiles } from './scenario';

export const redirect = defineScenario({
  id: 'redirect',
  summary: "create an item, then land on the created item's page",
  expectedRoundTrips: { action: 1, route: 2 },
  transportFiles: {
    action: [
      'app/redirect/actions.ts',
      'app/redirect/action/redirect-via-action.tsx',
      'app/redirect/action/page.tsx',
      'app/redirect/action/[id]/page.tsx',
    ],
    route: [
      ...ownFiles('redirect', 'create-via-route.tsx').route,
      'lib/client/fetch-json.ts',
      'app/redirect/route/redirect-via-route.tsx',
      'app/redirect/route/[id]/page.tsx',
    ],
  },
  httpReplay: true,
  interaction: addItem('h2[aria-label="created item"]'),
});
