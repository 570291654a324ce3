import { jsonHandler } from '../../../lib/route-handler';
import { addItem } from '../../../lib/services/items';

export const POST = jsonHandler(async (body) => ({
  status: 201,
  json: { item: (await addItem(body, 'redirect')).item },
}));
