// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.cache/',
      'bench-app/.next/',
      'bench-app/.next-probe-*/',
      'bench-app/next-env.d.ts',
      'reports/runs/',
      'reports/published/',
      '.against-*/',
      'examples/*/.next/',
      'examples/*/next-env.d.ts',
      'examples/.against-*/',
      'examples/.broken-*/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error and lets a run end before its work: the bug class this tool cannot afford.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  // Plain JavaScript runs in one of two places: a worker thread, or the page under test.
  { files: ['**/*.mjs', '**/*.cjs', 'eslint.config.js'], languageOptions: { globals: globals.node } },
  { files: ['runner/measure/browser/in-page/**/*.js'], languageOptions: { globals: globals.browser } },
);
