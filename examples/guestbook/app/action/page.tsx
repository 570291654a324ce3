import { newest } from '../../lib/store';
import { Entries } from '../entries';
import { SignForm } from './sign-form';

export const dynamic = 'force-dynamic';

export default function ActionPage() {
  return (
    <main>
      <h1>Guestbook · Server Action</h1>
      <Entries entries={newest()} />
      <SignForm />
    </main>
  );
}
