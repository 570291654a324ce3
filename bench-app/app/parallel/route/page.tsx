import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { listItems } from '../../../lib/services/items';
import { ScenarioPage } from '../../scenario-page';
import { AddFiveViaRoute } from './add-five-via-route';

export default async function ParallelRoutePage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="parallel · 5 Route Handler requests at once">
      <AddFiveViaRoute scope={scope} initial={listItems(scope, 'parallel')} />
    </ScenarioPage>
  );
}
