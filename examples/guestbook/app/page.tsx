import Link from 'next/link';

export default function Home() {
  return (
    <main>
      <h1>Guestbook</h1>
      <p>The same guestbook, signed two ways:</p>
      <ul>
        <li>
          <Link href="/action">through a Server Action</Link> (the list re-renders with revalidatePath)
        </li>
        <li>
          <Link href="/route">through a Route Handler</Link> (POST /api/entries, the list updated from its answer)
        </li>
      </ul>
    </main>
  );
}
