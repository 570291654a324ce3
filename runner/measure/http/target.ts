import { z } from 'zod';
import { UserError } from '../../core/errors';
import type { PersistedReader } from './persisted';

/** What /api/bench/build answers: captured action ids belong to one build. */
export const BuildInfoSchema = z.object({ buildId: z.string().min(1), actionKeyFixed: z.boolean() });
export type BuildInfo = z.infer<typeof BuildInfoSchema>;

const IntegritySchema = z.object({
  prefix: z.string(),
  scenarios: z.record(
    z.string(),
    z.object({ scopes: z.number().int(), mutations: z.number().int(), duplicated: z.number().int() }),
  ),
});
export type IntegrityAnswer = z.infer<typeof IntegritySchema>;

async function getJson<T>(url: string, schema: z.ZodType<T>, timeoutMs: number, what: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    throw new UserError(
      `${url} did not answer (${(error as Error).message}): is the fixture deployed and reachable there?`,
    );
  }
  const text = await response.text();
  if (!response.ok) throw new UserError(`${url} answered ${response.status}: ${what}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new UserError(`${url} did not answer like the fixture: ${what}`);
  return parsed.data;
}

/** The build a fixture server runs. */
export function fetchBuildInfo(origin: string, timeoutMs: number): Promise<BuildInfo> {
  return getJson(
    `${origin}/api/bench/build`,
    BuildInfoSchema,
    timeoutMs,
    'the target must serve the fixture (bench-app) built from this checkout',
  );
}

/** What a deployment persisted under a scope prefix, per scenario (its integrity endpoint). */
export function fetchPersisted(origin: string, prefix: string, timeoutMs: number): Promise<IntegrityAnswer> {
  return getJson(
    `${origin}/api/bench/integrity?prefix=${encodeURIComponent(prefix)}`,
    IntegritySchema,
    timeoutMs,
    'start the deployment with BENCH_INTEGRITY=1 so that it can say what it persisted',
  );
}

/** Integrity counts from a deployment. */
export function remotePersisted(origin: string, timeoutMs: number): PersistedReader {
  return async (scenario, prefix) => {
    const counts = (await fetchPersisted(origin, prefix, timeoutMs)).scenarios[scenario];
    if (!counts)
      throw new UserError(`${origin} knows no scenario ${scenario}: deploy the fixture built from this checkout`);
    return counts;
  };
}

/** Refuses a replay of requests captured from one build against another: their action ids would not resolve. */
export function requireSameBuild(captured: BuildInfo, serving: BuildInfo, origin: string): void {
  if (captured.buildId !== serving.buildId) {
    throw new UserError(
      `${origin} runs build ${serving.buildId}, the requests were captured from build ${captured.buildId}: action ids belong to their build, capture again from this deployment (npm run bench -- --suite http --target ${origin} --export artillery,har)`,
    );
  }
}
