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
