import { UNREPLAYED_HEADERS, type CaptureFile, type CapturedRequest } from '../http/capture';
import { mutationIndex } from '../http/replay';

/** Placeholders every exported load test fills in per virtual user: the target origin and the user's own scope. */
export const TARGET_PLACEHOLDER = '{{ target }}';
export const SCOPE_PLACEHOLDER = '{{ scope }}';

/** The load every exported test applies: an open model, new users (each one interaction) per second. */
export interface ExportedLoad {
  /** The origin loaded; Artillery's --target and k6's -e TARGET= override it at run time. */
  target: string;
  arrivalRate: number;
  durationSeconds: number;
  timeoutSeconds: number;
}

export interface RequestTemplate {
  method: string;
  path: string;
  /** Origin and Referer name the target (Next refuses an action whose Origin is another host). */
  headers: Record<string, string>;
  /** The captured scope replaced by SCOPE_PLACEHOLDER. */
  body: string | null;
  mutating: boolean;
  expect: CapturedRequest['expect'];
}

export interface InteractionTemplate {
  /** scenario/variant */
  name: string;
  scenario: string;
  requests: RequestTemplate[];
}

/**
 * Each captured interaction as a load engine replays it: the headers the load generator does not set itself, the
 * page's origin swapped for the target, the scope in bodies swapped for the user's own (URLs and the router-state
 * header keep the captured scope, as in the HTTP suite's replay).
 */
export function interactionTemplates(file: CaptureFile): InteractionTemplate[] {
  return file.captures.map((capture) => {
    const mutating = mutationIndex(capture);
    return {
      name: `${capture.scenario}/${capture.variant}`,
      scenario: capture.scenario,
      requests: capture.requests.map((request, index) => ({
        method: request.method,
        path: request.path,
        headers: Object.fromEntries(
          Object.entries(request.headers)
            .filter(([name]) => !UNREPLAYED_HEADERS.has(name))
            .map(([name, value]) => [
              name,
              value.startsWith(file.origin) ? `${TARGET_PLACEHOLDER}${value.slice(file.origin.length)}` : value,
            ]),
        ),
        body: request.body?.replaceAll(capture.scope, SCOPE_PLACEHOLDER) ?? null,
        mutating: index === mutating,
        expect: request.expect,
      })),
    };
  });
}
