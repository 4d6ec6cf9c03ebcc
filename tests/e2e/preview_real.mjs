// The lecturer's three previews against the REAL server (demo data): a bank question "as the
// candidate sees it" (unsaved edits included, no key), a paper of the demo exam drawn by the server
// and shown on the candidate's own cards (the key only on request), and a key correction's regrade
// preview on the demo class's finished exam, then applied with the same outcome.
// Run: node preview_real.mjs /path/to/build/server/phongthi      (or PHONGTHI_BINARY=...)
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
const DEMO_EXAM_QUESTIONS = 7;

let page = null;
let watcher = null;

async function go(path, heading) {
    await page.goto(`${realRun.server.url}/${path}`, { waitUntil: 'load', timeout: 10000 });
    await page.locator('h1.page-title', { hasText: heading }).first().waitFor({ timeout: TIMEOUT });
}

test('the lecturer previews a question being edited as the candidate sees it', async () => {
    ({ page } = await realRun.browser.newPage());
    watcher = watchPage(page);
    await signIn(page, realRun.server.url, 'giangvien', 'giangvien2026', 10000);
    await go('#/banks', 'Ngân hàng câu hỏi');
    await page.getByRole('link', { name: 'Xem câu hỏi' }).first().click();
    const row = page.locator('table.questions-table tbody tr', { hasText: 'Chi bộ sinh hoạt thường lệ bao lâu một lần?' });
    await row.getByRole('button', { name: 'Sửa' }).click();
    const form = page.locator('form.question-form');
    await form.getByRole('button', { name: 'Xem như thí sinh' }).click();
    const card = form.locator('.question-preview .question-card');
    await card.waitFor({ timeout: TIMEOUT });
    const options = await form.locator('.option-row textarea.option-text').evaluateAll((list) => list.map((t) => t.value));
    const shown = await card.locator('.exam-option .option-text').allTextContents();
    assert.deepEqual([...shown].sort(), [...options].sort(), 'every option, in some order');
    assert.equal(await card.locator('.preview-key:visible, .exam-option.is-key').count(), 0, 'no key for the candidate');
    await form.getByLabel('Nội dung câu hỏi').fill('Chi bộ sinh hoạt thường lệ mấy lần một tháng?');
    await card.locator('.question-text', { hasText: 'mấy lần một tháng' }).waitFor({ timeout: TIMEOUT });
    await page.locator('.question-preview .question-card .option-choice').first().click();
    await page.locator('.question-preview .exam-option.is-chosen').waitFor({ timeout: TIMEOUT });
    await form.getByRole('button', { name: 'Đảo lại' }).click();
    await page.locator('.question-preview .question-card').waitFor({ timeout: TIMEOUT });
    await form.getByLabel('Không đảo thứ tự phương án khi ra đề').check();
    await form.locator('.preview-note', { hasText: 'giữ nguyên thứ tự' }).waitFor({ timeout: TIMEOUT });
    assert.deepEqual(await page.locator('.question-preview .exam-option .option-text').allTextContents(), options,
        'a question that is not shuffled shows its own order');
    assert.equal(await form.getByRole('button', { name: 'Đảo lại' }).isHidden(), true);
    await noHorizontalScroll(page);
    await expectAccessible(page, 'question editor with its candidate preview');
    await page.screenshot({ path: join(shotsDir, 'phongthi-lecturer-question-preview.png'), fullPage: true });
});

test('the lecturer previews a paper of the demo exam, with and without its key, and draws another', async () => {
    await go('#/exams/1/edit', 'Sửa kỳ thi');
    await page.getByRole('button', { name: 'Xem trước đề' }).click();
    const panel = page.locator('.paper-preview');
    await panel.locator('.question-card').first().waitFor({ timeout: TIMEOUT });
    assert.equal(await panel.locator('.question-card').count(), DEMO_EXAM_QUESTIONS);
    assert.match(await panel.locator('.preview-info').textContent(), new RegExp(`${DEMO_EXAM_QUESTIONS} câu`));
    assert.equal(await panel.locator('.exam-option.is-key').count(), 0, 'the key only on request');
    await panel.getByLabel('Hiện đáp án (chỉ giảng viên thấy)').check();
    assert.ok(await panel.locator('.exam-option.is-key').count() >= DEMO_EXAM_QUESTIONS, 'every question shows its key');
    const firstInfo = await panel.locator('.preview-info').textContent();
    const drawn = page.waitForResponse((r) => r.url().includes('/preview-paper'), { timeout: TIMEOUT });
    await panel.getByRole('button', { name: 'Rút đề khác' }).click();
    assert.equal((await drawn).status(), 200);
    await panel.locator('.preview-info').filter({ hasNotText: firstInfo }).waitFor({ timeout: TIMEOUT });
    assert.equal(await panel.locator('.question-card').count(), DEMO_EXAM_QUESTIONS);
    assert.ok(await panel.locator('.exam-option.is-key').count() >= DEMO_EXAM_QUESTIONS, 'the key stays on');
    await noHorizontalScroll(page);
    await expectAccessible(page, 'exam editor with a paper preview');
    await page.screenshot({ path: join(shotsDir, 'phongthi-lecturer-paper-preview.png'), fullPage: true });
});

test('the lecturer previews a key correction\'s regrade, then applies it with the same outcome', async () => {
    const examId = await page.evaluate(async () => {
        const reply = await fetch('/api/exams', { headers: { Authorization: `Bearer ${sessionStorage.getItem('phongthi.token')}` } });
        const closed = (await reply.json()).exams.find((e) => e.state === 'closed');
        return closed ? closed.id : null;
    });
    assert.ok(examId, 'the demo has a finished exam');
    await go(`#/exams/${examId}/statistics`, 'Thống kê');
    await page.getByRole('button', { name: 'Sửa đáp án / Huỷ câu' }).first().click();
    const dialog = page.locator('dialog.correction-dialog[open]');
    await dialog.getByLabel('Huỷ câu, cho mọi thí sinh đủ điểm câu này').check();
    await dialog.getByLabel('Lý do (ghi vào nhật ký)').fill('Câu hỏi có hai cách hiểu');
    assert.equal(await dialog.getByRole('button', { name: 'Áp dụng' }).isHidden(), true, 'no apply before the preview');
    await dialog.getByRole('button', { name: 'Xem trước thay đổi' }).click();
    const summary = dialog.locator('.correction-preview-summary');
    await summary.waitFor({ timeout: TIMEOUT });
    const changed = Number((await summary.textContent()).match(/^(\d+) bài thi sẽ đổi điểm/)[1]);
    assert.ok(changed > 0, 'voiding a question with full credit raises someone');
    assert.equal(await dialog.locator('.correction-preview-table tbody tr').count(), changed);
    const after = await dialog.locator('.correction-preview-table tbody .preview-after').allTextContents();
    await expectAccessible(page, 'key correction dialog with its regrade preview');
    await page.screenshot({ path: join(shotsDir, 'phongthi-lecturer-regrade-preview.png') });
    await dialog.getByRole('button', { name: 'Áp dụng' }).click();
    const report = page.locator('.correction-result .notice-success');
    await report.waitFor({ timeout: TIMEOUT });
    assert.match(await report.textContent(), new RegExp(`${changed} bài thay đổi điểm`));
    const applied = (await page.locator('.correction-change').allTextContents()).map((t) => t.split('→ ').pop().trim());
    assert.deepEqual([...applied].sort(), [...after].sort(), 'the scores the preview predicted');
    assert.deepEqual(watcher.problems(), []);
    await page.context().close();
});

await runAgainstRealServer(binary, 'preview_real.mjs');
