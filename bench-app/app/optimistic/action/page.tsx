import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { readLike } from '../../../lib/services/likes';
import { ScenarioPage } from '../../scenario-page';
import { LikeViaAction } from './like-via-action';

export default async function OptimisticActionPage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="optimistic · Server Action + useOptimistic">
      <LikeViaAction scope={scope} initial={readLike(scope)} />
    </ScenarioPage>
  );
}
