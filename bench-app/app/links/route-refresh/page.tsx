import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { listItems } from '../../../lib/services/items';
import { ScenarioPage } from '../../scenario-page';
import { ItemList } from '../../revalidate/item-list';
import { LinkGrid } from '../link-grid';
import { AddLinkedItemViaRouteRefresh } from './add-linked-item-via-route-refresh';

export default async function LinksRouteRefreshPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="links · Route Handler + router.refresh(), with links on screen">
      <LinkGrid scope={scope} />
      <ItemList items={listItems(scope, 'links')} />
      <AddLinkedItemViaRouteRefresh scope={scope} />
    </ScenarioPage>
  );
}
