import path from 'node:path';
import { parseFlags } from '../runner/core/flags';
import { APP_DIR, buildFixture, startFixture } from '../runner/measure/fixture/app-server';
import { runMain, runSignal } from '../runner/core/cleanup';
import { UserError } from '../runner/core/errors';
import { acquireCheckoutLock } from '../runner/measure/fixture/lock';

const USAGE = `Usage: npm run serve -- [--port N] [--host ADDRESS] [--server-delay MS]

Builds the fixture (when its sources changed) and serves it as a deployment for npm run bench -- --suite http
--target URL: the production server, the action key fixed, the integrity endpoint on (BENCH_INTEGRITY=1), state
in bench-app/data/serve.sqlite (kept across restarts). Runs until Ctrl-C.

  --port N          default 3000
  --host ADDRESS    default 127.0.0.1; 0.0.0.0 to take load from other machines
  --server-delay MS server-side work added to every mutation (default 0)`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'server-delay': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const whole = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw)) throw new UserError(`--${name} takes a whole number (got "${raw}")`);
    return Number(raw);
  };
  const port = whole('port', values.port, 3000);
  const serverDelayMs = whole('server-delay', values['server-delay'], 0);
  // Serving holds the checkout: a local bench run would rebuild .next under the running server.
  const release = acquireCheckoutLock();
  try {
    const logDir = path.join(APP_DIR, 'data');
    console.log(
      (await buildFixture(path.join(logDir, 'serve-build.log'))) ? 'fixture built' : 'fixture build is up to date',
    );
    const server = await startFixture({
      port,
      host: values.host,
      integrityEndpoint: true,
      dbPath: path.join(logDir, 'serve.sqlite'),
      serverDelayMs,
      logFile: path.join(logDir, 'serve.log'),
    });
    const shown = values.host && values.host !== '127.0.0.1' ? `http://${values.host}:${port}` : server.origin;
    console.log(
      `serving the fixture at ${shown} (log: ${path.relative(process.cwd(), path.join(logDir, 'serve.log'))}); Ctrl-C stops it`,
    );
    await new Promise((resolve) => runSignal.addEventListener('abort', resolve, { once: true }));
    await server.stop();
    return 0;
  } finally {
    release();
  }
}

runMain('mutation-bench serve', () => main(process.argv.slice(2)));
