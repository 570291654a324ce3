'use client';

import type { Upload } from '../../../lib/services/uploads';
import { UploadForm } from '../upload-form';

async function postUpload(form: FormData): Promise<Upload> {
  const response = await fetch('/api/payload', { method: 'POST', body: form });
  if (!response.ok) throw new Error(`POST /api/payload answered ${response.status}`);
  return (await response.json()) as Upload;
}

export function UploadViaRoute({ scope }: { scope: string }) {
  return <UploadForm scope={scope} upload={postUpload} />;
}
