import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { RedirectViaRoute } from './redirect-via-route';

export default async function RedirectRoutePage({ searchParams }: { searchParams: SearchParams }) {
  return <RedirectViaRoute scope={await pageScope(searchParams)} />;
}
