import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { readCounter } from '../../../lib/services/counter';
import { ScenarioPage } from '../../scenario-page';
import { incrementFromForm } from './actions';

/**
 * A plain form bound to an action, showing the scope's count: it works without JavaScript (C6: the POST answers
 * with this page re-rendered) and is the target of C5's cross-site form.
 */
export default async function FormActionProbePage({ searchParams }: { searchParams: SearchParams }) {
  const scope = await pageScope(searchParams);
  return (
    <ScenarioPage title="probe · form action">
      <p>
        Count: <output aria-label="count">{readCounter(scope)}</output>
      </p>
      <form action={incrementFromForm}>
        <input type="hidden" name="scope" value={scope} />
        <button type="submit">Submit</button>
      </form>
    </ScenarioPage>
  );
}
