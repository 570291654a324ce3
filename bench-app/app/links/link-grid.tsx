import Link from 'next/link';

/**
 * How many links the page shows: enough that re-prefetching them after a refresh or an invalidation (Next 16 does it
 * for every <Link> on screen, vercel/next.js#93210) is a visible cost in requests and bytes.
 */
export const LINKS_ON_SCREEN = 24;

/** Links to dynamic pages, all inside the viewport (a <Link> is prefetched when it is visible), default prefetch. */
export function LinkGrid({ scope }: { scope: string }) {
  return (
    <nav aria-label="related pages" style={{ display: 'flex', flexWrap: 'wrap', gap: '0 0.75rem', fontSize: '0.8rem' }}>
      {Array.from({ length: LINKS_ON_SCREEN }, (_, index) => (
        <Link key={index} href={`/links/target/${index}?scope=${encodeURIComponent(scope)}`}>
          page {index}
        </Link>
      ))}
    </nav>
  );
}
