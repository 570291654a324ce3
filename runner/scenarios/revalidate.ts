import { addItem } from './item-list';
import { defineScenario } from './scenario';

export const revalidate = defineScenario({
  id: 'revalidate',
  summary: 'add an item to a list rendered by a Server Component',
  expectedRoundTrips: { action: 1, 'route-refresh': 2, 'route-json': 1, 'route-query': 2 },
  requestChain: {
    'route-refresh': ['the POST to /api/revalidate', 'the refresh (router.refresh() fetching the page again)'],
    'route-query': ['the POST to /api/revalidate', 'the refetch (GET /api/revalidate)'],
  },
  shippedChromeVariants: ['action', 'route-refresh', 'route-query'],
  floorVariant: 'route-json',
  transportFiles: {
    action: ['app/revalidate/actions.ts', 'app/revalidate/action/page.tsx'],
    ...Object.fromEntries(
      (['route-refresh', 'route-json', 'route-query'] as const).map((variant) => [
        variant,
        [
          'app/api/revalidate/route.ts',
          'lib/route-handler.ts',
          'lib/client/fetch-json.ts',
          'app/revalidate/items-api.ts',
          ...{
            'route-refresh': ['route-refresh/add-item-via-route-refresh.tsx'],
            'route-json': ['route-json/items-via-route-json.tsx'],
            'route-query': ['route-query/items-via-route-query.tsx'],
          }[variant].map((file) => `app/revalidate/${file}`),
          `app/revalidate/${variant}/page.tsx`,
        ],
      ]),
    ),
  },
  httpReplay: true,
  interaction: addItem(),
});
