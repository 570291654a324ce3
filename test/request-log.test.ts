import { describe, expect, it } from 'vitest';
import { countRoundTrips } from '../runner/measure/browser/request-log';

describe('countRoundTrips', () => {
  it('counts a sequential chain, not overlapping requests', () => {
    expect(countRoundTrips([])).toBe(0);
    expect(countRoundTrips([{ startMs: 1, endMs: 60 }])).toBe(1);
    // POST, then the refresh GET once the POST has answered: two round trips.
    expect(
      countRoundTrips([
        { startMs: 1, endMs: 64 },
        { startMs: 66, endMs: 132 },
      ]),
    ).toBe(2);
    // Five requests in flight together (Promise.all) share one round trip.
    expect(countRoundTrips(Array.from({ length: 5 }, (_, i) => ({ startMs: i, endMs: 60 + i })))).toBe(1);
  });

  it('chains on the first byte: a response end Chromium reports late does not merge two round trips', () => {
    // Measured: the refresh GET starts after the POST's body was read, yet before the POST's recorded end.
    const post = { startMs: 0, responseStartMs: 61, endMs: 80 };
    const refresh = { startMs: 66, responseStartMs: 127, endMs: 130 };
    expect(countRoundTrips([post, refresh])).toBe(2);
    // Requests sent before any response arrived are in flight together, whatever their ends.
    expect(countRoundTrips([post, { startMs: 5, responseStartMs: 70, endMs: 75 }])).toBe(1);
    // Records without a first byte (older samples) chain on their ends.
    expect(
      countRoundTrips([
        { startMs: 0, endMs: 80 },
        { startMs: 66, endMs: 130 },
      ]),
    ).toBe(1);
  });

  it('finds the longest chain whatever the order of the log', () => {
    const log = [
      { startMs: 0, endMs: 100 },
      { startMs: 50, endMs: 60 },
      { startMs: 0, endMs: 40 },
      { startMs: 70, endMs: 90 },
    ];
    expect(countRoundTrips(log)).toBe(3);
  });
});
