/** C12's Route Handler: a POST like any mutation's, so the proxy probe compares it with an action's POST. */
export function POST() {
  return Response.json({ ok: true });
}
