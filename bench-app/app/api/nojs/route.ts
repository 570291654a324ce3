import { addItem } from '../../../lib/services/items';
import { InvalidInputError } from '../../../lib/services/validation';

/** A plain form's POST: add the item, then 303 back to the page, which the browser loads with a GET. */
export async function POST(request: Request): Promise<Response> {
  const form = await request.formData();
  try {
    const { scope } = await addItem({ scope: form.get('scope'), text: form.get('text') }, 'nojs');
    return new Response(null, { status: 303, headers: { location: `/nojs/route?scope=${encodeURIComponent(scope)}` } });
  } catch (error) {
    if (error instanceof InvalidInputError) return new Response(error.message, { status: 400 });
    throw error;
  }
}
