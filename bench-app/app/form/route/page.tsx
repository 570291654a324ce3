import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { ScenarioPage } from '../../scenario-page';
import { SignupViaRoute } from './signup-via-route';

export default async function FormRoutePage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="form · Route Handler + useState">
      <SignupViaRoute scope={scope} />
    </ScenarioPage>
  );
}
