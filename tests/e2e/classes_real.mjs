// The admin's classes pages against the REAL server (demo data): create a course and a class,
// upload a class list with one bad row, see the error naming the row and column, fix the file,
// import it and see the new accounts with their initial passwords; the learners are in the class.
// Run: node classes_real.mjs /path/to/build/server/phongthi      (or PHONGTHI_BINARY=...)
// Prints "N passed, N failed" last; exit code 1 on failure. Screenshots: $PHONGTHI_SHOTS.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { expectAccessible } from './lib/axe.mjs';
import { watchPage } from './lib/browser.mjs';
import { realRun, runAgainstRealServer } from './lib/real_run.mjs';
import { test } from './lib/harness.mjs';
import { noHorizontalScroll, signIn } from './lib/page_helpers.mjs';

const binary = process.argv[2] || process.env.PHONGTHI_BINARY;
const shotsDir = process.env.PHONGTHI_SHOTS || '/tmp';
const TIMEOUT = 5000;

// The organisers' list as Excel saves it in a Vietnamese locale: BOM, ';', CRLF. Row 4 has a
// 31 February.
const HEADER = 'STT;Họ và tên;Ngày sinh;Giới tính;Đơn vị;Chức vụ';
const GOOD_ROWS = ['1;Nguyễn Văn Bình;05/03/1985;Nam;CB-VP;Chuyên viên', '2;Đỗ Thị Hạnh;17/11/1990;Nữ;Chi bộ Sở Y tế;'];
const csv = (rows) => Buffer.from(`\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');


test('the admin creates a class, sees a bad roster row named, fixes it and imports the list', async () => {
    const { page } = await realRun.browser.newPage();
    const watcher = watchPage(page);
    await signIn(page, realRun.server.url, 'admin', 'quantri2026', 10000, 'Trang quản trị');
    await page.locator('nav a', { hasText: 'Lớp học' }).click();
    await page.locator('h1.page-title', { hasText: 'Khoá học và lớp học' }).waitFor({ timeout: TIMEOUT });

    await page.getByRole('button', { name: 'Thêm khoá học' }).click();
    await page.getByLabel('Mã khoá học', { exact: true }).fill('DVM-E2E');
    await page.getByLabel('Tên khoá học', { exact: true }).fill('Bồi dưỡng đảng viên mới đợt 2');
    await page.getByLabel('Loại khoá học', { exact: true }).selectOption('new_member');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.locator('.notice-success', { hasText: 'DVM-E2E' }).waitFor({ timeout: TIMEOUT });

    await page.getByRole('button', { name: 'Thêm lớp' }).click();
    await page.getByLabel('Khoá học', { exact: true }).selectOption({ label: 'DVM-E2E — Bồi dưỡng đảng viên mới đợt 2' });
    await page.getByLabel('Mã lớp', { exact: true }).fill('K2');
    await page.getByLabel('Tên lớp', { exact: true }).fill('Lớp đảng viên mới K2');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.locator('table.classes-table a', { hasText: 'Lớp đảng viên mới K2' }).click();
    await page.locator('h1.page-title', { hasText: 'Lớp đảng viên mới K2' }).waitFor({ timeout: TIMEOUT });

    const file = page.getByLabel('Tệp danh sách', { exact: true });
    await file.setInputFiles({ name: 'danh-sach-k2.csv', mimeType: 'text/csv',
        buffer: csv([...GOOD_ROWS, '3;Trần Văn Cường;31/02/1988;Nam;CB-VP;']) });
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    const error = page.locator('table.roster-problems tr.problem-error');
    await error.first().waitFor({ timeout: TIMEOUT });
    assert.equal(await error.count(), 1);
    const cells = await error.first().locator('td').allTextContents();
    assert.equal(cells[0], '4', `the error names the row: ${cells.join(' | ')}`);
    assert.equal(cells[1], 'Ngày sinh', `the error names the column: ${cells.join(' | ')}`);
    assert.match(cells[2], /31\/02\/1988/);
    assert.ok(await page.getByRole('button', { name: 'Nhập danh sách' }).isDisabled(), 'no import with errors');
    await page.screenshot({ path: join(shotsDir, 'phongthi-admin-roster-error.png') });

    await file.setInputFiles({ name: 'danh-sach-k2.csv', mimeType: 'text/csv',
        buffer: csv([...GOOD_ROWS, '3;Trần Văn Cường;28/02/1988;Nam;CB-VP;']) });
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.locator('.roster-report .report-summary.no-errors').waitFor({ timeout: TIMEOUT });
    await page.getByRole('button', { name: 'Nhập danh sách' }).click();

    const accounts = page.locator('table.accounts-table tbody tr');
    await accounts.first().waitFor({ timeout: 15000 });
    assert.equal(await accounts.count(), 3);
    const first = await accounts.first().locator('td').allTextContents();
    assert.equal(first[3], 'nguyenvanbinh');
    assert.match(first[4], /^[a-km-z2-9]{4}-[a-km-z2-9]{4}$/, `a readable initial password: ${first[4]}`);
    await page.locator('.learners-table tbody tr', { hasText: 'Trần Văn Cường' }).waitFor({ timeout: TIMEOUT });
    assert.equal(await page.locator('.learners-table tbody tr').count(), 3);
    await noHorizontalScroll(page);
    await expectAccessible(page, 'admin class page');
    await page.screenshot({ path: join(shotsDir, 'phongthi-admin-roster-imported.png'), fullPage: true });

    const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: TIMEOUT }),
        page.getByRole('button', { name: 'Tải về CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    assert.deepEqual(watcher.problems(), []);
    await page.context().close();
});

await runAgainstRealServer(binary, 'classes_real.mjs');
