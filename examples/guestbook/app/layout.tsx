import type { ReactNode } from 'react';

export const metadata = { title: 'Guestbook (a mutation-bench example)' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem', maxWidth: '40rem' }}>{children}</body>
    </html>
  );
}
