import { defineScenario, ownFiles, type Scenario } from './scenario';

/** A validated form, submitted with valid input (saved) or with an email that is not one (the field error shows, nothing saved). */
const formCase = (validity: 'valid' | 'invalid'): Scenario =>
  defineScenario({
    id: `form-${validity}`,
    family: 'form',
    summary:
      validity === 'valid'
        ? 'submit a validated signup form; "Saved" appears'
        : 'submit the form with an invalid email; the field error appears, nothing is saved',
    expectedRoundTrips: { action: 1, route: 1 },
    transportFiles: {
      action: ['app/form/actions.ts', 'app/form/action/signup-via-action.tsx', 'app/form/action/page.tsx'],
      route: ownFiles('form', 'signup-via-route.tsx').route,
    },
    ...(validity === 'invalid'
      ? {
          refusalStatus: { route: 422 },
          httpReplay: { skipped: 'a refused submission answers 422 by design, which load replay counts as an error' },
        }
      : { httpReplay: true }),
    interaction: {
      steps: [
        { waitFor: { css: 'button:enabled', hasText: 'Sign up' } },
        { fill: { label: 'name', exact: true }, value: '{label}' },
        { fill: { label: 'email', exact: true }, value: validity === 'valid' ? '{label}@example.com' : '{label}' },
      ],
      trigger: { role: 'button', name: 'Sign up' },
      expect: [
        validity === 'valid'
          ? { selector: 'output[aria-label="saved"]', text: 'Saved {label}' }
          : { selector: 'p[aria-label="email error"]', text: '"{label}" is not an email address' },
      ],
    },
  });

export const formCases = [formCase('valid'), formCase('invalid')];
