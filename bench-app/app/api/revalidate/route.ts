import { jsonHandler } from '../../../lib/route-handler';
import { addItem, listItems } from '../../../lib/services/items';

export const GET = jsonHandler(async (_body, url) => ({ json: { items: listItems(url.searchParams.get('scope')) } }));

/** `?return=list` answers with the whole new list (route-json); otherwise with the created item. */
export const POST = jsonHandler(async (body, url) => {
  const { scope, item } = await addItem(body);
  return { status: 201, json: url.searchParams.get('return') === 'list' ? { items: listItems(scope) } : { item } };
});
