import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { remainingItems } from '../../../lib/services/deletions';
import { deleteAction } from '../actions';
import { DeletableList } from '../deletable-list';

export default async function DeleteActionPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <DeletableList title="delete · Server Action" scope={scope} initial={remainingItems(scope)} remove={deleteAction} />
  );
}
