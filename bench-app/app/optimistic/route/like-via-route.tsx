'use client';

import { useState } from 'react';
import { fetchJson } from '../../../lib/client/fetch-json';
import type { LikeState } from '../../../lib/services/likes';
import { LikeButton } from '../like-button';

/** Optimistic by hand: show the toggled like at once, then the state the Route Handler saved. */
export function LikeViaRoute({ scope, initial }: { scope: string; initial: LikeState }) {
  const [saved, setSaved] = useState(initial);
  const [liked, setLiked] = useState(initial.liked);
  return (
    <LikeButton
      liked={liked}
      savedVersion={saved.version}
      onToggle={async () => {
        setLiked(!liked);
        const next = await fetchJson<LikeState>('/api/optimistic', { method: 'POST', body: { scope } });
        setSaved(next);
        setLiked(next.liked);
      }}
    />
  );
}
