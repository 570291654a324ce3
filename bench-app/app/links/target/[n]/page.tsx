import { pageScope, type SearchParams } from '../../../../lib/page-scope';
import { listItems } from '../../../../lib/services/items';
import { ScenarioPage } from '../../../scenario-page';

/** What a link leads to: a dynamic page reading the same list, so a prefetch of it is never a static file. */
export default async function LinkTargetPage({
  params,
  searchParams,
}: {
  params: Promise<{ n: string }>;
  searchParams: SearchParams;
}) {
  const [{ n }, scope] = await Promise.all([params, pageScope(searchParams)]);
  return (
    <ScenarioPage title={`links · page ${n}`}>
      <p>{listItems(scope, 'links').length} items in this scope.</p>
    </ScenarioPage>
  );
}
