'use client';

import { exportAction } from '../actions';
import { ExportForm } from '../export-form';

async function download(scope: string, name: string): Promise<Blob> {
  return new Blob([await exportAction(scope, name)], { type: 'text/csv' });
}

export function ExportViaAction({ scope, bytes }: { scope: string; bytes: number }) {
  return <ExportForm scope={scope} bytes={bytes} download={download} />;
}
