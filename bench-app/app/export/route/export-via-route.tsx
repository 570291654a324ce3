'use client';

import { ExportForm } from '../export-form';

async function download(scope: string, name: string): Promise<Blob> {
  const response = await fetch(`/api/export?${new URLSearchParams({ scope, name })}`);
  if (!response.ok) throw new Error(`GET /api/export answered ${response.status}`);
  return response.blob();
}

export function ExportViaRoute({ scope, bytes }: { scope: string; bytes: number }) {
  return <ExportForm scope={scope} bytes={bytes} download={download} />;
}
