import { errors, type Locator, type Page } from 'playwright-core';
import { TEMPLATE_FIELD, type Interaction, type Step, type Target } from '../../contract/interaction';
import { FixtureError, InteractionError } from '../../core/errors';
import type { InteractionSpec, Shown } from '../../scenarios';

/** `{label}`, `{name}` and `{name+N}` in `template`, from the values an interaction's reads took. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(TEMPLATE_FIELD, (whole, name: string, add?: string) => {
    const value = values[name];
    if (value === undefined)
      throw new FixtureError(`${whole} names no value: the interaction has {label} and what its read steps took`);
    if (add === undefined) return value;
    if (!/^-?\d+$/.test(value.trim()))
      throw new FixtureError(`${whole}: "${value}" is not a whole number, so nothing can be added to it`);
    return String(Number(value.trim()) + Number(add));
  });
}

/** The element a target names on `page`, its texts filled in. */
export function locate(page: Page, target: Target, values: Readonly<Record<string, string>>): Locator {
  const text = (template: string) => fillTemplate(template, values);
  if (typeof target === 'string') return page.locator(text(target));
  if ('role' in target)
    return page.getByRole(target.role as Parameters<Page['getByRole']>[0], {
      name: text(target.name),
      exact: target.exact,
    });
  if ('label' in target) return page.getByLabel(text(target.label), { exact: target.exact });
  const located = page.locator(text(target.css), target.hasText === undefined ? {} : { hasText: text(target.hasText) });
  return target.nth === undefined ? located : located.nth(target.nth);
}

const describeTarget = (target: Target): string => (typeof target === 'string' ? target : JSON.stringify(target));

/**
 * Carries out an interaction's steps on `page` (none of them timed) and says what the click is and what ends it.
 * A read that finds no element fails the interaction naming the target: a page without the state a scenario
 * reads is a page that does not do what the scenario promises.
 */
export async function prepareInteraction(
  page: Page,
  interaction: Interaction,
  label: string,
): Promise<InteractionSpec> {
  const values: Record<string, string> = { label };
  for (const [index, step] of (interaction.steps ?? []).entries()) {
    try {
      await runStep(page, step, values);
    } catch (error) {
      if (!(error instanceof errors.TimeoutError || error instanceof FixtureError)) throw error;
      const target =
        'waitFor' in step ? step.waitFor : 'fill' in step ? step.fill : 'read' in step ? step.read : step.upload;
      throw new InteractionError(
        `steps.${index}`,
        error instanceof errors.TimeoutError
          ? `step ${index + 1} (${Object.keys(step)[0]}) found no ${describeTarget(target)} on ${new URL(page.url()).pathname}`
          : error.message,
      );
    }
  }
  const shown = ({ selector, text }: Shown): Shown => ({ selector, text: fillTemplate(text, values) });
  return {
    trigger: locate(page, interaction.trigger, values),
    expect: interaction.expect.map(shown),
    ...(interaction.marks && {
      marks: Object.fromEntries(Object.entries(interaction.marks).map(([name, state]) => [name, shown(state)])),
    }),
  };
}

/** One step, its reads kept in `values`. */
async function runStep(page: Page, step: Step, values: Record<string, string>): Promise<void> {
  if ('waitFor' in step) await locate(page, step.waitFor, values).waitFor();
  else if ('fill' in step) await locate(page, step.fill, values).fill(fillTemplate(step.value, values));
  else if ('upload' in step)
    await locate(page, step.upload, values).setInputFiles({
      name: fillTemplate(step.name, values),
      mimeType: step.mimeType ?? 'text/plain',
      buffer: Buffer.alloc(step.bytes, 'x'),
    });
  else {
    const element = locate(page, step.read, values);
    if ((await element.count()) === 0)
      throw new FixtureError(
        `the read of ${describeTarget(step.read)} found no element on ${new URL(page.url()).pathname}`,
      );
    const raw = (
      (step.attribute === undefined
        ? await element.first().textContent()
        : await element.first().getAttribute(step.attribute)) ?? ''
    ).trim();
    values[step.as] = step.map?.[raw] ?? raw;
  }
}
