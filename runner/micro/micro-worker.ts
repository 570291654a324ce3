/**
 * In-process costs behind the transports, with tinybench. Runs in its own process under Node's "react-server"
 * condition with NODE_ENV=production, as Next runs React's server half. Prints the task results as JSON.
 * Argument: tinybench time per task (ms). Env BENCH_DB_PATH: a throwaway database for the service tasks.
 */
import { createRequire } from 'node:module';
import { Bench } from 'tinybench';
import { incrementCounter } from '../../bench-app/lib/services/counter';
import { addItem } from '../../bench-app/lib/services/revalidate';

type Encode = (value: unknown) => Promise<string | FormData>;
type Decode = (body: string | FormData, manifest: object) => Promise<unknown>;

const require = createRequire(import.meta.url);
// The same React the fixture's build uses: Next's compiled copy.
const { encodeReply } = require('next/dist/compiled/react-server-dom-webpack/client.edge') as { encodeReply: Encode };
const { decodeReply } = require('next/dist/compiled/react-server-dom-webpack/server.edge') as { decodeReply: Decode };

const PAYLOADS = { small: 'hello', '100 KB': 'x'.repeat(100 * 1024), '1 MB': 'x'.repeat(1024 * 1024) };

const bench = new Bench({ time: Number(process.argv.at(-1)), warmupTime: 50 });
for (const [size, text] of Object.entries(PAYLOADS)) {
  const args = ['capture0000', text];
  bench
    .add(`action args: encodeReply + decodeReply, ${size}`, async () => {
      await decodeReply(await encodeReply(args), {});
    })
    .add(`action FormData: encodeReply + decodeReply, ${size}`, async () => {
      const form = new FormData();
      form.append('scope', args[0]!);
      form.append('text', text);
      await decodeReply(await encodeReply([form]), {});
    })
    .add(`route body: JSON.stringify + JSON.parse, ${size}`, () => {
      JSON.parse(JSON.stringify({ scope: args[0], text }));
    });
}
let scope = 0;
bench
  .add('service alone: incrementCounter', async () => {
    await incrementCounter({ scope: `m${scope++}` });
  })
  .add('service alone: addItem', async () => {
    await addItem({ scope: `m${scope++}`, text: 'hello' });
  });

await bench.run();
// A task that throws (React refuses some payloads) is a result to report, not a crash.
const tasks = bench.tasks.map((task) => {
  const result = task.result;
  if (result.state === 'completed') {
    return { name: task.name, opsPerSec: result.throughput.mean, meanNs: result.latency.mean * 1e6, rme: result.latency.rme, samples: result.latency.samplesCount, error: null };
  }
  const error = result.state === 'errored' ? result.error.message : `ended ${result.state}`;
  return { name: task.name, opsPerSec: null, meanNs: null, rme: null, samples: 0, error };
});
process.stdout.write(JSON.stringify(tasks));
