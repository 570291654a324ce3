declare module 'har-validator' {
  /** Resolves with the document when it is valid HAR; rejects with a HARError listing what does not match the schema. */
  export function har<T>(data: T): Promise<T>;
}
