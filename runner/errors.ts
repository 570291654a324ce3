/** A mistake the user can fix (bad flag, missing browser, busy port): one line naming the fix, exit code 2. */
export class UserError extends Error {
  override name = 'UserError';
}

/** A fixture variant that does not do what its scenario promises: its cell fails instead of timing nothing. */
export class FixtureError extends Error {
  override name = 'FixtureError';
}
