// Browser test of the results pages against the mocked server (lib/mock_api.mjs, whose exam part
// lib/mock_exams.mjs answers docs/EXAMS.md "Grading and results" for the closed exam 9): the
// candidate's result on the home page and the review of their attempt; the lecturer's results
// table (list order, ranks with a tie, "Vắng", summary, sort by rank), the item statistics (test
// summary, flags as badges, option share bars) and a key correction round trip (the dialog's
// checks, the body sent, the regrade report, the reloaded analysis), a void; the proctor's
// results page without the statistics link.
// Run: node results_smoke.mjs   (needs Debian's chromium; prints "N passed, N failed" last)
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, watchPage } from './lib/browser.mjs';
import { serveStatic } from './lib/static_server.mjs';
import { createMockApi } from './lib/mock_api.mjs';
import { webSocketUpgrade } from './lib/mock_ws.mjs';
import { test, run } from './lib/harness.mjs';
import { noHorizontalScroll, signIn } from './lib/page_helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const clientDir = join(here, '..', '..', 'client-web');
const shotsDir = process.env.PHONGTHI_SHOTS || '/tmp';
const TIMEOUT = 5000;

let server;
let browser;
let page;
let watchers = [];
const mock = createMockApi({ demo: true });

const see = (text, root = page) => root.getByText(text).first().waitFor({ state: 'visible', timeout: TIMEOUT });
const lastRequest = (method, path) => [...mock.requests].reverse().find((r) => r.method === method && r.path === path);
const cells = (row) => row.locator('td').allTextContents();

async function shot(p, name) {
    const text = await p.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, /\{[a-z_]+\}/, 'an unfilled placeholder is visible');
    assert.doesNotMatch(text, /\b(app|nav|role|common|home|field|exam|exams|room|error|results|stats|review)\.[a-z_]+\b/, 'a raw catalogue key is visible');
    await p.screenshot({ path: join(shotsDir, `phongthi-results-${name}.png`), fullPage: true });
}

const login = (p, username, password) => signIn(p, server.url, username, password);

async function logout(p) {
    await p.locator('header').getByRole('button', { name: 'Đăng xuất' }).click();
    await p.locator('.login-form').waitFor({ timeout: TIMEOUT });
}

// ---------- the candidate ----------

test('candidate: the closed exam shows the score, Đạt, the class, and "Xem lại bài làm"', async () => {
    await login(page, 'ts.dang', 'thisinh-456');
    const item = page.locator('.my-exam[data-exam-id="9"]');
    await see('Kiểm tra chương 1', item);
    assert.equal(await item.locator('.my-exam-score').textContent(), 'Điểm 7,5/10');
    assert.equal(await item.locator('.my-exam-passed').textContent(), 'Đạt');
    assert.equal(await item.locator('.my-exam-class').textContent(), 'Khá');
    assert.equal(await page.locator('.my-exam[data-exam-id="7"] .my-exam-result').count(), 0, 'no result where the server sends none');
    await shot(page, 'candidate-home');
    await item.getByRole('link', { name: 'Xem lại bài làm' }).click();
    await page.locator('h1.page-title', { hasText: 'Xem lại bài làm' }).waitFor({ timeout: TIMEOUT });
    assert.ok(lastRequest('GET', '/api/attempts/31/review'));
});

test('review: questions in the candidate order, choices and keys marked, html from the whitelist, explanation', async () => {
    const questions = page.locator('.review-question');
    assert.equal(await questions.count(), 3);
    const first = questions.nth(0);
    await see('Câu 1/3', first);
    await see('Đúng', first.locator('.review-head'));
    const chosen = first.locator('.review-option.is-chosen');
    assert.equal(await chosen.count(), 1);
    assert.match(await chosen.textContent(), /Mỗi tháng.*Bạn chọn.*Đáp án đúng/);
    await see('Điều 24, Điều lệ Đảng', first.locator('.review-explanation'));
    const second = questions.nth(1);
    await see('Chưa đúng', second.locator('.review-head'));
    assert.equal(await second.locator('.question-text b').textContent(), 'Năm');
    assert.equal(await second.locator('script').count(), 0);
    assert.equal(await second.locator('.review-option.is-correct .option-text i').textContent(), '1930');
    assert.match(await second.locator('.review-option.is-chosen').textContent(), /1945.*Bạn chọn/);
    await see('Chưa trả lời', questions.nth(2).locator('.review-head'));
    await noHorizontalScroll(page);
    await shot(page, 'review');
    await logout(page);
});

// ---------- the lecturer: results ----------

test('lecturer: the exams list links to the results; the table in list order with ranks and "Vắng"', async () => {
    await login(page, 'gv.tran', 'giangvien-123');
    await page.locator('nav.app-nav').getByText('Kỳ thi').click();
    const examRow = page.locator('tr[data-exam-id="9"]');
    await see('Kiểm tra chương 1', examRow);
    await examRow.getByRole('link', { name: 'Kết quả' }).click();
    await page.locator('h1.page-title', { hasText: 'Kết quả: Kiểm tra chương 1' }).waitFor({ timeout: TIMEOUT });
    assert.ok(lastRequest('GET', '/api/exams/9/results'));
    const rows = page.locator('.results-table tbody tr');
    assert.equal(await rows.count(), 5);
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.user)), ['4', '6', '11', '12', '13']);
    const absent = page.locator('.results-table tr[data-user="4"]');
    assert.equal(await absent.locator('.cell-score').textContent(), 'Vắng');
    assert.equal(await absent.locator('.cell-rank').textContent(), '');
    assert.deepEqual(await cells(page.locator('.results-table tr[data-user="6"]')),
        ['2', 'Đặng Quốc Huy', '02/11/1988', 'Chi bộ Văn phòng', '101', '7,5', 'Khá', '2', '1', '25:20',
            await page.evaluate(() => new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })
                .format(new Date('2026-11-20T08:25:20Z')))]);
    const rank = (user) => page.locator(`.results-table tr[data-user="${user}"] .cell-rank`).textContent();
    assert.deepEqual([await rank(11), await rank(6), await rank(13), await rank(12)], ['1', '2', '2', '4'], 'a tie shares the rank');
    assert.equal(await page.locator('.results-table tr[data-user="12"] .cell-class').textContent(), 'Không đạt');
    assert.equal(await page.locator('.results-table tr[data-user="13"] .cell-unit-rank').textContent(), '1');
});

test('results: the summary, then sort by rank (absent last)', async () => {
    const summary = page.locator('.results-summary');
    assert.equal(await summary.locator('.summary-learners').textContent(), '5');
    assert.equal(await summary.locator('.summary-graded').textContent(), '4');
    assert.equal(await summary.locator('.summary-absent').textContent(), '1');
    assert.equal(await summary.locator('.summary-mean').textContent(), '6,88 / 10');
    assert.equal(await summary.locator('.summary-pass-rate').textContent(), '75%');
    assert.equal(await summary.locator('.summary-class[data-class="kha"]').textContent(), 'Khá 2');
    assert.equal(await summary.locator('.summary-class[data-class="trung_binh"]').textContent(), 'Trung bình 0');
    await page.getByLabel('Sắp xếp theo').selectOption('rank');
    const order = await page.locator('.results-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.user));
    assert.deepEqual(order, ['11', '6', '13', '12', '4']);
    await noHorizontalScroll(page);
    await shot(page, 'table');
});

// ---------- the lecturer: statistics and key corrections ----------

test('statistics: test summary with "—" for an absent statistic, flags as badges, share bars', async () => {
    await page.getByRole('link', { name: 'Thống kê câu hỏi' }).click();
    await page.locator('h1.page-title', { hasText: 'Thống kê câu hỏi: Kiểm tra chương 1' }).waitFor({ timeout: TIMEOUT });
    const summary = page.locator('.stats-summary');
    assert.equal(await summary.locator('.stats-attempts').textContent(), '4');
    assert.equal(await summary.locator('.stats-kr20').textContent(), '—');
    assert.equal(await summary.locator('.stats-alpha').textContent(), '0,612');
    assert.equal(await summary.locator('.stats-sd').textContent(), '1,03');
    assert.equal(await summary.locator('.stats-sem').textContent(), '0,64');
    const q102 = page.locator('.stats-question[data-question-id="102"]');
    await see('Chi bộ sinh hoạt thường lệ bao lâu một lần?', q102);
    assert.deepEqual(await q102.locator('.stats-flag').allTextContents(), ['Phân biệt âm', 'Phương án nhiễu không ai chọn', 'Nghi sai đáp án']);
    assert.match(await q102.locator('.stats-flag[data-flag="distractor_beats_key"]').getAttribute('class'), /badge-off/);
    assert.equal(await q102.locator('.metric-difficulty strong').textContent(), '0,25');
    assert.equal(await q102.locator('.metric-discrimination strong').textContent(), '-0,45');
    assert.equal(await q102.locator('.metric-unanswered strong').textContent(), '25%');
    const keyRow = q102.locator('tr.is-key');
    assert.match(await keyRow.textContent(), /Mỗi tuần/);
    const monthly = q102.locator('tr[data-option="1"]');
    assert.equal(await monthly.locator('.cell-chosen').textContent(), '2');
    assert.equal(await monthly.locator('.share-value').textContent(), '50%');
    assert.equal(await monthly.locator('.share-bar-fill').evaluate((el) => el.style.width), '50%');
    await see('Không có trong mọi đề', page.locator('.stats-question[data-question-id="103"]'));
    assert.equal(await page.locator('.stats-question[data-question-id="103"] .metric-discrimination strong').textContent(), '—');
    await noHorizontalScroll(page);
    await shot(page, 'statistics');
});

test('key correction: the dialog needs an option and a reason, previews the regrade, then sends {question_id, correct, reason}, reports and reloads', async () => {
    const q102 = page.locator('.stats-question[data-question-id="102"]');
    await q102.getByRole('button', { name: 'Sửa đáp án / Huỷ câu' }).click();
    const dialog = page.locator('dialog.correction-dialog[open]');
    await see('Sửa đáp án / Huỷ câu 2', dialog);
    assert.equal(await dialog.getByLabel('Mỗi tuần').isChecked(), true, 'the current key is ticked');
    assert.equal(await dialog.getByRole('button', { name: 'Áp dụng' }).count(), 0, 'no apply before a preview');
    await dialog.getByLabel('Mỗi tuần').uncheck();
    await dialog.getByRole('button', { name: 'Xem trước thay đổi' }).click();
    await see('Chọn ít nhất một phương án đúng.', dialog);
    await dialog.getByLabel('Mỗi tháng').check();
    await dialog.getByRole('button', { name: 'Xem trước thay đổi' }).click();
    await see('Vui lòng nhập thông tin này.', dialog);
    assert.equal(mock.exams.keyCorrections.length, 0, 'nothing sent without a reason');
    await dialog.getByLabel('Lý do (ghi vào nhật ký)').fill('Đáp án gốc nhầm: Điều lệ quy định mỗi tháng');
    await dialog.getByRole('button', { name: 'Xem trước thay đổi' }).click();
    await see('3 bài thi sẽ đổi điểm', dialog);
    assert.equal(mock.exams.keyCorrections.length, 0, 'the preview changes nothing');
    // The biggest change first: Bình +2,5 and Huy −2,5 before Lan +1,5.
    assert.deepEqual(await dialog.locator('.correction-preview-table tbody td:first-child').allTextContents(),
        ['Đặng Quốc Huy (ts.dang)', 'Trần Văn Bình (ts.tran)', 'Nguyễn Thị Lan (ts.nguyen)']);
    assert.deepEqual(await dialog.locator('.correction-preview-table tbody .preview-after').allTextContents(), ['5', '6,5', '10']);
    await shot(page, 'correction-dialog');
    const statsBefore = mock.requests.filter((r) => r.path === '/api/exams/9/statistics').length;
    await dialog.getByRole('button', { name: 'Áp dụng' }).click();
    await see('Đã chấm lại 4 bài, 3 bài thay đổi điểm.');
    assert.deepEqual(lastRequest('POST', '/api/exams/9/key-corrections').body,
        { question_id: 102, correct: [1], reason: 'Đáp án gốc nhầm: Điều lệ quy định mỗi tháng' });
    assert.deepEqual(await page.locator('.correction-change').allTextContents(),
        ['Đặng Quốc Huy: 7,5 → 5', 'Nguyễn Thị Lan: 8,5 → 10', 'Trần Văn Bình: 4 → 6,5']);
    assert.equal(await page.locator('dialog[open]').count(), 0);
    assert.ok(mock.requests.filter((r) => r.path === '/api/exams/9/statistics').length > statsBefore, 'the analysis is read again');
    await page.locator('.stats-question[data-question-id="102"] tr.is-key', { hasText: 'Mỗi tháng' }).waitFor({ timeout: TIMEOUT });
    assert.deepEqual(await q102.locator('.stats-flag').allTextContents(), ['Phương án nhiễu không ai chọn']);
    await shot(page, 'corrected');
});

test('void with full credit sends {question_id, void, reason}; the question shows as voided', async () => {
    const q101 = page.locator('.stats-question[data-question-id="101"]');
    await q101.getByRole('button', { name: 'Sửa đáp án / Huỷ câu' }).click();
    const dialog = page.locator('dialog.correction-dialog[open]');
    await dialog.getByLabel('Huỷ câu, cho mọi thí sinh đủ điểm câu này').check();
    assert.equal(await dialog.locator('.correction-options').isHidden(), true);
    await dialog.getByLabel('Lý do (ghi vào nhật ký)').fill('Câu quá dễ, không phân loại');
    await dialog.getByRole('button', { name: 'Xem trước thay đổi' }).click();
    await dialog.getByRole('button', { name: 'Áp dụng' }).click();
    await see('Đã huỷ câu', q101);
    assert.deepEqual(lastRequest('POST', '/api/exams/9/key-corrections').body,
        { question_id: 101, void: 'full_credit', reason: 'Câu quá dễ, không phân loại' });
    await logout(page);
});

// ---------- the proctor ----------

test('proctor: results from the room page, no statistics link', async () => {
    await login(page, 'gt.le', 'giamthi-123');
    await page.goto(`${server.url}/#/exams/9/room`);
    await page.locator('h1.page-title', { hasText: 'Kiểm tra chương 1' }).waitFor({ timeout: TIMEOUT });
    await page.locator('.page-actions').getByRole('link', { name: 'Kết quả' }).click();
    await page.locator('h1.page-title', { hasText: 'Kết quả: Kiểm tra chương 1' }).waitFor({ timeout: TIMEOUT });
    assert.equal(await page.locator('.results-table tr[data-user="6"] .cell-score').textContent(), '5', 'the regraded score');
    assert.equal(await page.getByRole('link', { name: 'Thống kê câu hỏi' }).count(), 0);
});

test('no console errors, page errors or CSP violations', async () => {
    assert.deepEqual(watchers.flatMap((w) => w.problems()), []);
});

await run({
    async before() {
        // The room page opens the watch feed: the mocked WebSocket answers it.
        server = await serveStatic(clientDir, { upgrade: webSocketUpgrade('/ws', (conn) => mock.exams.attachConnection(conn)) });
        browser = await launchBrowser();
        page = browser.page;
        await mock.install(browser.context);
        watchers = [watchPage(page)];
    },
    async after() {
        if (browser) await browser.close();
        if (server) await server.close();
    },
});
