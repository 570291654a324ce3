import type { Interaction, Step } from '../contract/interaction';

/** An item of the list revalidate, redirect's pages, parallel and nojs show. */
export const ITEM = 'ul[aria-label="items"] > li';

/** The shared add-item form (revalidate, redirect): it clears its input when the previous transition ends, so fill only after that. */
const FILL_NEW_ITEM: Step[] = [
  { waitFor: { css: 'button:enabled', hasText: 'Add' } },
  { fill: { label: 'new item' }, value: '{label}' },
];

/** Add an item named by the interaction's label with the shared form; it ends when `shows` shows the label. */
export const addItem = (shows = ITEM): Interaction => ({
  steps: FILL_NEW_ITEM,
  trigger: { role: 'button', name: 'Add' },
  expect: [{ selector: shows, text: '{label}' }],
});
