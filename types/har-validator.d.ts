declare module 'har-validator' {
  /** Resolves true for a valid HAR document; rejects with a HARError listing what does not match the schema. */
  export function har(data: unknown): Promise<boolean>;
}
