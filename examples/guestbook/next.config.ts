import path from 'node:path';
import type { NextConfig } from 'next';

const config: NextConfig = {
  // The packages are the repository's (two levels up): name that root so Turbopack does not guess.
  turbopack: { root: path.resolve(process.cwd(), '..', '..') },
};

export default config;
