import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { ScenarioPage } from '../../scenario-page';
import { SignupViaAction } from './signup-via-action';

export default async function FormActionPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="form · Server Action + useActionState">
      <SignupViaAction scope={scope} />
    </ScenarioPage>
  );
}
