import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { listItems } from '../../../lib/services/items';
import { ScenarioPage } from '../../scenario-page';
import { ItemList } from '../item-list';
import { AddItemViaRouteRefresh } from './add-item-via-route-refresh';

export default async function RevalidateRouteRefreshPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="revalidate · Route Handler + router.refresh()">
      <ItemList items={listItems(scope)} />
      <AddItemViaRouteRefresh scope={scope} />
    </ScenarioPage>
  );
}
