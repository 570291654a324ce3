import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../runner/scenarios';

/** Each variant's own files as the catalogue listed them before it became a folder of modules (C9 counts them). */
const TRANSPORT_FILES_BEFORE = {
  counter: {
    action: ['app/counter/actions.ts', 'app/counter/action/page.tsx'],
    route: [
      'app/api/counter/route.ts',
      'lib/route-handler.ts',
      'lib/client/fetch-json.ts',
      'app/counter/route/counter-via-route.tsx',
      'app/counter/route/page.tsx',
    ],
  },
  revalidate: {
    action: ['app/revalidate/actions.ts', 'app/revalidate/action/page.tsx'],
    'route-refresh': [
      'app/api/revalidate/route.ts',
      'lib/route-handler.ts',
      'lib/client/fetch-json.ts',
      'app/revalidate/items-api.ts',
      'app/revalidate/route-refresh/add-item-via-route-refresh.tsx',
      'app/revalidate/route-refresh/page.tsx',
    ],
    'route-json': [
      'app/api/revalidate/route.ts',
      'lib/route-handler.ts',
      'lib/client/fetch-json.ts',
      'app/revalidate/items-api.ts',
      'app/revalidate/route-json/items-via-route-json.tsx',
      'app/revalidate/route-json/page.tsx',
    ],
    'route-query': [
      'app/api/revalidate/route.ts',
      'lib/route-handler.ts',
      'lib/client/fetch-json.ts',
      'app/revalidate/items-api.ts',
      'app/revalidate/route-query/items-via-route-query.tsx',
      'app/revalidate/route-query/page.tsx',
    ],
  },
  'form-valid': {
    action: ['app/form/actions.ts', 'app/form/action/signup-via-action.tsx', 'app/form/action/page.tsx'],
    route: [
      'app/api/form/route.ts',
      'lib/route-handler.ts',
      'app/form/route/signup-via-route.tsx',
      'app/form/route/page.tsx',
    ],
  },
  'form-invalid': {
    action: ['app/form/actions.ts', 'app/form/action/signup-via-action.tsx', 'app/form/action/page.tsx'],
    route: [
      'app/api/form/route.ts',
      'lib/route-handler.ts',
      'app/form/route/signup-via-route.tsx',
      'app/form/route/page.tsx',
    ],
  },
  optimistic: {
    action: [
      'app/optimistic/actions.ts',
      'app/optimistic/action/like-via-action.tsx',
      'app/optimistic/action/page.tsx',
    ],
    route: [
      'app/api/optimistic/route.ts',
      'lib/route-handler.ts',
      'app/optimistic/route/like-via-route.tsx',
      'app/optimistic/route/page.tsx',
    ],
  },
  redirect: {
    action: [
      'app/redirect/actions.ts',
      'app/redirect/action/redirect-via-action.tsx',
      'app/redirect/action/page.tsx',
      'app/redirect/action/[id]/page.tsx',
    ],
    route: [
      'app/api/redirect/route.ts',
      'lib/route-handler.ts',
      'app/redirect/route/create-via-route.tsx',
      'app/redirect/route/page.tsx',
      'lib/client/fetch-json.ts',
      'app/redirect/route/redirect-via-route.tsx',
      'app/redirect/route/[id]/page.tsx',
    ],
  },
  parallel: {
    action: ['app/parallel/actions.ts', 'app/parallel/action/page.tsx'],
    route: [
      'app/api/parallel/route.ts',
      'lib/route-handler.ts',
      'app/parallel/route/add-five-via-route.tsx',
      'app/parallel/route/page.tsx',
      'lib/client/fetch-json.ts',
    ],
  },
  'payload-1kb': {
    action: ['app/payload/actions.ts', 'app/payload/action/page.tsx'],
    route: ['app/api/payload/route.ts', 'app/payload/route/upload-via-route.tsx', 'app/payload/route/page.tsx'],
  },
  'payload-100kb': {
    action: ['app/payload/actions.ts', 'app/payload/action/page.tsx'],
    route: ['app/api/payload/route.ts', 'app/payload/route/upload-via-route.tsx', 'app/payload/route/page.tsx'],
  },
  'payload-900kb': {
    action: ['app/payload/actions.ts', 'app/payload/action/page.tsx'],
    route: ['app/api/payload/route.ts', 'app/payload/route/upload-via-route.tsx', 'app/payload/route/page.tsx'],
  },
  'payload-2mb': {
    action: ['app/payload/actions.ts', 'app/payload/action/page.tsx'],
    route: ['app/api/payload/route.ts', 'app/payload/route/upload-via-route.tsx', 'app/payload/route/page.tsx'],
  },
  nojs: {
    action: ['app/nojs/actions.ts', 'app/nojs/action/page.tsx'],
    route: ['app/api/nojs/route.ts', 'app/nojs/route/page.tsx'],
  },
  export: {
    action: ['app/export/actions.ts', 'app/export/action/export-via-action.tsx', 'app/export/action/page.tsx'],
    route: ['app/api/export/route.ts', 'app/export/route/export-via-route.tsx', 'app/export/route/page.tsx'],
  },
};

describe('the scenario catalogue', () => {
  it("keeps every variant's transport files as they were", () => {
    expect(Object.fromEntries(SCENARIOS.map((scenario) => [scenario.id, scenario.transportFiles]))).toEqual(
      TRANSPORT_FILES_BEFORE,
    );
  });
});
