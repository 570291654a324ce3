import type { Capture, CaptureFile, CapturedRequest } from '../http/capture';
import { mutationIndex } from '../http/replay';

/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): what k6, Locust, Gatling and JMeter import. */
export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    browser: { name: string; version: string };
    pages: {
      startedDateTime: string;
      id: string;
      title: string;
      pageTimings: Record<string, never>;
      comment: string;
    }[];
    entries: HarEntry[];
    comment: string;
  };
}

interface NameValue {
  name: string;
  value: string;
}

interface HarEntry {
  pageref: string;
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: NameValue[];
    headers: NameValue[];
    queryString: NameValue[];
    postData?: { mimeType: string; text: string; params: NameValue[] };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: NameValue[];
    headers: NameValue[];
    content: { size: number; mimeType: string; comment?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { blocked: number; dns: number; connect: number; send: number; wait: number; receive: number; ssl: number };
  comment: string;
}

const pairs = (record: Record<string, string>): NameValue[] =>
  Object.entries(record).map(([name, value]) => ({ name, value }));

const pageId = (capture: Capture) => `${capture.scenario}/${capture.variant}`;

function entry(capture: Capture, request: CapturedRequest, origin: string, mutating: boolean): HarEntry {
  const url = new URL(request.path, origin);
  return {
    pageref: pageId(capture),
    startedDateTime: request.sentAt,
    time: request.timing.waitMs + request.timing.receiveMs,
    request: {
      method: request.method,
      url: url.href,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(request.headers),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(request.body === null
        ? {}
        : { postData: { mimeType: request.headers['content-type'] ?? '', text: request.body, params: [] } }),
      headersSize: -1,
      bodySize: request.body === null ? 0 : Buffer.byteLength(request.body),
    },
    response: {
      status: request.expect.status,
      statusText: request.response.statusText,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(request.response.headers),
      content: {
        size: request.response.bodyBytes ?? -1,
        mimeType: request.response.headers['content-type'] ?? 'x-unknown',
        ...(request.response.bodyBytes === null
          ? { comment: 'size unknown: Chromium no longer held the body when it was read' }
          : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: {
      blocked: -1,
      dns: -1,
      connect: -1,
      send: 0,
      wait: request.timing.waitMs,
      receive: request.timing.receiveMs,
      ssl: -1,
    },
    comment: mutating
      ? `the mutation: its body carries the page-load scope ${capture.scope}; give every replayed interaction its own scope of the same length, or it writes into the captured rows`
      : 'sent by the same interaction after the mutation',
  };
}

/**
 * The captured interactions as HAR: one page per (scenario, variant), its requests exactly as Chromium sent them
 * (Next-Action, Next-Router-State-Tree, Origin included), and what came back. Timings are Chromium's: wait and
 * receive; connection phases are not captured (-1).
 */
export function captureToHar(file: CaptureFile, creatorVersion: string): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: 'mutation-bench', version: creatorVersion },
      browser: { name: 'Chromium', version: file.chromiumVersion },
      pages: file.captures.map((capture) => ({
        startedDateTime: capture.requests[0]?.sentAt ?? new Date(0).toISOString(),
        id: pageId(capture),
        title: `${capture.scenario}, variant ${capture.variant}: one interaction`,
        pageTimings: {},
        comment: `scope ${capture.scope}`,
      })),
      entries: file.captures.flatMap((capture) => {
        const mutating = mutationIndex(capture);
        return capture.requests.map((request, index) => entry(capture, request, file.origin, index === mutating));
      }),
      comment: `captured from ${file.origin}, Next.js build ${file.build.buildId} (action encryption key ${file.build.actionKeyFixed ? 'fixed' : 'not fixed'}); action ids belong to this build`,
    },
  };
}
