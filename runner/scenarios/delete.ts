import { defineScenario, ownFiles } from './scenario';

const FIRST = 'ul[aria-label="remaining"] > li:first-child > span';

export const deleteScenario = defineScenario({
  id: 'delete',
  summary: 'delete the first item of a list; the next one moves up (the Route Handler answers DELETE)',
  expectedRoundTrips: { action: 1, route: 1 },
  transportFiles: ownFiles('delete', 'delete-via-route.tsx'),
  httpReplay: true,
  async prepare(page) {
    const [first, next] = await page.locator('ul[aria-label="remaining"] > li > span').allTextContents();
    if (first === undefined || next === undefined) throw new Error('delete: the list has fewer than two items left');
    return {
      trigger: page.getByRole('button', { name: `delete ${first}`, exact: true }),
      expect: [{ selector: FIRST, text: next }],
    };
  },
});
