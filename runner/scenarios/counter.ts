import { defineScenario } from './scenario';

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
  async prepare(page) {
    const selector = 'output[aria-label="count"]';
    const current = Number(await page.locator(selector).textContent());
    return { trigger: page.getByRole('button', { name: '+1' }), expect: [{ selector, text: String(current + 1) }] };
  },
});
