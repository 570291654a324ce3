import path from 'node:path';
import { UserError } from '../runner/errors';
import { writeReport } from './write';

/** npm run report -- <run folder>: re-renders a run's index.html from its results.json, measuring nothing. */
const [dir, ...rest] = process.argv.slice(2);
try {
  if (!dir || rest.length > 0 || dir.startsWith('-')) throw new UserError('usage: npm run report -- reports/runs/<run-id>');
  console.log(`Report: ${path.relative(process.cwd(), writeReport(path.resolve(dir)))}`);
} catch (error) {
  console.error(`mutation-bench: ${error instanceof UserError ? error.message : (error as Error).stack}`);
  process.exit(error instanceof UserError ? 2 : 1);
}
