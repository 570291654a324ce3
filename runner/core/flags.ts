import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from './errors';

/** parseArgs for every command: an unknown or malformed flag is a UserError (one line, exit 2) pointing at --help. */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UserError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
}

/** A --target value: an http(s) origin, no path. */
export function parseTarget(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(`--target takes a URL like https://fixture.example.com (got "${raw}")`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
    throw new UserError(
      `--target takes an http(s) origin with no path, like https://fixture.example.com (got "${raw}")`,
    );
  }
  return url.origin;
}
