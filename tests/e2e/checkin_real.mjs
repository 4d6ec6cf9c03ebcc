// Check-in and seating against the REAL server (demo data): the lecturer has planned today's
// session of class K01; the proctor `giamthi` opens "Điểm danh", types three candidate codes as a
// USB barcode scanner does (code + Enter), sees each checked in (a repeated code says when, an
// unknown code says so), seats the three at C3, C5 and D2, opens the exam room; the three log in
// from their seats and the seat map shows each of them at their seat, waiting. The check-in page
// and the room editor pass axe at 1024x768 without horizontal scrolling; the admin's room editor
// shows the demo room's 50 seats.
// Run: node checkin_real.mjs /path/to/build/server/phongthi      (or PHONGTHI_BINARY=...)
// Prints "N passed, N failed" last; exit code 1 on failure. Screenshots: $PHONGTHI_SHOTS.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { expectAccessible } from './lib/axe.mjs';
import { watchPage } from './lib/browser.mjs';
import { realRun, runAgainstRealServer } from './lib/real_run.mjs';
import { test } from './lib/harness.mjs';
import { noHorizontalScroll, signIn, until } from './lib/page_helpers.mjs';

const binary = process.argv[2] || process.env.PHONGTHI_BINARY;
const shotsDir = process.env.PHONGTHI_SHOTS || '/tmp';
const TIMEOUT = 5000;

// Demo data (server/demo/demo.cpp): class K01 (id 1) in "Phòng máy 1", exam 1.
const CLASS_ID = 1;
const EXAM_ID = 1;
const PROCTOR = { username: 'giamthi', password: 'giamthi2026' };
const SEATED = [
    { username: 'thisinh01', password: 'thisinh2026', name: 'Phạm Thị Hoa', seat: 'C3' },
    { username: 'thisinh02', password: 'thisinh2026', name: 'Hoàng Văn Nam', seat: 'C5' },
    { username: 'thisinh03', password: 'thisinh2026', name: 'Đặng Thị Thu Hằng', seat: 'D2' },
];

let proctorPage = null;
let watcher = null;

/** JSON from the server with a fresh session of `username`. */
async function apiAs(username, password, method, path, body) {
    const login = await fetch(`${realRun.server.url}/api/login`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
    });
    const { token } = await login.json();
    const reply = await fetch(`${realRun.server.url}${path}`, {
        method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
    });
    return { status: reply.status, body: await reply.json() };
}

/** Today in Vietnam and the time 5 minutes ago there ("2026-11-26", "07:37"). */
function vietnamNow() {
    const at = new Date(Date.now() + 7 * 3600 * 1000 - 5 * 60 * 1000).toISOString();
    return { day: at.slice(0, 10), time: at.slice(11, 16) };
}

/** Types `code` into the scanner field and presses Enter, as a USB barcode scanner does. */
async function scan(p, code) {
    const input = p.getByLabel('Mã học viên', { exact: true });
    await input.fill(code);
    await input.press('Enter');
}

const result = (p) => p.locator('.checkin-result');
const row = (p, username) => p.locator('.checkin-table tbody tr', { hasText: username });

test('the lecturer plans today\'s session of K01 (started 5 minutes ago, late after 15)', async () => {
    const { day, time } = vietnamNow();
    const made = await apiAs('giangvien', 'giangvien2026', 'POST', `/api/classes/${CLASS_ID}/sessions`,
        { day, part: 'full', starts_at: time, late_after_minutes: 15 });
    assert.equal(made.status, 201, JSON.stringify(made.body));
});

test('the proctor checks three candidates in by typed barcode; a repeat and an unknown code are told apart', async () => {
    const { page } = await realRun.browser.newPage();
    proctorPage = page;
    watcher = watchPage(page);
    await signIn(page, realRun.server.url, PROCTOR.username, PROCTOR.password, 10000);
    await page.locator('nav a', { hasText: 'Điểm danh' }).click();
    await page.locator('h1.page-title', { hasText: 'Điểm danh' }).waitFor({ timeout: TIMEOUT });
    await page.getByLabel('Lớp', { exact: true }).selectOption(String(CLASS_ID));
    await page.locator('.checkin-table tbody tr').first().waitFor({ timeout: TIMEOUT });
    await page.locator('.checkin-counts', { hasText: 'Có mặt: 0' }).waitFor({ timeout: TIMEOUT });

    for (const who of SEATED) {
        await scan(page, who.username.toUpperCase());
        await result(page).getByText(`Đã điểm danh ${who.name} (${who.username}) lúc`).waitFor({ timeout: TIMEOUT });
        assert.ok(await page.getByLabel('Mã học viên', { exact: true }).evaluate((el) => el === document.activeElement),
            'the scanner field keeps the focus');
        await row(page, who.username).locator('.badge', { hasText: 'Có mặt' }).waitFor({ timeout: TIMEOUT });
    }
    await page.locator('.checkin-counts', { hasText: 'Có mặt: 3 · Đi muộn: 0' }).waitFor({ timeout: TIMEOUT });

    await scan(page, SEATED[0].username);
    await result(page).getByText(`${SEATED[0].name} (${SEATED[0].username}) đã điểm danh lúc`).waitFor({ timeout: TIMEOUT });
    await scan(page, 'KHONGCO99');
    await result(page).getByText('Không có học viên nào với mã “KHONGCO99”.').waitFor({ timeout: TIMEOUT });
    watcher.clear(); // the refused code's 404 is the answer this step expects
    await page.locator('.checkin-counts', { hasText: 'Có mặt: 3' }).waitFor({ timeout: TIMEOUT });

    // The search ignores diacritics.
    await page.getByLabel('Tìm theo tên', { exact: true }).fill('dang thi thu');
    await until(async () => (await page.locator('.checkin-table tbody tr').count()) === 1, 'one learner found');
    await page.getByLabel('Tìm theo tên', { exact: true }).fill('');
    await noHorizontalScroll(page);
    await expectAccessible(page, 'check-in page');
    await page.screenshot({ path: join(shotsDir, 'phongthi-checkin.png'), fullPage: true });
});

test('the proctor seats the three at C3, C5 and D2', async () => {
    const page = proctorPage;
    for (const who of SEATED) {
        const seatForm = row(page, who.username).locator('.seat-form');
        await seatForm.locator('input').fill(who.seat);
        await seatForm.getByRole('button').click();
        await page.locator('.notice-success', { hasText: `${who.name} ngồi ghế ${who.seat}.` }).waitFor({ timeout: TIMEOUT });
    }
    const klass = await apiAs('admin', 'quantri2026', 'GET', `/api/classes/${CLASS_ID}`);
    for (const who of SEATED) {
        const entry = klass.body.class.enrollments.find((e) => e.username === who.username);
        assert.equal(entry.seat_label, who.seat);
    }
});

test('the candidates log in from their seats and the seat map shows them there', async () => {
    const page = proctorPage;
    await page.goto(`${realRun.server.url}/#/exams/${EXAM_ID}/room`);
    await page.locator('.room-controls').getByRole('button', { name: 'Mở phòng thi' }).click();
    await page.getByText('Đã mở phòng thi').first().waitFor({ timeout: TIMEOUT });
    const candidates = [];
    for (const who of SEATED) {
        const { context, page: c } = await realRun.browser.newPage();
        candidates.push(context);
        await signIn(c, realRun.server.url, who.username, who.password, 10000);
        await c.locator(`.my-exam[data-exam-id="${EXAM_ID}"]`).getByRole('link', { name: 'Vào thi' }).click();
        await c.getByText('Vui lòng chờ giám thị bắt đầu giờ thi').first().waitFor({ timeout: TIMEOUT });
    }
    for (const who of SEATED) {
        const tile = page.locator(`.seat-grid .seat[data-seat="${who.seat}"]`);
        await tile.locator('.seat-name').waitFor({ timeout: TIMEOUT });
        await until(async () => (await tile.getAttribute('title') || '').includes(who.username), `${who.username} at ${who.seat}`);
        assert.notEqual(await tile.getAttribute('data-tone'), 'empty');
    }
    // Their old seats (A1..A3 in the demo) are empty now.
    for (const label of ['A1', 'A2', 'A3']) {
        assert.equal(await page.locator(`.seat-grid .seat[data-seat="${label}"]`).getAttribute('data-tone'), 'empty');
    }
    await page.screenshot({ path: join(shotsDir, 'phongthi-checkin-seat-map.png'), fullPage: true });
    assert.deepEqual(watcher.problems(), []);
    for (const context of candidates) await context.close();
    await page.context().close();
});

test('the admin\'s room editor shows the demo room and passes axe', async () => {
    const { page } = await realRun.browser.newPage();
    await signIn(page, realRun.server.url, 'admin', 'quantri2026', 10000, 'Trang quản trị');
    await page.locator('nav a', { hasText: 'Phòng học' }).click();
    await page.locator('table.rooms-table a', { hasText: 'Phòng máy 1' }).click();
    await page.locator('.room-editor-grid .room-cell').first().waitFor({ timeout: TIMEOUT });
    assert.equal(await page.locator('.room-editor-grid .room-cell.is-seat').count(), 50);
    await page.locator('.room-editor-grid .room-cell', { hasText: 'B2' }).click();
    await page.getByLabel('Nhãn ghế', { exact: true }).waitFor({ timeout: TIMEOUT });
    await noHorizontalScroll(page);
    await expectAccessible(page, 'room editor');
    await page.screenshot({ path: join(shotsDir, 'phongthi-room-editor.png'), fullPage: true });
    await page.context().close();
});

await runAgainstRealServer(binary, 'checkin_real.mjs');
