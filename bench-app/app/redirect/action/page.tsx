import { pageScope, type SearchParams } from '../../../lib/page-scope';
import { RedirectViaAction } from './redirect-via-action';

export default async function RedirectActionPage({ searchParams }: { searchParams: SearchParams }) {
  return <RedirectViaAction scope={await pageScope(searchParams)} />;
}
