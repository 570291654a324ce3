import { VARIANT_PAGES } from '../lib/scenarios';

// Plain anchors, not <Link>: prefetches would add requests the benchmark did not ask for.
export default function Home() {
  return (
    <main>
      <h1>mutation-bench fixture</h1>
      <ul>
        {VARIANT_PAGES.map((href) => (
          <li key={href}>
            <a href={href}>{href}</a>
          </li>
        ))}
      </ul>
    </main>
  );
}
