// The set-up the browser tests against the real server share: `phongthi serve --demo` in a fresh
// data folder and one Chromium for several contexts, both stopped after the last step.
import assert from 'node:assert/strict';
import { launchBrowserForContexts } from './browser.mjs';
import { startServer } from './phongthi_server.mjs';
import { run } from './harness.mjs';

/** The running server and browser; set before the first step. */
export const realRun = { server: null, browser: null };

/** Runs the steps registered with test() against the real server at `binary`. */
export async function runAgainstRealServer(binary, script, watchdogMs = 150000) {
    // A watchdog, not a skip: a hung run fails at once instead of waiting for CTest's timeout.
    const watchdog = setTimeout(() => {
        console.log(`FAIL - watchdog: the run took more than ${watchdogMs} ms`);
        process.exit(1);
    }, watchdogMs);
    await run({
        before: async () => {
            assert.ok(binary, `usage: node ${script} /path/to/phongthi`);
            realRun.server = await startServer(binary);
            realRun.browser = await launchBrowserForContexts();
        },
        after: async () => {
            if (realRun.browser) await realRun.browser.close();
            if (realRun.server) await realRun.server.stop({ timeoutMs: 10000 });
            clearTimeout(watchdog);
        },
    });
}
