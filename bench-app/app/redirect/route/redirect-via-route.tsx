import { RedirectPage } from '../redirect-page';
import { CreateViaRoute } from './create-via-route';

/** The form page, and (with an id) the page a created item lands on. */
export function RedirectViaRoute({ scope, id }: { scope: string; id?: string }) {
  return (
    <RedirectPage
      title="redirect · Route Handler + router.push()"
      scope={scope}
      id={id}
      form={<CreateViaRoute scope={scope} />}
    />
  );
}
