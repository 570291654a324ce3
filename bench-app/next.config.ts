import path from 'node:path';
import type { NextConfig } from 'next';

const config: NextConfig = {
  // The lockfile lives one level up; name the workspace root so Turbopack does not guess.
  turbopack: { root: path.resolve(process.cwd(), '..') },
  // better-sqlite3 is a native addon: load it with Node's require, never bundle it.
  serverExternalPackages: ['better-sqlite3'],
  // Server Actions keep Next's default 1 MB body limit: the payload scenario measures what users get.
  // The build probes (runner/measure/probes/builds.ts) build the same sources beside the measured build, never over it.
  distDir: process.env.BENCH_DIST_DIR ?? '.next',
  // C13's misuse build adds app/probe/misuse/page.misuse.tsx, a page whose client component imports server-only code.
  pageExtensions: process.env.BENCH_SERVER_ONLY_MISUSE ? ['tsx', 'ts', 'misuse.tsx'] : ['tsx', 'ts'],
};

export default config;
