/**
 * The whole path an argument takes to a mutation: encode as the browser does, serialize to the bytes that go on
 * the wire, and decode as Next's Node server does (action-handler.ts): a string reply through
 * `decodeReply(body, serverModuleMap, { temporaryReferences })`, a multipart reply streamed through busboy into
 * `decodeReplyFromBusboy`, a route handler's JSON through `Request.json()`. Load under the "react-server" condition.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

type TemporaryReferences = object;
type Encode = (value: unknown, options: { temporaryReferences: TemporaryReferences }) => Promise<string | FormData>;
type DecodeOptions = { temporaryReferences: TemporaryReferences };
interface ReactServer {
  createTemporaryReferenceSet(): TemporaryReferences;
  decodeReply(body: string, serverModuleMap: object, options: DecodeOptions): Promise<unknown>;
  decodeReplyFromBusboy(
    busboy: NodeJS.WritableStream,
    serverModuleMap: object,
    options: DecodeOptions,
  ): Promise<unknown>;
}

const require = createRequire(import.meta.url);
// The React copies a Turbopack build of the fixture runs: Next's compiled react-server-dom-turbopack.
const client = require('next/dist/compiled/react-server-dom-turbopack/client.edge') as {
  encodeReply: Encode;
  createTemporaryReferenceSet(): TemporaryReferences;
};
const server = require('next/dist/compiled/react-server-dom-turbopack/server.node') as ReactServer;
const busboy = require('next/dist/compiled/busboy') as (options: object) => NodeJS.WritableStream;

/** The arguments carry no server references, so the module map is never consulted; Next passes its manifest. */
const SERVER_MODULE_MAP = {};
/**
 * busboy's field limit, which Next sets to the Server Action body limit: here above every payload (at most 1 MB),
 * so size is never what refuses a payload in the micro suite (the payload scenario measures the real limit).
 */
const FIELD_SIZE_LIMIT = 8 * 1024 * 1024;

/** A reply as the browser's fetch sends it: the bytes and the content type (multipart with its boundary). */
async function toWire(reply: string | FormData): Promise<{ body: Buffer; contentType: string }> {
  const response = new Response(reply);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}

export async function actionRoundTrip(args: unknown[]): Promise<unknown> {
  const reply = await client.encodeReply(args, { temporaryReferences: client.createTemporaryReferenceSet() });
  const wire = await toWire(reply);
  const temporaryReferences = server.createTemporaryReferenceSet();
  if (!wire.contentType.startsWith('multipart/form-data')) {
    return server.decodeReply(wire.body.toString('utf-8'), SERVER_MODULE_MAP, { temporaryReferences });
  }
  const parser = busboy({
    defParamCharset: 'utf8',
    headers: { 'content-type': wire.contentType },
    limits: { fieldSize: FIELD_SIZE_LIMIT },
  });
  const [, decoded] = await Promise.all([
    pipeline(Readable.from([wire.body]), parser),
    server.decodeReplyFromBusboy(parser, SERVER_MODULE_MAP, { temporaryReferences }),
  ]);
  return decoded;
}

export async function routeRoundTrip(payload: unknown): Promise<unknown> {
  const body = Buffer.from(JSON.stringify(payload));
  return new Request('http://127.0.0.1/api', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  }).json();
}
