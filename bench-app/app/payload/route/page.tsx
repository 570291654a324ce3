import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { ScenarioPage } from '../../scenario-page';
import { UploadViaRoute } from './upload-via-route';

export default async function PayloadRoutePage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="payload · Route Handler (FormData)">
      <UploadViaRoute scope={scope} />
    </ScenarioPage>
  );
}
