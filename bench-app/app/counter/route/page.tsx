import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { readCounter } from '../../../lib/services/counter';
import { CounterViaRoute } from './counter-via-route';

export default async function CounterRoutePage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return <CounterViaRoute scope={scope} initial={readCounter(scope)} />;
}
