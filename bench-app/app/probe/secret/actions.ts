'use server';

import { signWithSecret } from '../../../lib/services/secret';

export async function signAction(text: string): Promise<string> {
  return signWithSecret(text);
}
