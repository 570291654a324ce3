import type { Interaction } from '../contract/interaction';
import type { Bandwidth } from '../contract/results';
import { defineScenario, ownFiles, type Scenario } from './scenario';

/** A link a payload's size shows on: 10 Mbit/s each way (a good mobile or a modest home uplink). */
export const PAYLOAD_LINK: Bandwidth = { toServer: 10_000_000, toClient: 10_000_000 };
export const PAYLOAD_SIZES = { '1kb': 1024, '100kb': 100 * 1024, '900kb': 900 * 1024, '2mb': 2 * 1024 * 1024 } as const;
export type PayloadSize = keyof typeof PAYLOAD_SIZES;
/** Next's default body limit for a Server Action is 1 MB; a larger upload fails the action: an action error, HTTP 500. */
export const ACTION_BODY_LIMIT_STATUS = 500;

/** Upload a file of one size (a case); the action refuses 2 MB (its default body limit), the Route Handler sets none. */
const payloadCase = (size: PayloadSize): Scenario => {
  const refused: Record<string, number> = size === '2mb' ? { action: ACTION_BODY_LIMIT_STATUS } : {};
  const upload = (shows: string): Interaction => ({
    steps: [
      { waitFor: { css: 'button:enabled', hasText: 'Upload' } },
      { fill: { label: 'name', exact: true }, value: '{label}' },
      { upload: { label: 'file' }, name: '{label}.txt', bytes: PAYLOAD_SIZES[size] },
    ],
    trigger: { role: 'button', name: 'Upload' },
    expect: [{ selector: 'output[aria-label="upload"]', text: shows }],
  });
  return defineScenario({
    id: `payload-${size}`,
    family: 'payload',
    summary: `upload a ${size.replace('kb', ' KB').replace('mb', ' MB')} file over a 10 Mbit/s link; "Saved …" appears, or the refusal where a transport refuses it`,
    expectedRoundTrips: { action: 1, route: 1 },
    transportFiles: {
      action: ['app/payload/actions.ts', 'app/payload/action/page.tsx'],
      route: ownFiles('payload', 'upload-via-route.tsx').route.filter((file) => file !== 'lib/route-handler.ts'),
    },
    bandwidth: PAYLOAD_LINK,
    ...(size === '1kb' ? {} : { sizeReference: 'payload-1kb' }),
    refusalStatus: refused,
    ...(size === '2mb'
      ? {
          noKnownRttRise: {
            action:
              'Next answers the oversized body before reading it and resets the connection; Chromium then re-sends the upload on a new one, or not, racing the upload, so its rise is no fixed number of round trips',
          },
        }
      : {}),
    // Chromium hands the capture a multipart body without the file's bytes, so there is nothing whole to replay.
    httpReplay: {
      skipped:
        "Chromium does not hand the uploaded file's bytes to the capture, so the request cannot be replayed whole",
    },
    interaction: upload(`Saved {label}: ${PAYLOAD_SIZES[size]} bytes`),
    variantInteractions: Object.fromEntries(
      Object.keys(refused).map((variant) => [variant, upload('{label} was not saved: the server refused it')]),
    ),
  });
};

export const payloadCases = (Object.keys(PAYLOAD_SIZES) as PayloadSize[]).map(payloadCase);
