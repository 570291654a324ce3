'use server';

import { exportCsv, recordExport } from '../../lib/services/exports';

/** An action returns a value, not a stream of bytes: the whole CSV, built in memory, then serialized. */
export async function exportAction(scope: string, name: string): Promise<string> {
  await recordExport({ scope, name });
  return exportCsv();
}
