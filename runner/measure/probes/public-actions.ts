import { counterValue } from '../fixture/read-database';
import { actionIds, callAction } from './action-request';

export interface PublicActionRow {
  action: string;
  /** Whether any page's client code imports it (the manifest lists the pages whose bundles reference it). */
  importedByClient: boolean;
  inBuild: boolean;
  status: number | null;
  persisted: boolean;
}

/**
 * C8: actions called from a plain HTTP client with nothing but their id, as anyone who read one request could:
 * the counter's action (a client imports it) and an action exported beside a form's action that no client imports.
 */
export async function probePublicActions(options: {
  origin: string;
  dbPath: string;
  appDir?: string;
}): Promise<PublicActionRow[]> {
  const { origin, dbPath } = options;
  const ids = actionIds(options.appDir);
  const targets = [
    { action: 'incrementAction', file: 'app/counter/actions.ts', page: '/counter/action', importedByClient: true },
    { action: 'incrementUnused', file: 'app/probe/csrf/actions.ts', page: '/probe/csrf', importedByClient: false },
  ];
  const rows: PublicActionRow[] = [];
  for (const { action, file, page, importedByClient } of targets) {
    const entry = ids.find((candidate) => candidate.file === file && candidate.exportedName === action);
    if (!entry) {
      rows.push({ action, importedByClient, inBuild: false, status: null, persisted: false });
      continue;
    }
    const scope = `public-${action}-${Date.now().toString(36)}`;
    const response = await callAction(origin, page, entry.id, [scope]);
    await response.arrayBuffer();
    rows.push({
      action,
      importedByClient,
      inBuild: true,
      status: response.status,
      persisted: counterValue(dbPath, scope) > 0,
    });
  }
  return rows;
}
