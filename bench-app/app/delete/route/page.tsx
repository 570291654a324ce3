import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { remainingItems } from '../../../lib/services/deletions';
import { DeleteViaRoute } from './delete-via-route';

export default async function DeleteRoutePage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return <DeleteViaRoute scope={scope} initial={remainingItems(scope)} />;
}
