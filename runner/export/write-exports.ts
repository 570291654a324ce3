import fs from 'node:fs';
import path from 'node:path';
import type { CaptureFile } from '../http/capture';
import { writeFileAtomically } from '../results/store';
import { artilleryProcessor, artilleryScript, PROCESSOR_FILE, type ArtilleryOptions } from './artillery';
import { captureToHar } from './har';

export const EXPORT_FILES = { artillery: 'artillery.json', har: 'capture.har' } as const;

/** The Artillery phase unless asked otherwise: a gentle open-model load, long enough for stable percentiles. */
export const DEFAULT_ARTILLERY: Omit<ArtilleryOptions, 'target'> = { arrivalRate: 5, durationSeconds: 60, timeoutSeconds: 10 };

const ownVersion = (): string => JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

/** Writes each asked-for export into `dir`; returns the files written. */
export function writeExports(file: CaptureFile, formats: readonly (keyof typeof EXPORT_FILES)[], dir: string, options: Partial<ArtilleryOptions> = {}): string[] {
  const written: string[] = [];
  const write = (name: string, text: string) => {
    writeFileAtomically(path.join(dir, name), text);
    written.push(path.join(dir, name));
  };
  for (const format of formats) {
    if (format === 'har') write(EXPORT_FILES.har, `${JSON.stringify(captureToHar(file, ownVersion()), null, 2)}\n`);
    if (format === 'artillery') {
      write(EXPORT_FILES.artillery, `${JSON.stringify(artilleryScript(file, { target: file.origin, ...DEFAULT_ARTILLERY, ...options }), null, 2)}\n`);
      write(PROCESSOR_FILE, artilleryProcessor(file));
    }
  }
  return written;
}
