'use server';

import { saveUpload, uploadFields, type Upload } from '../../lib/services/uploads';

export async function uploadAction(form: FormData): Promise<Upload> {
  return saveUpload(uploadFields(form));
}
