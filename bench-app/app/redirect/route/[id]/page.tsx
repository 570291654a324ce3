import { pageScope } from '../../../../lib/page-scope';
import type { ItemPageProps } from '../../item-path';
import { RedirectViaRoute } from '../redirect-via-route';

export default async function RedirectRouteItemPage({ searchParams, params }: ItemPageProps) {
  return <RedirectViaRoute scope={await pageScope(searchParams)} id={(await params).id} />;
}
