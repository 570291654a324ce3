import { defineScenario, ownFiles } from './scenario';

export const optimistic = defineScenario({
  id: 'optimistic',
  summary: 'toggle "Like": the toggled state paints at once (mark "optimistic"), the server-confirmed version follows',
  expectedRoundTrips: { action: 1, route: 1 },
  markRoundTrips: { optimistic: 0 },
  transportFiles: {
    action: [
      'app/optimistic/actions.ts',
      'app/optimistic/action/like-via-action.tsx',
      'app/optimistic/action/page.tsx',
    ],
    route: ownFiles('optimistic', 'like-via-route.tsx').route,
  },
  httpReplay: true,
  async prepare(page) {
    const button = page.locator('button[aria-label="like"]');
    const version = 'output[aria-label="saved version"]';
    const toggled = (await button.getAttribute('aria-pressed')) === 'true' ? 'Like' : 'Liked';
    const confirmed = String(Number(await page.locator(version).textContent()) + 1);
    return {
      trigger: button,
      expect: [
        { selector: version, text: confirmed },
        { selector: 'button[aria-label="like"]', text: toggled },
      ],
      marks: { optimistic: { selector: 'button[aria-label="like"]', text: toggled } },
    };
  },
});
