// Start the real phongthi binary on 127.0.0.1 with a fresh data folder, for browser tests against
// the real server. The server prints its banner on stdout and, last, once it accepts connections:
//     phongthi: listening on http://127.0.0.1:PORT/
// startServer() resolves when that line arrives (no sleeps); stop() sends SIGTERM and waits.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const LISTENING = /^phongthi: listening on (https?:\/\/127\.0\.0\.1:(\d+))\/$/;
const KEEP_LINES = 400;

/** Everything still running, so that a crash or Ctrl+C of the test does not leave servers behind. */
const running = new Set();
process.once('exit', () => {
    for (const server of running) server.killNow();
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
        for (const server of running) server.killNow();
        process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
}

/**
 * Start `binary serve --data <fresh temp dir> --host 127.0.0.1 --port 0 [--demo] --threads 2`.
 * Resolves to {url, port, dataDir, pid, output(), exited(), stop({timeoutMs}), dispose()}.
 * Rejects (and cleans up) if the process fails to start, exits, or prints no listening line in time.
 */
export async function startServer(binary, { demo = true, startTimeoutMs = 10000, extraArgs = [] } = {}) {
    const dataDir = await mkdtemp(join(tmpdir(), 'phongthi-real-data-'));
    const args = ['serve', '--data', dataDir, '--host', '127.0.0.1', '--port', '0', '--threads', '2',
        ...(demo ? ['--demo'] : []), ...extraArgs];
    const lines = [];
    const remember = (stream) => (line) => {
        lines.push(`${stream}: ${line}`);
        if (lines.length > KEEP_LINES) lines.shift();
    };
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    const exit = new Promise((resolve) => {
        child.once('exit', (code, signal) => resolve({ code, signal }));
        // spawn failures (ENOENT, EACCES) emit 'error' and no 'exit'.
        child.once('error', (error) => resolve({ code: null, signal: null, error }));
    });
    let finished = null;
    exit.then((result) => { finished = result; });
    const alive = () => finished === null && child.exitCode === null && child.signalCode === null;

    const server = {
        url: null,
        port: null,
        dataDir,
        pid: child.pid,
        /** The last lines the server wrote, prefixed "stdout: " / "stderr: ". */
        output: () => lines.join('\n'),
        /** null while running, else {code, signal}. */
        exited: () => finished,
        /**
         * SIGTERM, then wait up to timeoutMs for the process to end. Resolves to {code, signal, ms};
         * rejects (after a SIGKILL) if it did not end in time.
         */
        async stop({ timeoutMs = 10000 } = {}) {
            if (!alive()) return { ...finished, ms: 0 };
            const started = Date.now();
            child.kill('SIGTERM');
            let timer;
            const late = new Promise((resolve) => { timer = setTimeout(() => resolve(null), timeoutMs); });
            const result = await Promise.race([exit, late]);
            clearTimeout(timer);
            if (result === null) {
                child.kill('SIGKILL');
                await exit;
                throw new Error(`the server did not exit within ${timeoutMs} ms of SIGTERM (killed)`);
            }
            running.delete(server);
            return { ...result, ms: Date.now() - started };
        },
        /** Synchronous last resort (process exit, watchdog): SIGKILL and remove the data folder. */
        killNow() {
            if (alive()) child.kill('SIGKILL');
            rmSync(dataDir, { recursive: true, force: true });
            running.delete(server);
        },
        /** Kill if still running (SIGKILL), wait for it, remove the data folder. Safe to call twice. */
        async dispose() {
            if (alive()) {
                child.kill('SIGKILL');
                await exit;
            }
            running.delete(server);
            await rm(dataDir, { recursive: true, force: true });
        },
    };
    running.add(server);

    createInterface({ input: child.stderr }).on('line', remember('stderr'));
    const stdout = createInterface({ input: child.stdout });
    const listening = new Promise((resolve) => {
        stdout.on('line', (line) => {
            remember('stdout')(line);
            const match = LISTENING.exec(line);
            if (match && !server.url) resolve(match);
        });
    });

    let timer;
    const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), startTimeoutMs); });
    const first = await Promise.race([listening, exit.then((r) => ({ exited: r })), timeout]);
    clearTimeout(timer);
    if (first === 'timeout' || first.exited) {
        await server.dispose();
        const why = first === 'timeout'
            ? `no "phongthi: listening on http://127.0.0.1:PORT/" line within ${startTimeoutMs} ms`
            : first.exited.error
                ? `could not start ${binary}: ${first.exited.error.message}`
                : `exited early (code ${first.exited.code}, signal ${first.exited.signal})`;
        throw new Error(`phongthi serve: ${why}\n${server.output()}`);
    }
    server.url = first[1];
    server.port = Number(first[2]);
    return server;
}
