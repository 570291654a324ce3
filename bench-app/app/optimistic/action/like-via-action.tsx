'use client';

import { startTransition, useOptimistic, useState } from 'react';
import type { LikeState } from '../../../lib/services/likes';
import { toggleLikeAction } from '../actions';
import { LikeButton } from '../like-button';

/** useOptimistic: the toggled like shows while the action runs; the action's answer then replaces it. */
export function LikeViaAction({ scope, initial }: { scope: string; initial: LikeState }) {
  const [saved, setSaved] = useState(initial);
  const [liked, setOptimisticLiked] = useOptimistic(saved.liked);
  return (
    <LikeButton
      liked={liked}
      savedVersion={saved.version}
      onToggle={() =>
        startTransition(async () => {
          setOptimisticLiked(!liked);
          const next = await toggleLikeAction(scope);
          startTransition(() => setSaved(next));
        })
      }
    />
  );
}
