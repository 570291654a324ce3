import { NextResponse, type NextRequest } from 'next/server';

/**
 * C12's probe: a Next proxy (middleware before Next 16) that marks every response it saw. It runs on the probe
 * paths only, so the measured scenarios' requests never pass through it.
 */
export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  response.headers.set('x-bench-proxy', `saw ${request.method} ${request.nextUrl.pathname}`);
  return response;
}

export const config = { matcher: ['/probe/:path*', '/api/probe/:path*'] };
