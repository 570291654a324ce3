import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { listItems } from '../../../lib/services/items';
import { ScenarioPage } from '../../scenario-page';
import { addParallelItemAction } from '../actions';
import { AddFive } from '../add-five';

export default async function ParallelActionPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="parallel · 5 Server Actions at once">
      <AddFive scope={scope} initial={listItems(scope, 'parallel')} add={addParallelItemAction} />
    </ScenarioPage>
  );
}
