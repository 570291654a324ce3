import { defineScenario, ownFiles } from './scenario';

const REMAINING = 'ul[aria-label="remaining"] > li > span';
const FIRST = 'ul[aria-label="remaining"] > li:first-child > span';

export const deleteScenario = defineScenario({
  id: 'delete',
  summary: 'delete the first item of a list; the next one moves up (the Route Handler answers DELETE)',
  expectedRoundTrips: { action: 1, route: 1 },
  transportFiles: ownFiles('delete', 'delete-via-route.tsx'),
  httpReplay: true,
  // A list with fewer than two items left fails the read of the second: its end would be unknown.
  interaction: {
    steps: [
      { read: { css: REMAINING, nth: 0 }, as: 'first' },
      { read: { css: REMAINING, nth: 1 }, as: 'next' },
    ],
    trigger: { role: 'button', name: 'delete {first}', exact: true },
    expect: [{ selector: FIRST, text: '{next}' }],
  },
});
