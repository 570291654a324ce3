import type { CaptureFile } from '../http/capture';
import { SCOPE_LENGTH } from '../../core/scopes';
import { interactionTemplates, type ExportedLoad } from './templates';

/** Artillery's counter of acknowledged mutations: the integrity check compares it with what the deployment persisted. */
export const ACKNOWLEDGED_COUNTER = /^mutation_bench\.([a-z0-9]{3})\.acknowledged\.([\w-]+)$/;

export const PROCESSOR_FILE = 'artillery-processor.cjs';

const acknowledgeHook = (scenario: string) => `acknowledge_${scenario.replace(/\W/g, '_')}`;

/**
 * One Artillery scenario per (scenario, variant): a virtual user replays the whole captured interaction, the
 * mutation's body carrying a scope of its own (same length as the captured one, so sizes match the capture);
 * every response is checked like the HTTP suite checks it (status, content type, x-action-revalidated).
 */
export function artilleryScript(file: CaptureFile, options: ExportedLoad): object {
  return {
    config: {
      target: options.target,
      phases: [
        { name: 'mutation-bench arrivals', duration: options.durationSeconds, arrivalRate: options.arrivalRate },
      ],
      processor: `./${PROCESSOR_FILE}`,
      http: { timeout: options.timeoutSeconds },
      plugins: { expect: { reportFailuresAsErrors: true } },
    },
    scenarios: interactionTemplates(file).map((flow) => ({
      name: flow.name,
      weight: 1,
      beforeScenario: 'assignScope',
      flow: flow.requests.map((request) => ({
        [request.method.toLowerCase()]: {
          url: request.path,
          headers: request.headers,
          ...(request.body === null ? {} : { body: request.body }),
          ...(request.mutating ? { afterResponse: acknowledgeHook(flow.scenario) } : {}),
          expect: [
            { statusCode: request.expect.status },
            { contentType: request.expect.contentType },
            ...(request.expect.actionRevalidated === null
              ? []
              : [{ headerEquals: ['x-action-revalidated', request.expect.actionRevalidated] }]),
          ],
        },
      })),
    })),
  };
}

/**
 * The script's processor, self-contained CommonJS (Artillery loads it on every worker). Each virtual user gets a
 * scope: the test run's tag (3 characters from Artillery's test run id, shared by every worker of a distributed
 * run), the worker's own 3 random characters and a 5-character counter. Before the first user, it asks the target
 * which build it runs and fails every user with one clear message if that is not the captured build.
 */
export function artilleryProcessor(file: CaptureFile): string {
  const scenarios = [...new Set(file.captures.map((capture) => capture.scenario))];
  return `'use strict';
// Written by mutation-bench from requests captured at ${file.origin}. Action ids belong to build ${file.build.buildId}.
const crypto = require('node:crypto');

const CAPTURED_BUILD = ${JSON.stringify(file.build.buildId)};
const SCOPE_LENGTH = ${SCOPE_LENGTH};
const base36 = (value, digits) => value.toString(36).padStart(digits, '0');
const worker = base36(crypto.randomInt(36 ** 3), 3);
let nextUser = 0;
let buildProblem;

/** Same test run id (every worker of one run) -> same tag; the integrity check finds the run's rows by it. */
function runTag(testId) {
  return base36(crypto.createHash('sha256').update(String(testId)).digest().readUInt32BE(0) % 36 ** 3, 3);
}

function checkBuild(target) {
  return fetch(target + '/api/bench/build', { signal: AbortSignal.timeout(10000) })
    .then((response) => response.json())
    .then(
      (served) => (served.buildId === CAPTURED_BUILD ? null : 'mutation-bench: ' + target + ' runs build ' + served.buildId + ', these requests were captured from build ' + CAPTURED_BUILD + ': capture again from this deployment (npm run bench -- --suite http --target ' + target + ' --export artillery)'),
      (error) => 'mutation-bench: could not ask ' + target + '/api/bench/build which build it runs (' + error.message + ')',
    );
}

function assignScope(context, events, next) {
  buildProblem = buildProblem || checkBuild(context.vars.target);
  buildProblem.then((problem) => {
    if (problem) return next(new Error(problem));
    context.vars.runTag = runTag(context.vars.$testId);
    context.vars.scope = context.vars.runTag + worker + base36(nextUser++, SCOPE_LENGTH - 6);
    return next();
  });
}

function acknowledge(scenario) {
  return (request, response, context, events, next) => {
    if (response.statusCode >= 200 && response.statusCode < 300) events.emit('counter', 'mutation_bench.' + context.vars.runTag + '.acknowledged.' + scenario, 1);
    return next();
  };
}

module.exports = {
  assignScope,
${scenarios.map((scenario) => `  ${acknowledgeHook(scenario)}: acknowledge(${JSON.stringify(scenario)}),`).join('\n')}
};
`;
}
