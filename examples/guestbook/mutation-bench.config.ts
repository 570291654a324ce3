import type { MutationBenchConfig } from 'mutation-bench';

// examples/guestbook, measured by `npx mutation-bench --config examples/guestbook/mutation-bench.config.ts`:
// nothing in mutation-bench's runner knows this app, everything it needs is here (docs/own-app.md).
const config: MutationBenchConfig = {
  app: { dir: '.' }, // the folder holding your next.config and app/, or { url } of an app already running
  reset: { url: '/api/reset' }, // POSTed before every page load; or { command: '…' }, or 'none'
  scenarios: {
    sign: {
      summary: 'sign the guestbook; the entry appears in the list',
      baseline: 'action', // every other variant is compared with it, and it has the A/A twin
      variants: {
        action: { page: '/action', roundTrips: 1 }, // roundTrips: the known answer of its rise per RTT
        route: { page: '/route', roundTrips: 1 },
      },
      interaction: {
        steps: [
          { waitFor: { css: 'button:enabled', hasText: 'Sign' } }, // the form is enabled again after the last one
          { fill: { label: 'message', exact: true }, value: '{label}' }, // {label}: unique per interaction
        ],
        trigger: { role: 'button', name: 'Sign' }, // the timed span starts at this click
        expect: [{ selector: 'ul[aria-label="entries"] > li', text: '{label}' }], // ...and ends when this shows
      },
      persisted: { url: '/api/entries/count?prefix={prefix}' }, // integrity under HTTP load: {"count": n}
    },
  },
  regression: { bandPercent: 5, bandMs: 2, failOnRegression: true }, // the duet's gate (docs/ci.md)
};

export default config;
