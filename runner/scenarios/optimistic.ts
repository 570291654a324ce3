import { defineScenario, ownFiles } from './scenario';

const LIKE = 'button[aria-label="like"]';
const VERSION = 'output[aria-label="saved version"]';

export const optimistic = defineScenario({
  id: 'optimistic',
  summary: 'toggle "Like": the toggled state paints at once (mark "optimistic"), the server-confirmed version follows',
  expectedRoundTrips: { action: 1, route: 1 },
  markRoundTrips: { optimistic: 0 },
  transportFiles: {
    action: [
      'app/optimistic/actions.ts',
      'app/optimistic/action/like-via-action.tsx',
      'app/optimistic/action/page.tsx',
    ],
    route: ownFiles('optimistic', 'like-via-route.tsx').route,
  },
  httpReplay: true,
  interaction: {
    steps: [
      { read: LIKE, as: 'toggled', attribute: 'aria-pressed', map: { true: 'Like', false: 'Liked' } },
      { read: VERSION, as: 'version' },
    ],
    trigger: LIKE,
    expect: [
      { selector: VERSION, text: '{version+1}' },
      { selector: LIKE, text: '{toggled}' },
    ],
    marks: { optimistic: { selector: LIKE, text: '{toggled}' } },
  },
});
