import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { readCounter } from '../../../lib/services/counter';
import { incrementAction } from '../actions';
import { Counter } from '../counter';

export default async function CounterActionPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <Counter title="counter · Server Action" scope={scope} initial={readCounter(scope)} increment={incrementAction} />
  );
}
