import { reset } from '../../../lib/store';

/** Empties the guestbook: mutation-bench calls it before every page load (reset.url in the config). */
export function POST(): Response {
  reset();
  return new Response(null, { status: 204 });
}
