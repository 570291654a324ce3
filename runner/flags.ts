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
