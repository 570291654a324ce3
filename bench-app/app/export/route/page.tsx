import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { exportBytes } from '../../../lib/services/exports';
import { ScenarioPage } from '../../scenario-page';
import { ExportViaRoute } from './export-via-route';

export default async function ExportRoutePage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="export · Route Handler (streamed Response)">
      <ExportViaRoute scope={scope} bytes={exportBytes()} />
    </ScenarioPage>
  );
}
