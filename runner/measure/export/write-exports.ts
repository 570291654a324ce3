import fs from 'node:fs';
import path from 'node:path';
import type { CaptureFile } from '../http/capture';
import { writeFileAtomically } from '../../contract/store';
import { artilleryProcessor, artilleryScript, PROCESSOR_FILE } from './artillery';
import { captureToHar } from './har';
import { k6Script } from './k6';
import type { ExportedLoad } from './templates';
import { PROJECT_ROOT } from '../../core/paths';

export const EXPORT_FILES = { artillery: 'artillery.json', har: 'capture.har', k6: 'k6.js' } as const;

/** The load phase unless asked otherwise (Artillery and k6 alike): a gentle open-model load, long enough for stable percentiles. */
export const DEFAULT_LOAD: Omit<ExportedLoad, 'target'> = { arrivalRate: 5, durationSeconds: 60, timeoutSeconds: 10 };

const ownVersion = (): string => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version;

/** Writes each asked-for export into `dir`; returns the files written. */
export function writeExports(
  file: CaptureFile,
  formats: readonly (keyof typeof EXPORT_FILES)[],
  dir: string,
  options: Partial<ExportedLoad> = {},
): string[] {
  const written: string[] = [];
  const write = (name: string, text: string) => {
    writeFileAtomically(path.join(dir, name), text);
    written.push(path.join(dir, name));
  };
  const load: ExportedLoad = { target: file.origin, ...DEFAULT_LOAD, ...options };
  for (const format of formats) {
    if (format === 'har') write(EXPORT_FILES.har, `${JSON.stringify(captureToHar(file, ownVersion()), null, 2)}\n`);
    if (format === 'artillery') {
      write(EXPORT_FILES.artillery, `${JSON.stringify(artilleryScript(file, load), null, 2)}\n`);
      write(PROCESSOR_FILE, artilleryProcessor(file));
    }
    if (format === 'k6') write(EXPORT_FILES.k6, k6Script(file, load));
  }
  return written;
}
