import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { readLike } from '../../../lib/services/likes';
import { ScenarioPage } from '../../scenario-page';
import { LikeViaRoute } from './like-via-route';

export default async function OptimisticRoutePage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="optimistic · Route Handler + optimistic setState">
      <LikeViaRoute scope={scope} initial={readLike(scope)} />
    </ScenarioPage>
  );
}
