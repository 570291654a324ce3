import { pageScope } from '../../../../lib/page-scope';
import type { ItemPageProps } from '../../item-path';
import { RedirectViaAction } from '../redirect-via-action';

export default async function RedirectActionItemPage({ searchParams, params }: ItemPageProps) {
  return <RedirectViaAction scope={await pageScope(searchParams)} id={(await params).id} />;
}
