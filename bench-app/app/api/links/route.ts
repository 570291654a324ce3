import { jsonHandler } from '../../../lib/route-handler';
import { addItem, listItems } from '../../../lib/services/items';

/** revalidate's Route Handler for the page with links: `?return=list` answers with the new list (route-json). */
export const POST = jsonHandler(async (body, url) => {
  const { scope, item } = await addItem(body, 'links');
  return {
    status: 201,
    json: url.searchParams.get('return') === 'list' ? { items: listItems(scope, 'links') } : { item },
  };
});
