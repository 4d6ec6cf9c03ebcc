// Serve client-web/ on 127.0.0.1 with the same Content-Security-Policy the real server sends,
// so a CSP violation in the client fails the tests here too.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.json': 'application/json',
    '.woff2': 'font/woff2',
};

/**
 * Start serving root; resolves to {url, close()}. Binds 127.0.0.1 on a free port.
 * options.upgrade: a node:http 'upgrade' handler (a mock WebSocket server, see mock_ws.mjs).
 */
export function serveStatic(root, options = {}) {
    const base = resolve(root);
    const server = createServer(async (req, res) => {
        const url = new URL(req.url, 'http://127.0.0.1');
        let path = decodeURIComponent(url.pathname);
        if (path === '/') path = '/index.html';
        const file = normalize(join(base, path));
        const headers = {
            'Content-Security-Policy': CSP,
            'X-Content-Type-Options': 'nosniff',
            'Cache-Control': 'no-store',
        };
        if (!file.startsWith(base + sep) || path.startsWith('/api/')) {
            res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
            return;
        }
        try {
            const body = await readFile(file);
            res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
            res.end(req.method === 'HEAD' ? undefined : body);
        } catch {
            res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
        }
    });
    const sockets = new Set();
    if (options.upgrade) server.on('upgrade', options.upgrade);
    server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
    });
    return new Promise((resolvePromise, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            resolvePromise({
                url: `http://127.0.0.1:${port}`,
                close: () => new Promise((done) => {
                    for (const socket of sockets) socket.destroy(); // upgraded WebSockets too
                    server.close(done);
                }),
            });
        });
    });
}
