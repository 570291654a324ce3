import { exportStream, recordExport } from '../../../lib/services/exports';
import { InvalidInputError } from '../../../lib/services/validation';

/** A download is a GET: the CSV streams a page of rows at a time, so the server never holds the whole file. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  try {
    const { name } = await recordExport({ scope: url.searchParams.get('scope'), name: url.searchParams.get('name') });
    return new Response(exportStream(), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.csv"`,
      },
    });
  } catch (error) {
    if (error instanceof InvalidInputError) return Response.json({ error: error.message }, { status: 400 });
    throw error;
  }
}
