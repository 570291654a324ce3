import { randomInt } from 'node:crypto';

/**
 * Scopes isolate rows in the fixture's database (one per page load, one per replayed interaction). They all have
 * the same length, because the scope appears in URLs, the router-state header, request bodies and rendered pages:
 * equal lengths make a captured request, its replays and the browser's own requests the same size on the wire.
 */
export const SCOPE_LENGTH = 11;

const base36 = (value: number, digits: number) => {
  const text = value.toString(36);
  if (text.length > digits) throw new Error(`${value} does not fit in ${digits} base-36 digits`);
  return text.padStart(digits, '0');
};

/** The browser's page load `round` of arm number `arm`: `b` + 3 + 3 base-36 digits, padded. */
export const pageLoadScope = (round: number, arm: number): string => `b${base36(round, 3)}${base36(arm, 3)}0000`;

/**
 * The capture of the `index`-th variant. A run against a shared deployment (--target) writes next to other runs'
 * rows: it puts its own 3-character tag in front of every scope it writes (here and in its replay prefixes).
 */
export const captureScope = (index: number, tag = ''): string =>
  tag ? `${tag}c${base36(index, 7)}` : `capture${base36(index, 4)}`;

/** A run tag for a shared deployment: 3 random characters of [a-z0-9]. */
export const randomTag = (): string => base36(randomInt(36 ** 3), 3);

/** Replayed interaction `counter` of a replay named by a prefix of 3 to 6 characters. */
export const replayScope = (prefix: string, counter: number): string =>
  `${prefix}${base36(counter, SCOPE_LENGTH - prefix.length)}`;

/** The label one interaction types or expects: its scope and its index in the page load. */
export const interactionLabel = (scope: string, index: number): string => `${scope}-${index}`;
