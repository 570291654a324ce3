import { listItems } from '../../../../lib/services/items';

/**
 * C7's control: a GET Route Handler that opts into caching (prerendered at build), so the caching probe can show
 * what a stale read looks like. Its scope is the probe's (runner/measure/probes/caching.ts).
 */
export const dynamic = 'force-static';

export function GET() {
  return Response.json({ items: listItems('probe-cached') });
}
