import { addItem } from './item-list';
import { defineScenario } from './scenario';

const LINK_CLIENTS = {
  'route-refresh': 'route-refresh/add-linked-item-via-route-refresh.tsx',
  'route-json': 'route-json/linked-items-via-route-json.tsx',
} as const;

/**
 * revalidate's mutation on a page with 24 `<Link>`s on screen (bench-app/app/links/link-grid.tsx): in Next 16 a
 * refresh or an action's invalidation makes the router prefetch every visible link again (vercel/next.js#93210).
 * Measured in 16.5.0: after router.refresh() the 24 prefetches start beside the refresh request (a few before the
 * item shows, the rest in the settle window); revalidatePath in the action's response prefetched nothing again;
 * route-json refreshes nothing and is the contrast.
 */
export const links = defineScenario({
  id: 'links',
  summary: 'add an item to a Server Component list on a page showing 24 links (re-prefetched after a refresh)',
  expectedRoundTrips: { action: 1, 'route-refresh': 2, 'route-json': 1 },
  // The first prefetch started 14 to 40 ms after the item showed (16.5.0); later ones start while others are in flight.
  settleQuietMs: 150,
  requestChain: {
    'route-refresh': ['the POST to /api/links', 'the refresh (router.refresh() fetching the page again)'],
  },
  noKnownRttRise: {
    'route-refresh':
      'the router prefetches the links while the refresh is in flight, over the same six connections a browser opens to one origin',
  },
  transportFiles: {
    action: ['app/links/actions.ts', 'app/links/action/page.tsx'],
    ...Object.fromEntries(
      Object.entries(LINK_CLIENTS).map(([variant, client]) => [
        variant,
        [
          'app/api/links/route.ts',
          'lib/route-handler.ts',
          'lib/client/fetch-json.ts',
          'app/links/items-api.ts',
          `app/links/${client}`,
          `app/links/${variant}/page.tsx`,
        ],
      ]),
    ),
  },
  httpReplay: {
    skipped: 'its subject is the browser router’s prefetching after the mutation; revalidate replays the same mutation',
  },
  interaction: addItem(),
});
