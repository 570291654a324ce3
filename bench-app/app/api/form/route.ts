import { jsonHandler } from '../../../lib/route-handler';
import { submitSignup } from '../../../lib/services/signup';

/** 201 with the signup, or 422 with the field errors the page shows. */
export const POST = jsonHandler(async (body) => {
  const { scope, ...fields } = (body ?? {}) as Record<string, unknown>;
  const outcome = await submitSignup(scope, fields);
  return { status: outcome.ok ? 201 : 422, json: outcome };
});
