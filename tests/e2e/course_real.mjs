// Conduct grades and the feedback survey against the REAL server (demo data): the lecturer grades
// a learner's conduct on the class page and sets the survey of the demo class's exam; a learner
// who sat that exam answers the survey from their home page.
// Run: node course_real.mjs /path/to/build/server/phongthi      (or PHONGTHI_BINARY=...)
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

test('the lecturer grades a learner\'s conduct on the class page', async () => {
    const { page } = await realRun.browser.newPage();
    const watcher = watchPage(page);
    await signIn(page, realRun.server.url, 'giangvien', 'giangvien2026');
    await page.locator('nav a', { hasText: 'Lớp học' }).click();
    await page.locator('table.classes-table a', { hasText: 'Đảng viên mới khoá 2' }).click();
    const row = page.locator('table.conduct-table tbody tr[data-user="hv01"]');
    await row.waitFor({ timeout: TIMEOUT });
    await row.getByLabel('Xếp loại rèn luyện của Nguyễn Văn An').selectOption({ label: 'Khá' });
    await row.getByLabel('Ghi chú về Nguyễn Văn An').fill('Vắng một buổi thảo luận');
    await row.getByRole('button', { name: 'Lưu kết quả rèn luyện của Nguyễn Văn An' }).click();
    await page.locator('.notice-success', { hasText: 'Đã lưu kết quả rèn luyện' }).waitFor({ timeout: TIMEOUT });
    const learner = page.locator('.learners-table tbody tr', { hasText: 'Nguyễn Văn An' });
    assert.ok((await learner.locator('td').allTextContents()).includes('Khá'), 'the learners table shows the new grade');
    await noHorizontalScroll(page);
    await expectAccessible(page, 'class page with conduct grades');
    await page.screenshot({ path: join(shotsDir, 'phongthi-conduct.png'), fullPage: true });
    assert.deepEqual(watcher.problems(), []);
    await page.context().close();
});

test('a learner answers the survey of the exam they submitted, once', async () => {
    const { page } = await realRun.browser.newPage();
    await signIn(page, realRun.server.url, 'giangvien', 'giangvien2026');
    const examId = await page.evaluate(async () => {
        const token = sessionStorage.getItem('phongthi.token') || localStorage.getItem('phongthi.token');
        const reply = await fetch('/api/exams', { headers: token ? { Authorization: `Bearer ${token}` } : {} });
        const exams = (await reply.json()).exams;
        return exams.find((e) => e.title === 'Kiểm tra kết thúc khoá học').id;
    });
    await page.goto(`${realRun.server.url}/#/exams/${examId}/survey`);
    await page.getByLabel('Tiêu đề phiếu', { exact: true }).fill('Ý kiến học viên về khoá học');
    await page.getByLabel('Các nhận định (mỗi dòng một nhận định)').fill('Nội dung thiết thực\nGiảng viên nhiệt tình');
    await page.getByRole('button', { name: 'Lưu phiếu' }).click();
    await page.locator('.notice-success', { hasText: 'Đã lưu phiếu khảo sát' }).waitFor({ timeout: TIMEOUT });
    await page.context().close();

    const learner = await realRun.browser.newPage();
    const watcher = watchPage(learner.page);
    const p = learner.page;
    await signIn(p, realRun.server.url, 'hv02', 'hocvien2026');
    await p.getByRole('link', { name: 'Trả lời phiếu khảo sát' }).click();
    await p.locator('fieldset.survey-item').first().waitFor({ timeout: TIMEOUT });
    await p.locator('fieldset.survey-item').nth(0).getByLabel('Rất đồng ý').check();
    await p.locator('fieldset.survey-item').nth(1).getByLabel('Đồng ý', { exact: true }).check();
    await p.getByLabel('Ý kiến khác (không bắt buộc)').fill('Cảm ơn thầy cô');
    await expectAccessible(p, 'survey answer page');
    await p.getByRole('button', { name: 'Gửi phiếu' }).click();
    await p.locator('.notice-success', { hasText: 'Cảm ơn bạn đã trả lời phiếu khảo sát' }).waitFor({ timeout: TIMEOUT });
    await p.screenshot({ path: join(shotsDir, 'phongthi-survey-answered.png'), fullPage: true });
    await p.goto(`${realRun.server.url}/#/`);
    await p.locator('.my-exam-survey', { hasText: 'Đã trả lời phiếu khảo sát' }).waitFor({ timeout: TIMEOUT });
    assert.deepEqual(watcher.problems(), []);
    await p.context().close();
});

await runAgainstRealServer(binary, 'course_real.mjs');
