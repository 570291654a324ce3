import { newest } from '../../lib/store';
import { GuestbookViaRoute } from './sign-form';

export const dynamic = 'force-dynamic';

export default function RoutePage() {
  return (
    <main>
      <h1>Guestbook · Route Handler</h1>
      <GuestbookViaRoute initial={newest()} />
    </main>
  );
}
