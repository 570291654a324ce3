import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { listItems } from '../../../lib/services/items';
import { ScenarioPage } from '../../scenario-page';
import { AddItem } from '../../revalidate/add-item';
import { ItemList } from '../../revalidate/item-list';
import { addLinkedItemAction } from '../actions';
import { LinkGrid } from '../link-grid';

export default async function LinksActionPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="links · Server Action + revalidatePath, with links on screen">
      <LinkGrid scope={scope} />
      <ItemList items={listItems(scope, 'links')} />
      <AddItem scope={scope} add={addLinkedItemAction} />
    </ScenarioPage>
  );
}
