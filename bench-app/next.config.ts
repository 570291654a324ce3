import path from 'node:path';
import type { NextConfig } from 'next';

const config: NextConfig = {
  // The lockfile lives one level up; name the workspace root so Turbopack does not guess.
  turbopack: { root: path.resolve(process.cwd(), '..') },
  // better-sqlite3 is a native addon: load it with Node's require, never bundle it.
  serverExternalPackages: ['better-sqlite3'],
  // Above the 1 MB default, so the payload probe shows what React's decoder refuses rather than the size limit.
  experimental: { serverActions: { bodySizeLimit: '4mb' } },
};

export default config;
