// Helpers the exam browser tests share: polling for a condition, the 1024x768 width check, and
// signing in through the login form.
import assert from 'node:assert/strict';

const TIMEOUT = 5000;

/** Resolves once fn() is truthy; throws "timed out waiting for <what>" after `timeout` ms. */
export async function until(fn, what, timeout = TIMEOUT) {
    const deadline = Date.now() + timeout;
    for (;;) {
        if (await fn()) return;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((done) => setTimeout(done, 50));
    }
}

/** The page fits its window: no horizontal scroll bar. */
export async function noHorizontalScroll(p) {
    const [scroll, client] = await p.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `page is ${scroll}px wide in a ${client}px window`);
}

/** Opens `url`, signs in through the Vietnamese login form and waits for the home page (whose
 * title is "Trang quản trị" for an administrator). */
export async function signIn(p, url, username, password, navTimeout = TIMEOUT, homeTitle = 'Trang chủ') {
    await p.goto(`${url}/`, { waitUntil: 'load', timeout: navTimeout });
    await p.locator('.login-form').waitFor({ timeout: TIMEOUT });
    await p.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
    await p.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await p.locator('form.login-form button[type="submit"]').click();
    await p.locator('h1.page-title', { hasText: homeTitle }).waitFor({ timeout: TIMEOUT });
}
