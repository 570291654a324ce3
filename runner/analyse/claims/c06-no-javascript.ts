import { z } from 'zod';
import { cite, notMeasured, RowVerdictSchema, type ClaimModule, type ProbeInput } from './claim-module';
import { SEED_000, type Verdict } from './verdicts';

/** The form submitted with JavaScript disabled: what it answered, persisted and showed. */
const Row = z.object({
  status: z.number().nullable(),
  countBefore: z.string().nullable(),
  countAfter: z.string().nullable(),
  persisted: z.boolean(),
  shown: z.boolean(),
  verdict: RowVerdictSchema,
});

/** C6: with JavaScript disabled, the form bound to an action persisted its mutation and the answered page shows it. */
export const c06: ClaimModule<z.infer<typeof Row>, ProbeInput> = {
  id: 'C6',
  source: SEED_000,
  quote: 'They work even if JavaScript is disabled (when used with forms).',
  requires: { suites: ['probes'] },
  evidence: Row,
  evaluate({ probes }) {
    const noJs = probes?.noJs;
    if (!noJs) return notMeasured(c06);
    const shown = noJs.countBefore !== null && noJs.countAfter === String(Number(noJs.countBefore) + 1);
    const verdict: Verdict = noJs.persisted && shown && noJs.status === 200 ? 'supported' : 'refuted';
    return {
      ...cite(c06),
      verdict,
      summary: `With JavaScript disabled, a form bound to an action was submitted: the POST answered ${noJs.status ?? 'nothing'}, the mutation ${noJs.persisted ? 'persisted' : 'did not persist'}, and the page it answered with showed ${noJs.countAfter ?? 'nothing'} (before: ${noJs.countBefore ?? 'nothing'}). Measured on a probe page; the nojs scenario times the same flow against a Route Handler's 303 (--scenarios nojs).`,
      evidence: [{ ...noJs, shown, verdict }],
    };
  },
  headline([row]) {
    if (!row) return null;
    return `With JavaScript disabled, the form bound to an action answered ${row.status ?? 'nothing'}, the mutation ${row.persisted ? 'persisted' : 'did not persist'}, and the page it answered with showed ${
      row.countAfter ?? 'nothing'
    } (before: ${row.countBefore ?? 'nothing'})${row.shown ? '' : ', not the new count'}.`;
  },
  headings: {
    status: 'status',
    countBefore: 'count before',
    countAfter: 'count after',
    persisted: 'persisted',
    shown: 'shown',
    verdict: 'verdict',
  },
};
