/**
 * The load generator's own process: replays what the runner asks for, one replay at a time, and answers with the
 * result. Out of the runner's event loop (and, pinned, on a core of its own), its CPU is its own to measure.
 */
import type { LoadRequest, LoadAnswer } from './load-generator';
import { replay } from './replay';

const answer = (message: LoadAnswer) => process.send!(message);

process.on('message', (request: LoadRequest) => {
  replay(request.options).then(
    (result) => answer({ id: request.id, result }),
    (error: unknown) => answer({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The runner gone (even killed outright): nothing is left to answer.
process.on('disconnect', () => process.exit(0));
answer({ ready: true });
