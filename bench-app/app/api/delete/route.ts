import { jsonHandler } from '../../../lib/route-handler';
import { deleteItem } from '../../../lib/services/deletions';

export const DELETE = jsonHandler(async (body) => ({ json: { items: await deleteItem(body) } }));
