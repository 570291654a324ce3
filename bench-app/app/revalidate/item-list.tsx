import type { Item } from '../../lib/services/items';

/** Rendered by a Server Component (action, route-refresh) or a Client Component (route-json, route-query). */
export function ItemList({ items }: { items: Item[] }) {
  return (
    <ul aria-label="items">
      {items.map((item) => (
        <li key={item.id}>{item.text}</li>
      ))}
    </ul>
  );
}
