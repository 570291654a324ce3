import type { PersistedCounts } from '../../../bench-app/lib/integrity-sql';

/** What a scenario persisted under a scope prefix: the local database read directly, or a deployment's integrity endpoint. */
export type PersistedReader = (
  scenario: string,
  prefix: string,
) => Promise<Pick<PersistedCounts, 'mutations' | 'duplicated'>>;
