// @ts-check
// The RTT proxy's relay, in its own thread: the runner's main event loop also serves Playwright's CDP traffic,
// which would otherwise hold chunks back at RTT 0 and bias the baseline. Plain JS: loaded without a compiler.
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

/** Timers fire up to ~1 ms late; the last stretch before a due time is spun with setImmediate instead. */
const SPIN_MS = 1.5;
/**
 * A queue longer than this is a bulk transfer (a 21 MB download arrives in hundreds of chunks, one due every
 * millisecond or two): spinning for each would keep a core busy for the whole transfer, taking it from the server
 * and the browser being measured, so its chunks wait on timers (up to ~1 ms late) instead.
 */
const SPIN_QUEUE_MAX = 4;

let rttMs = 0;
/** The link's rate in each direction, bits per ms (Infinity: no limit). */
const bitsPerMs = { toServer: Infinity, toClient: Infinity };
/** Under a finite rate a chunk is sent in pieces of at most this: the receiver sees bytes arrive as a link delivers them. */
const PIECE_BYTES = 4096;
const sockets = new Set();
const counters = { connections: 0, toServerBytes: 0, toClientBytes: 0, delayedChunks: 0, lateMsTotal: 0 };
/** How late the most recent delayed chunks left, ms (a ring of LATENESS_KEPT). */
const LATENESS_KEPT = 256;
const recentLatenessMs = [];

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * One direction of a link: chunks leave in arrival order, each no earlier than its arrival plus half the RTT
 * and no earlier than `openAtMs` (the end of the emulated handshake). A queue per direction keeps the order
 * even when the RTT changes between chunks. Under a finite rate each piece is first serialized onto the link
 * (bytes / rate, after the piece before it), then travels half the RTT.
 * @param {net.Socket} from @param {net.Socket} to @param {number} openAtMs @param {(bytes: number) => void} count
 * @param {'toServer' | 'toClient'} direction
 */
function relay(from, to, openAtMs, count, direction) {
  /** A chunk, the end of the stream (null), or a reset: each leaves in order, so a reset never overtakes data in flight. */
  /** @type {{ dueMs: number, chunk: Buffer | null | 'reset' }[]} */
  const queue = [];
  let scheduled = false;
  /** When the link has sent the last queued bit. */
  let linkFreeMs = -Infinity;

  const deliver = (/** @type {Buffer | null | 'reset'} */ chunk) => {
    if (chunk === 'reset') to.destroy();
    else if (chunk === null) to.end();
    else if (to.writable) to.write(chunk);
  };
  const pump = () => {
    scheduled = false;
    const now = nowMs();
    while (queue.length > 0 && queue[0].dueMs <= now) {
      const { chunk, dueMs } = /** @type {{ dueMs: number, chunk: Buffer | null | 'reset' }} */ (queue.shift());
      counters.delayedChunks += 1;
      counters.lateMsTotal += now - dueMs;
      recentLatenessMs[(counters.delayedChunks - 1) % LATENESS_KEPT] = now - dueMs;
      deliver(chunk);
    }
    schedule();
  };
  const schedule = () => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    const waitMs = queue[0].dueMs - nowMs();
    if (queue.length > SPIN_QUEUE_MAX) setTimeout(pump, Math.max(0, waitMs));
    else if (waitMs > SPIN_MS) setTimeout(pump, waitMs - SPIN_MS);
    else setImmediate(pump);
  };
  const enqueue = (/** @type {Buffer | null | 'reset'} */ chunk) => {
    const arrivedMs = nowMs();
    const rate = bitsPerMs[direction];
    if (rttMs === 0 && rate === Infinity && queue.length === 0 && arrivedMs >= openAtMs) {
      // No link to emulate: pass through without a tick of delay.
      deliver(chunk);
      return;
    }
    const pieces =
      !Buffer.isBuffer(chunk) || rate === Infinity
        ? [chunk]
        : Array.from({ length: Math.ceil(chunk.length / PIECE_BYTES) }, (_, i) =>
            chunk.subarray(i * PIECE_BYTES, (i + 1) * PIECE_BYTES),
          );
    for (const piece of pieces) {
      const sentMs =
        Math.max(arrivedMs, openAtMs, linkFreeMs) + (Buffer.isBuffer(piece) ? (piece.length * 8) / rate : 0);
      if (rate !== Infinity) linkFreeMs = sentMs;
      const last = queue.length > 0 ? queue[queue.length - 1].dueMs : -Infinity;
      queue.push({ dueMs: Math.max(sentMs + rttMs / 2, last), chunk: piece });
    }
    schedule();
  };

  from.on('data', (chunk) => {
    count(chunk.length);
    enqueue(chunk);
  });
  from.on('end', () => enqueue(null));
  // A reset (a server that closes with a request body unread) reaches the other side after the data before it, as on a real link.
  from.on('error', () => enqueue('reset'));
}

const server = net.createServer({ allowHalfOpen: true }, (client) => {
  counters.connections += 1;
  client.setNoDelay(true);
  // A real connection costs one RTT (SYN, SYN-ACK) before the client can send; on loopback the client's connect
  // has already completed, so its first bytes are held for that RTT instead.
  const openAtMs = nowMs() + rttMs;
  const upstream = net.connect({
    host: '127.0.0.1',
    port: workerData.upstreamPort,
    noDelay: true,
    allowHalfOpen: true,
  });
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  }
  relay(client, upstream, openAtMs, (bytes) => (counters.toServerBytes += bytes), 'toServer');
  relay(upstream, client, -Infinity, (bytes) => (counters.toClientBytes += bytes), 'toClient');
  // A socket closes once both of its directions have ended.
  for (const socket of [client, upstream]) socket.on('end', () => socket.writableEnded && socket.destroy());
  for (const socket of [client, upstream]) socket.on('finish', () => socket.readableEnded && socket.destroy());
});

server.listen(0, '127.0.0.1', () => {
  const address = /** @type {net.AddressInfo} */ (server.address());
  parentPort?.postMessage({ listening: address.port });
});

parentPort?.on('message', (message) => {
  if (message.rttMs !== undefined) {
    rttMs = message.rttMs;
    parentPort?.postMessage({ id: message.id });
  }
  if (message.bandwidth !== undefined) {
    // Bits per second per direction, or null for no limit.
    bitsPerMs.toServer = message.bandwidth === null ? Infinity : message.bandwidth.toServer / 1000;
    bitsPerMs.toClient = message.bandwidth === null ? Infinity : message.bandwidth.toClient / 1000;
    parentPort?.postMessage({ id: message.id });
  }
  if (message.counters)
    parentPort?.postMessage({
      id: message.id,
      counters: { ...counters },
      recentLatenessMs: message.lateness ? recentLatenessMs : undefined,
    });
  if (message.close) {
    for (const socket of sockets) socket.destroy();
    server.close(() => parentPort?.close());
  }
});
