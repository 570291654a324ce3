import { Scope } from './services/validation';

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Reads `?scope=` (default "default"). Awaiting searchParams also makes every page dynamic, which the
 * fixture needs: a prerendered page would hand router.refresh() stale build-time data.
 */
export async function pageScope(searchParams: SearchParams): Promise<string> {
  const { scope } = await searchParams;
  return Scope.parse(typeof scope === 'string' ? scope : 'default');
}
