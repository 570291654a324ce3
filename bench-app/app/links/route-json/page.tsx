import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { listItems } from '../../../lib/services/items';
import { ScenarioPage } from '../../scenario-page';
import { LinkGrid } from '../link-grid';
import { LinkedItemsViaRouteJson } from './linked-items-via-route-json';

export default async function LinksRouteJsonPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="links · Route Handler returning the list, with links on screen">
      <LinkGrid scope={scope} />
      <LinkedItemsViaRouteJson scope={scope} initial={listItems(scope, 'links')} />
    </ScenarioPage>
  );
}
