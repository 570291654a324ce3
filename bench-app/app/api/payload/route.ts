import { saveUpload, uploadFields } from '../../../lib/services/uploads';
import { InvalidInputError } from '../../../lib/services/validation';

/** The same multipart body the action gets; a Route Handler sets no body limit of its own. */
export async function POST(request: Request): Promise<Response> {
  try {
    return Response.json(await saveUpload(uploadFields(await request.formData())), { status: 201 });
  } catch (error) {
    if (error instanceof InvalidInputError) return Response.json({ error: error.message }, { status: 400 });
    throw error;
  }
}
