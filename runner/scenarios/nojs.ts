import { ITEM } from './item-list';
import { defineScenario } from './scenario';

export const nojs = defineScenario({
  id: 'nojs',
  summary: 'with JavaScript disabled, submit a plain HTML form; the answered page shows the new item',
  // The action's POST answers with the page; the Route Handler's answers 303 and the browser GETs the page.
  expectedRoundTrips: { action: 1, route: 2 },
  javaScript: false,
  transportFiles: {
    action: ['app/nojs/actions.ts', 'app/nojs/action/page.tsx'],
    route: ['app/api/nojs/route.ts', 'app/nojs/route/page.tsx'],
  },
  httpReplay: {
    skipped: 'a form navigation answers with a whole HTML page (and a 303), which the load replay does not check',
  },
  // No script runs, so there is no transition to wait for before filling.
  interaction: {
    steps: [{ fill: { label: 'new item' }, value: '{label}' }],
    trigger: { role: 'button', name: 'Add' },
    expect: [{ selector: ITEM, text: '{label}' }],
  },
});
