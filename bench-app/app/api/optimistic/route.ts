import { jsonHandler } from '../../../lib/route-handler';
import { toggleLike } from '../../../lib/services/likes';

export const POST = jsonHandler(async (body) => ({ json: await toggleLike(body) }));
