// @ts-check
// The RTT proxy's relay, in its own thread: the runner's main event loop also serves Playwright's CDP traffic,
// which would otherwise hold chunks back at RTT 0 and bias the baseline. Plain JS: loaded without a compiler.
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

let oneWayMs = 0;
const sockets = new Set();

/** @param {net.Socket} from @param {net.Socket} to */
function relay(from, to) {
  from.on('data', (chunk) => {
    // Equal delays keep chunk order: Node runs timers with the same timeout in creation order.
    if (oneWayMs === 0) to.write(chunk);
    else setTimeout(() => to.writable && to.write(chunk), oneWayMs);
  });
  from.on('end', () => setTimeout(() => to.end(), oneWayMs));
  from.on('error', () => to.destroy());
}

const server = net.createServer((client) => {
  client.setNoDelay(true);
  const upstream = net.connect({ host: '127.0.0.1', port: workerData.upstreamPort, noDelay: true });
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  }
  relay(client, upstream);
  relay(upstream, client);
});

server.listen(0, '127.0.0.1', () => {
  const address = /** @type {net.AddressInfo} */ (server.address());
  parentPort?.postMessage({ listening: address.port });
});

parentPort?.on('message', (message) => {
  if (message.rttMs !== undefined) {
    oneWayMs = message.rttMs / 2;
    parentPort?.postMessage({ rttMs: message.rttMs });
  }
  if (message.close) {
    for (const socket of sockets) socket.destroy();
    server.close(() => parentPort?.close());
  }
});
