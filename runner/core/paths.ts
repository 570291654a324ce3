import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root folder (package.json, bench-app/, reports/, .cache/), wherever a module sits below it. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
