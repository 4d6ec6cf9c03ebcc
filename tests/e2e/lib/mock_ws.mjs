// A tiny WebSocket server for the browser tests (node has no ws module): the handshake over
// node:http's 'upgrade' event, text frames in and out, ping/pong and close. Test code only:
// no extensions, no fragmented messages, frames up to 64 KiB the way the real server limits them.
import { createHash } from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_FRAME = 64 * 1024;

/** One server-side connection: send(obj), close(), onmessage(obj), onclose(). */
class Connection {
    constructor(socket, request) {
        this.socket = socket;
        this.request = request;
        this.buffer = Buffer.alloc(0);
        this.open = true;
        this.onmessage = null;
        this.onclose = null;
        this.state = {}; // for the protocol handler
        socket.on('data', (chunk) => this.read(chunk));
        socket.on('close', () => this.closed());
        socket.on('error', () => this.closed());
    }

    read(chunk) {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            if (this.buffer.length < 2) return;
            const b0 = this.buffer[0];
            const b1 = this.buffer[1];
            let length = b1 & 0x7f;
            let offset = 2;
            if (length === 126) {
                if (this.buffer.length < 4) return;
                length = this.buffer.readUInt16BE(2);
                offset = 4;
            } else if (length === 127) {
                if (this.buffer.length < 10) return;
                length = Number(this.buffer.readBigUInt64BE(2));
                offset = 10;
            }
            if (length > MAX_FRAME) {
                this.close(1009);
                return;
            }
            const masked = (b1 & 0x80) !== 0;
            const maskAt = offset;
            if (masked) offset += 4;
            if (this.buffer.length < offset + length) return;
            const payload = Buffer.from(this.buffer.subarray(offset, offset + length));
            if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= this.buffer[maskAt + (i % 4)];
            this.buffer = this.buffer.subarray(offset + length);
            const opcode = b0 & 0x0f;
            if (opcode === 0x1) {
                let msg = null;
                try {
                    msg = JSON.parse(payload.toString('utf8'));
                } catch {
                    msg = null;
                }
                if (this.onmessage) this.onmessage(msg);
            } else if (opcode === 0x8) {
                this.close(1000);
                return;
            } else if (opcode === 0x9) {
                this.frame(0xa, payload);
            }
        }
    }

    frame(opcode, payload) {
        if (!this.open) return;
        const length = payload.length;
        let header;
        if (length < 126) {
            header = Buffer.from([0x80 | opcode, length]);
        } else if (length < 65536) {
            header = Buffer.alloc(4);
            header[0] = 0x80 | opcode;
            header[1] = 126;
            header.writeUInt16BE(length, 2);
        } else {
            header = Buffer.alloc(10);
            header[0] = 0x80 | opcode;
            header[1] = 127;
            header.writeBigUInt64BE(BigInt(length), 2);
        }
        this.socket.write(Buffer.concat([header, payload]));
    }

    /** Send one JSON message as a text frame. */
    send(msg) {
        this.frame(0x1, Buffer.from(JSON.stringify(msg), 'utf8'));
    }

    /** A clean close (close frame, then the TCP end). */
    close(code = 1000) {
        if (!this.open) return;
        const payload = Buffer.alloc(2);
        payload.writeUInt16BE(code, 0);
        this.frame(0x8, payload);
        this.socket.end();
        this.closed();
    }

    /** Drop the TCP connection without a close frame, as a pulled cable or a dead server would. */
    drop() {
        this.socket.destroy();
        this.closed();
    }

    closed() {
        if (!this.open) return;
        this.open = false;
        if (this.onclose) this.onclose();
    }
}

/**
 * An 'upgrade' handler for a node:http server: accepts WebSocket requests to `path` and calls
 * onConnection(connection). refuse() returning true answers 503 instead (the server is "down").
 */
export function webSocketUpgrade(path, onConnection, { refuse = () => false } = {}) {
    return (request, socket) => {
        const url = new URL(request.url, 'http://127.0.0.1');
        const key = request.headers['sec-websocket-key'];
        if (url.pathname !== path || !key || (request.headers.upgrade || '').toLowerCase() !== 'websocket') {
            socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
            return;
        }
        if (refuse()) {
            socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
            return;
        }
        const accept = createHash('sha1').update(key + GUID).digest('base64');
        socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
            + `Sec-WebSocket-Accept: ${accept}\r\n\r\n`);
        socket.setNoDelay(true);
        onConnection(new Connection(socket, request));
    };
}
