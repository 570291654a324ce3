import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { listItems } from '../../../lib/services/items';
import { ScenarioPage } from '../../scenario-page';
import { ItemsViaRouteQuery } from './items-via-route-query';

export default async function RevalidateRouteQueryPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="revalidate · Route Handler + TanStack Query invalidation">
      <ItemsViaRouteQuery scope={scope} initial={listItems(scope)} />
    </ScenarioPage>
  );
}
