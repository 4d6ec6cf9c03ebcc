// Accessibility basics against the REAL server (demo data): axe-core (WCAG 2 A and AA rules: labels,
// names, contrast, landmarks, ARIA) on the main page of each role, the keyboard focus order of the
// login form, the admin's audit log page (filter by an action family, rows shown newest first), and
// a score report downloaded from the results page of the demo class's finished exam.
// Run: node a11y_real.mjs /path/to/build/server/phongthi      (or PHONGTHI_BINARY=...)
// Prints "N passed, N failed" last; exit code 1 on failure. Screenshots: $PHONGTHI_SHOTS.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectAccessible } from './lib/axe.mjs';
import { watchPage } from './lib/browser.mjs';
import { realRun, runAgainstRealServer } from './lib/real_run.mjs';
import { test } from './lib/harness.mjs';
import { noHorizontalScroll, signIn } from './lib/page_helpers.mjs';

const binary = process.argv[2] || process.env.PHONGTHI_BINARY;
const shotsDir = process.env.PHONGTHI_SHOTS || '/tmp';
const TIMEOUT = 5000;

// Each role's pages: [hash path, a heading that says the page has rendered].
const PAGES = {
    admin: { password: 'quantri2026', paths: [['#/admin/users', 'Quản lý người dùng'], ['#/admin/units', 'Quản lý đơn vị'], ['#/admin/audit', 'Nhật ký hệ thống'], ['#/admin/backups', 'Sao lưu dữ liệu'], ['#/admin/report-settings', 'Mẫu báo cáo']] },
    giangvien: { password: 'giangvien2026', paths: [['#/banks', 'Ngân hàng câu hỏi'], ['#/exams', 'Kỳ thi'], ['#/exams/1/edit', '']] },
    giamthi: { password: 'giamthi2026', paths: [['#/exams/1/room', ''], ['#/exams/1/screen', '']] },
    thisinh01: { password: 'thisinh2026', paths: [['#/', 'Trang chủ']] },
};


async function openAs(username) {
    const { page } = await realRun.browser.newPage();
    const watcher = watchPage(page);
    await signIn(page, realRun.server.url, username, PAGES[username].password, 10000,
        username === 'admin' ? 'Trang quản trị' : 'Trang chủ');
    return { page, watcher };
}

async function visit(p, path, heading) {
    await p.goto(`${realRun.server.url}/${path}`, { waitUntil: 'load', timeout: 10000 });
    const title = heading ? p.locator('h1.page-title', { hasText: heading }) : p.locator('h1.page-title');
    await title.first().waitFor({ timeout: TIMEOUT });
    await p.locator('.is-loading, .loading').first().waitFor({ state: 'detached', timeout: TIMEOUT }).catch(() => {});
}

test('the login page passes axe and Tab moves username → password → its show toggle → sign in', async () => {
    const { page } = await realRun.browser.newPage();
    await page.goto(`${realRun.server.url}/`, { waitUntil: 'load', timeout: 10000 });
    await page.locator('.login-form').waitFor({ timeout: TIMEOUT });
    await expectAccessible(page, 'login');
    await page.getByLabel('Tên đăng nhập', { exact: true }).focus();
    const order = [];
    for (let i = 0; i < 4; i += 1) {
        order.push(await page.evaluate(() => {
            const el = document.activeElement;
            const label = el.labels && el.labels.length ? el.labels[0].textContent : el.getAttribute('aria-label') || el.textContent;
            return `${el.tagName.toLowerCase()}${el.type === 'submit' ? '[submit]' : ''}:${label.trim()}`;
        }));
        await page.keyboard.press('Tab');
    }
    assert.match(order[0], /^input:Tên đăng nhập/, `focus order: ${order.join(' → ')}`);
    assert.match(order[1], /^input:Mật khẩu/, `focus order: ${order.join(' → ')}`);
    assert.match(order[2], /^input:Hiện mật khẩu/, `focus order: ${order.join(' → ')}`);
    assert.match(order[3], /^button\[submit\]:Đăng nhập/, `focus order: ${order.join(' → ')}`);
    await page.context().close();
});

for (const username of Object.keys(PAGES)) {
    test(`${username}: every main page passes axe at 1024x768`, async () => {
        const { page, watcher } = await openAs(username);
        for (const [path, heading] of PAGES[username].paths) {
            await visit(page, path, heading);
            await expectAccessible(page, `${username} ${path}`);
            await noHorizontalScroll(page);
        }
        assert.deepEqual(watcher.problems(), []);
        await page.context().close();
    });
}

test('the audit log shows the demo set-up newest first and filters by action family', async () => {
    const { page } = await openAs('admin');
    await visit(page, '#/admin/audit', 'Nhật ký hệ thống');
    const rows = page.locator('table.audit-table tbody tr[data-id]');
    await rows.first().waitFor({ timeout: TIMEOUT });
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.id)));
    assert.ok(ids.length > 0);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');

    const family = await page.locator('select option').evaluateAll((options) =>
        options.map((o) => o.value).find((v) => v.endsWith('.')));
    assert.ok(family, 'an action family to choose');
    await page.getByLabel('Thao tác', { exact: true }).selectOption(family);
    await page.locator('form.audit-filter button[type="submit"]').click();
    await page.waitForFunction((prefix) => {
        const cells = [...document.querySelectorAll('table.audit-table tbody tr[data-id] td:nth-child(3)')];
        return cells.length > 0 && cells.every((td) => td.textContent.startsWith(prefix));
    }, family, { timeout: TIMEOUT });
    await page.screenshot({ path: join(shotsDir, 'phongthi-admin-audit.png') });
    await page.context().close();
});

test('an admin downloads the score report of the demo class\'s finished exam from its results page', async () => {
    const { page } = await openAs('admin');
    const examId = await page.evaluate(async () => {
        const reply = await fetch('/api/exams', { headers: { Authorization: `Bearer ${sessionStorage.getItem('phongthi.token')}` } });
        const { exams } = await reply.json();
        const closed = exams.find((e) => e.state === 'closed');
        return closed ? closed.id : null;
    });
    assert.ok(examId, 'the demo has a finished exam');
    await visit(page, `#/exams/${examId}/results`, '');
    const row = page.locator('.reports-table tr[data-kind="class"]');
    await row.waitFor({ timeout: TIMEOUT });
    const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 15000 }),
        row.locator('button[data-format="xlsx"]').click(),
    ]);
    assert.match(file.suggestedFilename(), /\.xlsx$/);
    const bytes = await readFile(await file.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip');
    await page.locator('.reports-section .message-slot > *').first().waitFor({ timeout: TIMEOUT });
    await expectAccessible(page, 'admin results with report downloads');
    await page.screenshot({ path: join(shotsDir, 'phongthi-admin-reports.png'), fullPage: true });
    await page.context().close();
});

test('"Sao lưu ngay" makes a backup of the live database, lists it and downloads it', async () => {
    const { page } = await openAs('admin');
    await visit(page, '#/admin/backups', 'Sao lưu dữ liệu');
    const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 15000 }),
        page.getByRole('button', { name: 'Sao lưu ngay' }).click(),
    ]);
    assert.match(file.suggestedFilename(), /^phongthi-\d{8}-\d{6}\.db$/);
    const bytes = await readFile(await file.path());
    assert.equal(bytes.subarray(0, 15).toString('latin1'), 'SQLite format 3');
    await page.locator(`table.backups-table tr[data-name="${file.suggestedFilename()}"]`).waitFor({ timeout: TIMEOUT });
    await page.context().close();
});

test('the automatic-backup schedule is checked, saved over the server configuration, then reset', async () => {
    const { page } = await openAs('admin');
    await visit(page, '#/admin/backups', 'Sao lưu dữ liệu');
    const status = page.locator('.backup-schedule-status');
    await status.getByText('Máy chủ không tự sao lưu.').waitFor({ timeout: TIMEOUT });
    await status.getByText('theo cấu hình của máy chủ').waitFor({ timeout: TIMEOUT });
    const every = page.getByLabel('Sao lưu mỗi (phút)', { exact: true });
    const keep = page.getByLabel('Số bản giữ lại', { exact: true });
    const save = page.getByRole('button', { name: 'Lưu lịch sao lưu' });
    const useOptions = page.getByRole('button', { name: 'Dùng cấu hình của máy chủ' });
    assert.equal(await useOptions.isVisible(), false);

    await every.fill('20000');
    await save.click();
    await page.getByText('Hãy nhập số phút nguyên từ 0 đến 10080.').waitFor({ timeout: TIMEOUT });
    assert.equal(await every.getAttribute('aria-invalid'), 'true');

    await every.fill('30');
    await keep.fill('5');
    await save.click();
    await status.getByText('mỗi 30 phút và giữ 5 bản mới nhất').waitFor({ timeout: TIMEOUT });
    await status.getByText('Lần sao lưu tới:').waitFor({ timeout: TIMEOUT });
    await status.getByText('do quản trị đặt').waitFor({ timeout: TIMEOUT });
    await expectAccessible(page, 'backup schedule');

    await useOptions.click();
    await status.getByText('Máy chủ không tự sao lưu.').waitFor({ timeout: TIMEOUT });
    await page.getByText('Đã trở về lịch theo cấu hình của máy chủ.').waitFor({ timeout: TIMEOUT });
    await page.context().close();
});

test('the certificate template refuses an unknown placeholder by name, then saves', async () => {
    const { page } = await openAs('admin');
    await visit(page, '#/admin/report-settings', 'Mẫu báo cáo');
    const body = page.getByLabel('Nội dung chứng nhận', { exact: true });
    const original = await body.inputValue();
    assert.match(original, /\{ngay_sinh\}/);
    const form = page.locator('form', { has: body });
    await body.fill(`${original}\nLớp: {ten_lop}`);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.locator('.field.invalid .field-error', { hasText: '{ten_lop}' }).waitFor({ timeout: TIMEOUT });
    await body.fill(`${original}\nLớp: {lop}`);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu.').waitFor({ timeout: TIMEOUT });
    await page.reload({ waitUntil: 'load' });
    assert.match(await page.getByLabel('Nội dung chứng nhận', { exact: true }).inputValue(), /Lớp: \{lop\}/);
    await page.context().close();
});

await runAgainstRealServer(binary, 'a11y_real.mjs');
