import type { MutationBenchConfig } from 'mutation-bench';

/**
 * The guestbook measured by mutation-bench: `npx mutation-bench --config examples/guestbook/mutation-bench.config.ts`.
 * Nothing in mutation-bench's runner knows this app: everything it needs is here.
 */
const config: MutationBenchConfig = {
  // This folder: built with `next build`, served with `next start`.
  app: { dir: '.' },
  // Before every page load the guestbook is emptied, so every page load starts from the same page.
  reset: { url: '/api/reset' },
  scenarios: {
    sign: {
      summary: 'sign the guestbook; the entry appears in the list',
      baseline: 'action',
      variants: {
        // The action's response carries the re-rendered list (revalidatePath): one round trip.
        action: { page: '/action', roundTrips: 1 },
        // POST /api/entries, then the list is updated from its answer: one round trip.
        route: { page: '/route', roundTrips: 1 },
      },
      interaction: {
        steps: [
          // The form is enabled again once the previous signature's transition has ended.
          { waitFor: { css: 'button:enabled', hasText: 'Sign' } },
          { fill: { label: 'message', exact: true }, value: '{label}' },
        ],
        trigger: { role: 'button', name: 'Sign' },
        expect: [{ selector: 'ul[aria-label="entries"] > li', text: '{label}' }],
      },
      // Under HTTP load, every answered signature must be in the guestbook: counted by the messages' prefix.
      persisted: { url: '/api/entries/count?prefix={prefix}' },
    },
  },
  regression: { bandPercent: 5, bandMs: 2, failOnRegression: true },
};

export default config;
