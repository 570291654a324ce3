/** POST/GET JSON the way a hand-written client does: fail loudly on a non-2xx answer. */
export async function fetchJson<T>(url: string, init?: { method: 'POST'; body: unknown }): Promise<T> {
  const response = await fetch(
    url,
    init && { method: init.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) },
  );
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${response.status}`);
  return (await response.json()) as T;
}
