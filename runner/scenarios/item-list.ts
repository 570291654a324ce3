import type { Locator, Page } from 'playwright-core';

/** An item of the list revalidate, redirect's pages, parallel and nojs show. */
export const ITEM = 'ul[aria-label="items"] > li';

/** The shared add-item form (revalidate, redirect): it clears its input when the previous transition ends, so fill only after that. */
export async function fillNewItem(page: Page, label: string): Promise<Locator> {
  await page.locator('button:enabled', { hasText: 'Add' }).waitFor();
  await page.getByLabel('new item').fill(label);
  return page.getByRole('button', { name: 'Add' });
}
