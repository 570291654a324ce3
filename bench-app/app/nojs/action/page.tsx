import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { listItems } from '../../../lib/services/items';
import { ItemList } from '../../revalidate/item-list';
import { ScenarioPage } from '../../scenario-page';
import { addItemFormAction } from '../actions';
import { PlainForm } from '../plain-form';

export default async function NoJsActionPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="nojs · <form action={serverAction}>">
      <ItemList items={listItems(scope, 'nojs')} />
      <PlainForm scope={scope} action={addItemFormAction} />
    </ScenarioPage>
  );
}
