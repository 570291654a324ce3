import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { listItems } from '../../../lib/services/items';
import { ItemList } from '../../revalidate/item-list';
import { ScenarioPage } from '../../scenario-page';
import { PlainForm } from '../plain-form';

export default async function NoJsRoutePage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="nojs · <form method=post> to a Route Handler (303)">
      <ItemList items={listItems(scope, 'nojs')} />
      <PlainForm scope={scope} action="/api/nojs" />
    </ScenarioPage>
  );
}
