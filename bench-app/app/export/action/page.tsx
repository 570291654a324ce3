import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { exportBytes } from '../../../lib/services/exports';
import { ScenarioPage } from '../../scenario-page';
import { ExportViaAction } from './export-via-action';

export default async function ExportActionPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="export · Server Action (returns the CSV)">
      <ExportViaAction scope={scope} bytes={exportBytes()} />
    </ScenarioPage>
  );
}
