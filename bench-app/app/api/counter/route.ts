import { jsonHandler } from '../../../lib/route-handler';
import { incrementCounter } from '../../../lib/services/counter';

export const POST = jsonHandler(async (body) => ({ json: { value: await incrementCounter(body) } }));
