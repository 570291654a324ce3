import { AddItem } from '../../revalidate/add-item';
import { createItemAction } from '../actions';
import { RedirectPage } from '../redirect-page';

/** The form page, and (with an id) the page a created item lands on. */
export function RedirectViaAction({ scope, id }: { scope: string; id?: string }) {
  return (
    <RedirectPage
      title="redirect · Server Action + redirect()"
      scope={scope}
      id={id}
      form={<AddItem scope={scope} add={createItemAction} />}
    />
  );
}
