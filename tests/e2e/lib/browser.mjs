// Launch Debian's Chromium through playwright-core with flags that suit a sandboxed, offline
// machine. Shared by the mocked smoke test and the tests against the real server.
// Never run "npx playwright install": the browser comes from the distribution (apt-get install chromium).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PHONGTHI_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = Object.freeze([
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
]);

/**
 * Start Chromium with a fresh profile in a temporary folder.
 * Returns {context, page, close()}; close() also deletes the profile.
 * options: viewport (default 1024x768, the classroom screen), locale, extra args.
 */
export async function launchBrowser(options = {}) {
    const { viewport = { width: 1024, height: 768 }, locale = 'vi-VN', args = [] } = options;
    const userDataDir = await mkdtemp(join(tmpdir(), 'phongthi-e2e-'));
    let context;
    try {
        context = await chromium.launchPersistentContext(userDataDir, {
            executablePath: CHROMIUM_PATH,
            headless: true,
            args: [...CHROMIUM_ARGS, ...args],
            viewport,
            deviceScaleFactor: 1,
            locale,
            timeout: 60000,
        });
    } catch (error) {
        await rm(userDataDir, { recursive: true, force: true });
        throw error;
    }
    const page = context.pages()[0] || (await context.newPage());
    return {
        context,
        page,
        async close() {
            await context.close();
            await rm(userDataDir, { recursive: true, force: true });
        },
    };
}

/**
 * Start one Chromium for several separate browser contexts (own storage, cookies and network
 * emulation each, e.g. a proctor and two candidates). Returns {browser, newPage(options), close()};
 * newPage resolves to {context, page}. options: viewport, locale.
 */
export async function launchBrowserForContexts(options = {}) {
    const { args = [] } = options;
    const browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: [...CHROMIUM_ARGS, ...args],
        timeout: 60000,
    });
    return {
        browser,
        async newPage({ viewport = { width: 1024, height: 768 }, locale = 'vi-VN', ignoreHTTPSErrors = false } = {}) {
            const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 1, acceptDownloads: true, ignoreHTTPSErrors });
            const page = await context.newPage();
            return { context, page };
        },
        close: () => browser.close(),
    };
}

/**
 * Collect what would show a broken page: console errors (CSP violations appear there),
 * uncaught exceptions, failed requests. problems() returns them as strings.
 */
export function watchPage(page) {
    const found = [];
    page.on('console', (message) => {
        if (message.type() === 'error') found.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => found.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
        const failure = request.failure();
        // Aborted fetches (a view left before its request finished) are expected.
        if (failure && failure.errorText.includes('ERR_ABORTED')) return;
        found.push(`request failed: ${request.url()} ${failure ? failure.errorText : ''}`);
    });
    return {
        problems: () => [...found],
        clear: () => {
            found.length = 0;
        },
    };
}

/** Waits (polling, bounded by `timeout` ms) until `locator` matches exactly `n` elements. */
export async function expectCount(page, locator, n, timeout) {
    const deadline = Date.now() + timeout;
    let count;
    while (Date.now() < deadline) {
        count = await locator.count();
        if (count === n) return;
        await page.waitForTimeout(50);
    }
    if (count !== n) throw new Error(`expected ${n} elements, found ${count}`);
}
