'use server';

import { toggleLike, type LikeState } from '../../lib/services/likes';

export async function toggleLikeAction(scope: string): Promise<LikeState> {
  return toggleLike({ scope });
}
