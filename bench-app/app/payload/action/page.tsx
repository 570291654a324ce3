import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { ScenarioPage } from '../../scenario-page';
import { uploadAction } from '../actions';
import { UploadForm } from '../upload-form';

export default async function PayloadActionPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="payload · Server Action (FormData)">
      <UploadForm scope={scope} upload={uploadAction} />
    </ScenarioPage>
  );
}
