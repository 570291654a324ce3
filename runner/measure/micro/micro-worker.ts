/**
 * In-process costs behind the transports, with tinybench. Runs in its own process under Node's "react-server"
 * condition with NODE_ENV=production, as Next runs React's server half. Prints the task results as JSON.
 * Argument: tinybench time per task (ms). Env BENCH_DB_PATH: a throwaway database for the service tasks.
 * Each transport task is an argument's whole path, encode -> wire bytes -> decode, as in transports.ts.
 */
import { Bench } from 'tinybench';
import { incrementCounter } from '../../../bench-app/lib/services/counter';
import { addItem } from '../../../bench-app/lib/services/items';
import { actionRoundTrip, routeRoundTrip } from './transports';

const PAYLOADS = { small: 'hello', '100 KB': 'x'.repeat(100 * 1024), '1 MB': 'x'.repeat(1024 * 1024) };

const bench = new Bench({ time: Number(process.argv.at(-1)), warmupTime: 50 });
for (const [size, text] of Object.entries(PAYLOADS)) {
  const scope = 'capture0000';
  bench
    .add(`action args: encodeReply -> body -> decodeReply, ${size}`, async () => {
      await actionRoundTrip([scope, text]);
    })
    .add(`action FormData: encodeReply -> multipart -> busboy -> decodeReplyFromBusboy, ${size}`, async () => {
      const form = new FormData();
      form.append('scope', scope);
      form.append('text', text);
      await actionRoundTrip([form]);
    })
    .add(`route body: JSON.stringify -> body -> Request.json, ${size}`, async () => {
      await routeRoundTrip({ scope, text });
    });
}
let scopes = 0;
bench
  .add('service alone: incrementCounter', async () => {
    await incrementCounter({ scope: `m${scopes++}` });
  })
  .add('service alone: addItem', async () => {
    await addItem({ scope: `m${scopes++}`, text: 'hello' });
  });

await bench.run();
// A task that throws (React refuses some payloads) is a result to report, not a crash.
const tasks = bench.tasks.map((task) => {
  const result = task.result;
  if (result.state === 'completed') {
    return {
      name: task.name,
      opsPerSec: result.throughput.mean,
      meanNs: result.latency.mean * 1e6,
      rme: result.latency.rme,
      samples: result.latency.samplesCount,
      error: null,
    };
  }
  const error = result.state === 'errored' ? result.error.message : `ended ${result.state}`;
  return { name: task.name, opsPerSec: null, meanNs: null, rme: null, samples: 0, error };
});
process.stdout.write(JSON.stringify(tasks));
