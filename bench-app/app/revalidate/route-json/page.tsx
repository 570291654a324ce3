import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { listItems } from '../../../lib/services/items';
import { ScenarioPage } from '../../scenario-page';
import { ItemsViaRouteJson } from './items-via-route-json';

export default async function RevalidateRouteJsonPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="revalidate · Route Handler returning the list">
      <ItemsViaRouteJson scope={scope} initial={listItems(scope)} />
    </ScenarioPage>
  );
}
