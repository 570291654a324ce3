import { z } from 'zod';

/**
 * The interaction model: what one measured interaction does on a variant's page, as data. The fixture's scenarios
 * (runner/scenarios/*.ts) and a user's mutation-bench.config.ts state their interactions in it, and one function
 * (runner/measure/browser/steps.ts) carries them out, so there is one path from a scenario to a timed click.
 *
 * Text is a template: `{label}` is the interaction's own label (unique in the run: letters, digits and dashes),
 * `{name}` a value a `read` step took from the page before the click, `{name+1}` that value as a whole number plus
 * one (any whole number). Every state the interaction ends on is known before the click, so no time can end early.
 */

/** `{label}`, `{name}` or `{name+N}` in a text: the name, and N. */
export const TEMPLATE_FIELD = /\{([a-zA-Z][a-zA-Z0-9]*)(?:\+(\d+))?\}/g;

/** An element: a CSS selector, or the accessible ways of naming one that Playwright's getBy* take. */
export const TargetSchema = z.union(
  [
    z.string().min(1),
    z.strictObject({ css: z.string().min(1), hasText: z.string().min(1).optional(), nth: z.number().int().optional() }),
    z.strictObject({ role: z.string().min(1), name: z.string().min(1), exact: z.boolean().optional() }),
    z.strictObject({ label: z.string().min(1), exact: z.boolean().optional() }),
  ],
  { error: 'an element is a CSS selector, { css, hasText?, nth? }, { role, name, exact? } or { label, exact? }' },
);
export type Target = z.infer<typeof TargetSchema>;

/** Steps run in order before the click, none of them timed. */
export const StepSchema = z.union(
  [
    /** Wait until the element is there (a form enabled again after the previous interaction's transition). */
    z.strictObject({ waitFor: TargetSchema }),
    /** Type a value into a field. */
    z.strictObject({ fill: TargetSchema, value: z.string() }),
    /** Take the element's text (or an attribute) as `{as}`; `map` turns what was read into another text. */
    z.strictObject({
      read: TargetSchema,
      as: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'a name of letters and digits, starting with a lower-case letter'),
      attribute: z.string().min(1).optional(),
      map: z.record(z.string(), z.string()).optional(),
    }),
    /** Choose a file of `bytes` bytes for a file input (its content is the letter x). */
    z.strictObject({
      upload: TargetSchema,
      name: z.string().min(1),
      bytes: z.number().int().min(0),
      mimeType: z.string().min(1).optional(),
    }),
  ],
  { error: 'a step is one of { waitFor }, { fill, value }, { read, as, attribute?, map? }, { upload, name, bytes }' },
);
export type Step = z.infer<typeof StepSchema>;

/** A state of the page: an element matching `selector` shows exactly `text` (trimmed). */
export const ShownTemplateSchema = z.strictObject({ selector: z.string().min(1), text: z.string() });

export const InteractionSchema = z
  .strictObject({
    steps: z.array(StepSchema).optional(),
    /** What the user clicks: the timed span starts at this click's input time. */
    trigger: TargetSchema,
    /** The states that end the interaction, all of them. */
    expect: z.array(ShownTemplateSchema).min(1),
    /** Moments timed on the way (the optimistic paint), each the first time its state shows. */
    marks: z.record(z.string(), ShownTemplateSchema).optional(),
  })
  .superRefine((interaction, context) => {
    // Every {name} is known before it is used: {label}, or what an earlier read step took.
    const known = new Set(['label']);
    const check = (text: string | undefined, path: PropertyKey[]) => {
      for (const [whole, name] of (text ?? '').matchAll(TEMPLATE_FIELD))
        if (!known.has(name!))
          context.addIssue({
            code: 'custom',
            path,
            message: `${whole} names no value: use {label}, or what an earlier read step took (its "as")`,
          });
    };
    const checkTarget = (target: Target, path: PropertyKey[]) => {
      if (typeof target === 'string') return check(target, path);
      for (const [key, text] of Object.entries(target)) if (typeof text === 'string') check(text, [...path, key]);
    };
    for (const [index, step] of (interaction.steps ?? []).entries()) {
      const at = ['steps', index];
      if ('waitFor' in step) checkTarget(step.waitFor, [...at, 'waitFor']);
      else if ('fill' in step) {
        checkTarget(step.fill, [...at, 'fill']);
        check(step.value, [...at, 'value']);
      } else if ('upload' in step) {
        checkTarget(step.upload, [...at, 'upload']);
        check(step.name, [...at, 'name']);
      } else {
        checkTarget(step.read, [...at, 'read']);
        known.add(step.as);
      }
    }
    checkTarget(interaction.trigger, ['trigger']);
    interaction.expect.forEach(({ selector, text }, index) => {
      check(selector, ['expect', index, 'selector']);
      check(text, ['expect', index, 'text']);
    });
    for (const [name, { selector, text }] of Object.entries(interaction.marks ?? {})) {
      check(selector, ['marks', name, 'selector']);
      check(text, ['marks', name, 'text']);
    }
  });
export type Interaction = z.infer<typeof InteractionSchema>;
