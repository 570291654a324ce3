/** `promise`, or the error `fail` makes once `ms` have passed without it settling. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, fail: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(fail()), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
