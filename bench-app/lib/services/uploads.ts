import { z } from 'zod';
import { db } from '../db';
import { serverWork } from './delay';
import { parseInput, Scope } from './validation';

export interface Upload {
  name: string;
  bytes: number;
}

const UploadInput = z.object({ scope: Scope, name: z.string().trim().min(1).max(200), file: z.instanceof(Blob) });

/** Reads the whole uploaded file and records its size (the payload's cost is moving and reading it, not storing it). */
export async function saveUpload(input: unknown): Promise<Upload> {
  const { scope, name, file } = parseInput(UploadInput, input);
  const bytes = (await file.arrayBuffer()).byteLength;
  await serverWork();
  db().prepare('INSERT INTO uploads (scope, name, bytes) VALUES (?, ?, ?)').run(scope, name, bytes);
  return { name, bytes };
}

/** The form's fields as the service takes them. */
export const uploadFields = (form: FormData) => ({
  scope: form.get('scope'),
  name: form.get('name'),
  file: form.get('file'),
});
