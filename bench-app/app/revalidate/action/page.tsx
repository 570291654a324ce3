import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { listItems } from '../../../lib/services/items';
import { ScenarioPage } from '../../scenario-page';
import { addItemAction } from '../actions';
import { AddItem } from '../add-item';
import { ItemList } from '../item-list';

export default async function RevalidateActionPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="revalidate · Server Action + revalidatePath">
      <ItemList items={listItems(scope)} />
      <AddItem scope={scope} add={addItemAction} />
    </ScenarioPage>
  );
}
