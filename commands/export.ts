import path from 'node:path';
import { parseFlags } from '../runner/core/flags';
import { runMain } from '../runner/core/cleanup';
import { DEFAULT_TIMEOUT_MS, EXPORT_FORMATS } from '../runner/core/config';
import { UserError } from '../runner/core/errors';
import { readCaptureFile } from '../runner/measure/http/capture';
import { fetchBuildInfo, requireSameBuild } from '../runner/measure/http/target';
import { parseTarget } from '../runner/core/flags';
import { DEFAULT_LOAD, writeExports } from '../runner/measure/export/write-exports';

const USAGE = `Usage: npm run export -- <run folder> [options]

Writes a run's captured interactions (its capture.json) beside it as an Artillery test, a HAR 1.2 file and a
k6 script.

  --format LIST     artillery, har, k6 (default all three)
  --target URL      the origin the load tests load (default: where the capture was made); checked first: a
                    deployment running another build than the captured one is refused
  --rate N          arrival rate, new virtual users (one interaction each) per second (default ${DEFAULT_LOAD.arrivalRate})
  --duration S      load length in seconds (default ${DEFAULT_LOAD.durationSeconds})
  --help            this text`;

function positiveNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0)
    throw new UserError(`--${name} takes a positive number (got "${raw}")`);
  return Number(raw);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags({
    args: argv,
    options: {
      format: { type: 'string' },
      target: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UserError(
      'usage: npm run export -- reports/runs/<run-id> [--format artillery,har,k6] [--target URL] (see --help)',
    );
  const dir = path.resolve(positionals[0]!);
  const formats = (values.format ?? EXPORT_FORMATS.join(',')).split(',').map((format) => format.trim());
  const unknown = formats.find((format) => !(EXPORT_FORMATS as readonly string[]).includes(format));
  if (unknown) throw new UserError(`unknown --format "${unknown}": choose from ${EXPORT_FORMATS.join(', ')}`);
  const file = readCaptureFile(path.join(dir, 'capture.json'));
  const target = values.target === undefined ? file.origin : parseTarget(values.target);
  if (target !== file.origin) requireSameBuild(file.build, await fetchBuildInfo(target, DEFAULT_TIMEOUT_MS), target);
  const written = writeExports(file, formats as (typeof EXPORT_FORMATS)[number][], dir, {
    target,
    ...(values.rate === undefined ? {} : { arrivalRate: positiveNumber('rate', values.rate)! }),
    ...(values.duration === undefined ? {} : { durationSeconds: positiveNumber('duration', values.duration)! }),
  });
  for (const name of written) console.log(path.relative(process.cwd(), name));
  return 0;
}

runMain('mutation-bench export', () => main(process.argv.slice(2)));
