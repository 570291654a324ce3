'use server';

import { incrementCounter } from '../../lib/services/counter';

export async function incrementAction(scope: string): Promise<number> {
  return incrementCounter({ scope });
}
