import fs from 'node:fs';
import { createRequire } from 'node:module';

const projectRequire = createRequire(import.meta.url);

/** The version of a package this checkout has installed (its node_modules, as package-lock.json pins it). */
export const installedVersion = (name: string): string =>
  JSON.parse(fs.readFileSync(projectRequire.resolve(`${name}/package.json`), 'utf8')).version;

/** The Next version the project pins (package.json): measured from bench-app itself, never installed again. */
export const PINNED_NEXT = installedVersion('next');
