import type { CaptureFile } from '../http/capture';
import { SCOPE_LENGTH } from '../../core/scopes';
import { interactionTemplates, SCOPE_PLACEHOLDER, TARGET_PLACEHOLDER, type ExportedLoad } from './templates';

/**
 * The same interactions as a k6 script (k6 run, or k6-operator for a distributed run): an arrival-rate executor
 * (open model), the interactions in turn, each user iteration with a scope of its own (the run's tag, the VU's id,
 * its iteration), every response checked, and the `checks` threshold failing the run on any failed check. Before
 * the load, setup() refuses a target running another build than the captured one.
 */
export function k6Script(file: CaptureFile, options: ExportedLoad): string {
  const flows = interactionTemplates(file);
  return `// Written by mutation-bench from requests captured at ${file.origin} (build ${file.build.buildId}).
// k6 run k6.js, or k6 run -e TARGET=https://fixture.example.com k6.js
import http from 'k6/http';
import { check, fail } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

const TARGET = __ENV.TARGET || ${JSON.stringify(options.target)};
const CAPTURED_BUILD = ${JSON.stringify(file.build.buildId)};
const SCOPE_LENGTH = ${SCOPE_LENGTH};
const FLOWS = ${JSON.stringify(flows, null, 2)};

export const options = {
  scenarios: {
    interactions: {
      executor: 'constant-arrival-rate',
      rate: ${options.arrivalRate},
      timeUnit: '1s',
      duration: '${options.durationSeconds}s',
      preAllocatedVUs: ${Math.max(2, Math.ceil(options.arrivalRate))},
      maxVUs: ${Math.max(50, Math.ceil(options.arrivalRate * 20))},
    },
  },
  thresholds: { checks: ['rate==1'] },
};

/** Acknowledged mutations, tagged by scenario and by the run's scope tag (compare with the integrity endpoint). */
const acknowledged = new Counter('mutation_bench_acknowledged');

const base36 = (value, digits) => value.toString(36).padStart(digits, '0');

export function setup() {
  const served = http.get(TARGET + '/api/bench/build', { timeout: '${options.timeoutSeconds}s' });
  if (served.status !== 200) fail('mutation-bench: ' + TARGET + '/api/bench/build answered ' + served.status + ': is the fixture deployed there?');
  if (served.json('buildId') !== CAPTURED_BUILD) {
    fail('mutation-bench: ' + TARGET + ' runs build ' + served.json('buildId') + ', these requests were captured from build ' + CAPTURED_BUILD + ': capture again from this deployment');
  }
  return { tag: base36(Math.floor(Math.random() * 36 ** 3), 3) };
}

export default function (data) {
  const flow = FLOWS[exec.scenario.iterationInTest % FLOWS.length];
  const scope = data.tag + base36(exec.vu.idInTest % 36 ** 3, 3) + base36(exec.vu.iterationInScenario, SCOPE_LENGTH - 6);
  for (const request of flow.requests) {
    const headers = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name] = value.replace(${JSON.stringify(TARGET_PLACEHOLDER)}, TARGET);
    const body = request.body === null ? null : request.body.split(${JSON.stringify(SCOPE_PLACEHOLDER)}).join(scope);
    const response = http.request(request.method, TARGET + request.path, body, { headers, timeout: '${options.timeoutSeconds}s', tags: { name: flow.name } });
    const expected = request.expect;
    check(response, {
      status: (r) => r.status === expected.status,
      'content type': (r) => (r.headers['Content-Type'] || '').split(';')[0].trim() === expected.contentType,
      'x-action-revalidated': (r) => expected.actionRevalidated === null || r.headers['X-Action-Revalidated'] === expected.actionRevalidated,
    }, { name: flow.name });
    if (request.mutating && response.status >= 200 && response.status < 300) acknowledged.add(1, { scenario: flow.scenario, run: data.tag });
  }
}
`;
}
