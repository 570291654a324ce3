/**
 * Exit codes, the same for every command: a complete run with nothing regressed, a run that failed or was stopped
 * (what it measured is kept), a mistake the user can fix (nothing started), a complete run that found a regression.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, regression: 3 } as const;

/** A mistake the user can fix (bad flag, missing browser, busy port): one line naming the fix, exit code 2. */
export class UserError extends Error {
  override name = 'UserError';
}

/** A fixture variant that does not do what its scenario promises: its cell fails instead of timing nothing. */
export class FixtureError extends Error {
  override name = 'FixtureError';
}

/** Ctrl-C or SIGTERM stopped the run: what was measured is kept, and the process exits 130 / 143. */
export class RunInterrupted extends Error {
  override name = 'RunInterrupted';
  constructor(
    readonly signal: 'SIGINT' | 'SIGTERM',
    readonly exitCode: number,
  ) {
    super(`interrupted by ${signal}`);
  }
}

/** A server the run depends on exited while it was measuring: nothing after it could be trusted. */
export class ServerExited extends Error {
  override name = 'ServerExited';
}

/**
 * An interaction its page could not carry out: `part` is what of the interaction failed, as a config names it
 * (steps.2, trigger, expect), so a user's run can say which field to fix.
 */
export class InteractionError extends FixtureError {
  override name = 'InteractionError';
  constructor(
    readonly part: string,
    message: string,
  ) {
    super(message);
  }
}
