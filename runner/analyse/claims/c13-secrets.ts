import { z } from 'zod';
import { cite, notMeasured, type ClaimModule, type ProbeInput } from './claim-module';
import { SEED_002, type Verdict } from './verdicts';
import { list, mb } from './words';

/** The server-only guard: a build whose client component imports the server-only module (--build-probes). */
const GuardRow = z.object({ where: z.string(), buildFailed: z.boolean(), message: z.string().nullable() });
/** The client build output scanned for the secret. */
const ClientFilesRow = z.object({
  where: z.string(),
  files: z.number(),
  bytes: z.number(),
  containing: z.array(z.string()),
});
/** Every response the browser loaded, scanned for the secret. */
const BrowserRow = z.object({
  where: z.string(),
  responses: z.number(),
  bytes: z.number(),
  containing: z.array(z.string()),
});
/** Whether the server used the secret, and the scan saw the action's own response. */
const UsedRow = z.object({
  where: z.string(),
  action: z.boolean(),
  route: z.boolean(),
  actionResponseScanned: z.boolean(),
});
const Row = z.union([GuardRow, ClientFilesRow, BrowserRow, UsedRow]);
type Row = z.infer<typeof Row>;

/** C13: the secret the server demonstrably used is in no client file and no byte the browser loaded. */
export const c13: ClaimModule<Row, ProbeInput> = {
  id: 'C13',
  source: SEED_002,
  quote: 'The secret never reaches the bundle.',
  requires: { suites: ['probes'] },
  evidence: Row,
  evaluate({ probes }) {
    const secrets = probes?.secrets;
    if (!secrets) return notMeasured(c13);
    const used = secrets.actionUsedSecret && secrets.routeUsedSecret;
    const leaked = [...secrets.clientFiles.containing, ...secrets.browser.containing];
    // Absence proves something only if the server used the secret and the scan saw the action's own response.
    const verdict: Verdict = leaked.length ? 'refuted' : used && secrets.signatureSeen ? 'supported' : 'inconclusive';
    const evidence: Row[] = [
      ...(probes?.builds
        ? [
            {
              where: 'a build with a client component importing the server-only module',
              buildFailed: probes.builds.serverOnlyMisuse.buildFailed,
              message: probes.builds.serverOnlyMisuse.message,
            },
          ]
        : []),
      {
        where: 'client build output (.next/static)',
        files: secrets.clientFiles.scanned,
        bytes: secrets.clientFiles.bytes,
        containing: secrets.clientFiles.containing,
      },
      {
        where: 'browser: every response of the probe page and its action call',
        responses: secrets.browser.responses,
        bytes: secrets.browser.bytes,
        containing: secrets.browser.containing,
      },
      {
        where: 'server used the secret',
        action: secrets.actionUsedSecret,
        route: secrets.routeUsedSecret,
        actionResponseScanned: secrets.signatureSeen,
      },
    ];
    return {
      ...cite(c13),
      verdict,
      summary: `A server-only secret used by an action and a Route Handler (${used ? 'both signatures made with it' : 'the server did not use it, so its absence proves nothing'}): found in ${secrets.clientFiles.containing.length} of ${secrets.clientFiles.scanned} client build files (${mb(secrets.clientFiles.bytes)}) and in ${secrets.browser.containing.length} of ${secrets.browser.responses} responses the browser loaded (${mb(secrets.browser.bytes)}).${
        probes?.builds
          ? ` Imported into a client component by mistake, the build ${probes.builds.serverOnlyMisuse.buildFailed ? `failed: "${probes.builds.serverOnlyMisuse.message}"` : 'succeeded (the server-only guard did not stop it)'}.`
          : ' The server-only guard against a wrong import was not exercised (run with --build-probes).'
      }`,
      evidence,
    };
  },
  headline(rows) {
    const client = rows.find((row) => 'files' in row);
    const browser = rows.find((row) => 'responses' in row);
    const used = rows.find((row) => 'actionResponseScanned' in row);
    const build = rows.find((row) => 'buildFailed' in row);
    if (!client || !browser || !used) return null;
    const found = (containing: readonly string[], bytes: number, total: number, what: string) =>
      `${containing.length ? `${containing.length} (${list(containing)})` : 'none'} of ${total} ${what} (${mb(bytes)})`;
    const usedBy =
      used.action && used.route
        ? 'used by both the action and the Route Handler'
        : 'which the server did not use (so its absence proves nothing)';
    const guard = build
      ? ` Imported into a client component by mistake, the build ${build.buildFailed ? 'failed' : 'succeeded'}.`
      : '';
    return `The server-only secret, ${usedBy}, was in ${found(client.containing, client.bytes, client.files, 'client build files')} and in ${found(browser.containing, browser.bytes, browser.responses, 'responses the browser loaded')}.${guard}`;
  },
  headings: {
    where: 'where',
    buildFailed: 'build failed',
    message: 'message',
    files: 'files',
    bytes: 'bytes',
    containing: 'containing',
    responses: 'responses',
    action: 'action',
    route: 'route',
    actionResponseScanned: "action's response scanned",
  },
};
