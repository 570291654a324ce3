const PAGES = [
  '/counter/action',
  '/counter/route',
  '/revalidate/action',
  '/revalidate/route-refresh',
  '/revalidate/route-json',
  '/revalidate/route-query',
  '/form/action',
  '/form/route',
  '/optimistic/action',
  '/optimistic/route',
  '/redirect/action',
  '/redirect/route',
  '/parallel/action',
  '/parallel/route',
  '/payload/action',
  '/payload/route',
  '/nojs/action',
  '/nojs/route',
  '/export/action',
  '/export/route',
];

// Plain anchors, not <Link>: prefetches would add requests the benchmark did not ask for.
export default function Home() {
  return (
    <main>
      <h1>mutation-bench fixture</h1>
      <ul>
        {PAGES.map((href) => (
          <li key={href}>
            <a href={href}>{href}</a>
          </li>
        ))}
      </ul>
    </main>
  );
}
