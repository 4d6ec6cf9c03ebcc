// Browser test of the exam pages against the mocked server: lib/mock_api.mjs for REST and
// lib/mock_ws.mjs + lib/mock_exams.mjs for the WebSocket protocol (docs/PROTOCOL.md). Two tabs:
// a proctor watching the room and a candidate. The candidate joins and waits, the proctor starts,
// the candidate answers (acked), goes offline (the mock drops the socket and refuses new ones),
// answers twice more (shown offline, kept in localStorage), comes back and replays both with the
// right seqs, then submits through the dialog that names the unanswered questions. While offline
// the candidate saves the answer file and the proctor uploads it in the room. The proctor sees the
// row, an alert, and a row action sends the right REST call.
// Run: node exam_smoke.mjs   (needs Debian's chromium; prints "N passed, N failed" last)
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, watchPage } from './lib/browser.mjs';
import { serveStatic } from './lib/static_server.mjs';
import { createMockApi } from './lib/mock_api.mjs';
import { webSocketUpgrade } from './lib/mock_ws.mjs';
import { test, run } from './lib/harness.mjs';
import { until, noHorizontalScroll, signIn } from './lib/page_helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const clientDir = join(here, '..', '..', 'client-web');
const shotsDir = process.env.PHONGTHI_SHOTS || '/tmp';
const TIMEOUT = 5000;
const RECONNECT_TIMEOUT = 15000;

let server;
let browser;
let page; // the candidate
let proctor; // the proctor's tab
let watchers = [];
let answerFilePath = null;
const mock = createMockApi({ demo: true });
const room = mock.exams;

const see = (text, root) => root.getByText(text).first().waitFor({ state: 'visible', timeout: TIMEOUT });
const lastRequest = (method, path) => [...mock.requests].reverse().find((r) => r.method === method && r.path === path);

async function shot(p, name) {
    const text = await p.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, /\{[a-z_]+\}/, 'an unfilled placeholder is visible');
    assert.doesNotMatch(text, /\b(app|nav|role|common|home|field|exam|exams|room|error)\.[a-z_]+\b/, 'a raw catalogue key is visible');
    await p.screenshot({ path: join(shotsDir, `phongthi-exam-${name}.png`) });
}

const login = (p, username, password) => signIn(p, server.url, username, password);

const saveIndicator = () => page.locator('.save-indicator');
const outbox = () => page.evaluate(() => JSON.parse(localStorage.getItem('phongthi.outbox.12') || '[]'));
const option = (n, text) => page.locator(`.question-card[data-n="${n}"] .option-choice`, { hasText: text });
const roomRow = (user) => proctor.locator(`.room-table tr[data-user="${user}"]`);

// ---------- proctor opens the room, candidate joins ----------

test('proctor: exams nav, list by class, the room with its live candidate table', async () => {
    await login(proctor, 'gt.le', 'giamthi-123');
    assert.deepEqual(await proctor.locator('nav.app-nav a').allTextContents(), ['Trang chủ', 'Kỳ thi', 'Điểm danh']);
    await proctor.locator('nav.app-nav').getByText('Kỳ thi').click();
    await proctor.locator('h1.page-title', { hasText: 'Kỳ thi' }).waitFor({ timeout: TIMEOUT });
    const examRow = proctor.locator('tr[data-exam-id="7"]');
    await see('Kiểm tra cuối khóa', examRow);
    await see('Đang mở', examRow);
    assert.equal(lastRequest('GET', '/api/exams').query.get('class'), '1');
    assert.equal(await proctor.locator('.exams-table').getByText('Sửa').count(), 0, 'a proctor does not edit exams');
    await examRow.getByRole('link', { name: 'Phòng thi' }).click();
    await proctor.locator('h1.page-title', { hasText: 'Kiểm tra cuối khóa' }).waitFor({ timeout: TIMEOUT });
    await see('Đang theo dõi trực tiếp', proctor);
    await see('Phạm Đức Thắng', roomRow(4));
    await see('Vắng mặt', roomRow(4));
    await see('Đặng Quốc Huy', roomRow(6));
    await see('Bắt đầu giờ thi', proctor.locator('.room-controls'));
    await noHorizontalScroll(proctor);
});

test('candidate: home lists the exam; "Vào thi" leads to the waiting room', async () => {
    await login(page, 'ts.dang', 'thisinh-456');
    const item = page.locator('.my-exam[data-exam-id="7"]');
    await see('Kiểm tra cuối khóa', item);
    await see('45 phút', item);
    await see('Khi giám thị mở phòng thi, bấm “Vào thi”', page);
    assert.deepEqual(await page.locator('nav.app-nav a').allTextContents(), ['Trang chủ']);
    await shot(page, 'home');
    await item.getByRole('link', { name: 'Vào thi' }).click();
    await see('Vui lòng chờ giám thị bắt đầu giờ thi', page);
    await see('Đặng Quốc Huy', page.locator('.exam-lobby'));
    await see('Kiểm tra cuối khóa', page.locator('.exam-lobby'));
    await shot(page, 'waiting');
    await see('Đang chờ', roomRow(6)); // the proctor's feed shows the join
    await see('Đang kết nối', roomRow(6));
});

test('proctor starts: POST /api/exams/7/start, the candidate gets the paper', async () => {
    await proctor.locator('.room-controls').getByRole('button', { name: 'Bắt đầu giờ thi' }).click();
    const dialog = proctor.locator('dialog[open]');
    await see('Mọi thí sinh đang chờ sẽ nhận đề', dialog);
    await dialog.getByRole('button', { name: 'Bắt đầu giờ thi' }).click();
    await see('Đã bắt đầu giờ thi.', proctor);
    assert.ok(lastRequest('POST', '/api/exams/7/start'));
    await see('Câu 1/5', page);
    await see('Đã lưu', saveIndicator());
    assert.ok(room.hellos.length >= 2 && room.hellos.every((m) => m.lang === 'vi'), 'both tabs say hello in the UI language');
    await see('Mã đề 102', page);
    assert.match(await page.locator('.countdown-value').textContent(), /^(45:00|44:5\d)$/);
    await see('Đang làm bài', roomRow(6));
    await noHorizontalScroll(page);
    await shot(page, 'paper');
});

// ---------- answering ----------

test('an answer is sent with seq 1 and acked; the palette marks it', async () => {
    await option(0, '1930').click();
    await until(() => room.received.length === 1, 'the first answer');
    assert.deepEqual(room.received[0], { t: 'answer', n: 0, choice: ['k2m7qd4a'], flag: false, seq: 1 });
    await see('Đã lưu', saveIndicator());
    assert.equal(await option(0, '1930').getAttribute('aria-checked'), 'true');
    assert.match(await page.locator('.palette-button[data-n="0"]').getAttribute('class'), /is-answered/);
    assert.deepEqual(await outbox(), []);
    await see('Đã trả lời 1/5 câu', page);
});

test('html question: whitelisted elements built, picture from the paper media, script and link dropped', async () => {
    await page.locator('.palette-button[data-n="2"]').click();
    const text = page.locator('.question-card[data-n="2"] .question-text');
    await see('Câu 3/5', page);
    assert.equal(await text.locator('b').textContent(), 'Vì sao');
    assert.equal(await text.locator('i').textContent(), 'bước ngoặt');
    assert.equal(await text.locator('img').getAttribute('data-src'), '/api/attempts/12/media/3/h1.png');
    await until(async () => /^data:image\/png;base64,/.test(await text.locator('img').getAttribute('src') || ''), 'the picture');
    assert.match(lastRequest('GET', '/api/attempts/12/media/3/h1.png').headers.authorization, /^Bearer tok-/);
    assert.equal(await text.locator('script, a').count(), 0);
    assert.match(await text.textContent(), /liên kết/);
    assert.equal(await page.locator('.question-card[data-n="2"] .option-text u').textContent(), 'khủng hoảng');
    // Right click strikes an option out, locally, without an integrity event.
    const before = room.events.length;
    await option(2, 'nước ngoài').click({ button: 'right' });
    await until(async () => (await page.locator('.question-card[data-n="2"] .exam-option.is-struck').count()) === 1, 'the strike-out');
    assert.equal(room.events.length, before);
    assert.equal(room.received.length, 1);
});

test('offline: the socket drops, two answers are kept in localStorage and shown offline', async () => {
    room.offline = true;
    room.dropCandidates();
    await see('Mất kết nối — câu trả lời được giữ trên máy', saveIndicator());
    await option(2, 'khủng hoảng').click(); // question 3, seq 2
    await page.keyboard.press('n'); // to question 4
    await see('Câu 4/5', page);
    await page.keyboard.press('2'); // "Mỗi tháng", seq 3
    await see('Mất kết nối — câu trả lời được giữ trên máy', saveIndicator());
    assert.deepEqual(await outbox(), [
        { n: 2, choice: ['y6t5r4e3'], flag: false, seq: 2 },
        { n: 3, choice: ['j8k9l0z1'], flag: false, seq: 3 },
    ]);
    assert.equal(room.received.length, 1, 'nothing reached the server');
    await see('Mất kết nối', roomRow(6));
    await see('Cứ tiếp tục làm bài', page.locator('.offline-banner'));
    await shot(page, 'offline');
});

test('offline: "Lưu tệp bài làm" downloads the answer file: newest state per question, no texts', async () => {
    const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: TIMEOUT }),
        page.locator('.offline-banner').getByRole('button', { name: 'Lưu tệp bài làm' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^phongthi-7-ts\.dang-\d{8}-\d{4}\.json$/);
    answerFilePath = await download.path();
    const file = JSON.parse(await readFile(answerFilePath, 'utf8'));
    assert.equal(file.format, 'phongthi-answers');
    assert.deepEqual([file.version, file.exam, file.attempt, file.username], [1, 7, 12, 'ts.dang']);
    assert.ok(Math.abs(file.saved_at - Date.now()) < 60000);
    assert.deepEqual(file.answers, [
        { n: 0, choice: ['k2m7qd4a'], flag: false, seq: 1 },
        { n: 2, choice: ['y6t5r4e3'], flag: false, seq: 2 },
        { n: 3, choice: ['j8k9l0z1'], flag: false, seq: 3 },
    ]);
    assert.doesNotMatch(JSON.stringify(file), /1930|Mỗi tháng|khủng hoảng/);
    await see('Đã lưu tệp bài làm', page);
    // The quiet one under the palette is there too.
    assert.equal(await page.locator('.palette-file').getByRole('button', { name: 'Lưu tệp bài làm' }).count(), 1);
});

test('proctor: uploading the answer file merges the two unsaved answers', async () => {
    const box = proctor.locator('.answer-file-box');
    await box.getByRole('button', { name: 'Nạp tệp bài làm' }).click();
    await see('Chọn tệp bài làm trước.', box);
    await box.getByLabel('Tệp bài làm (.json)').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"x":1}') });
    await box.getByRole('button', { name: 'Nạp tệp bài làm' }).click();
    await see('Tệp này không phải tệp bài làm của PhòngThi.', box);
    assert.equal(room.answerFiles.length, 0, 'a file that is not an answer file is not sent');
    await box.getByLabel('Tệp bài làm (.json)').setInputFiles(answerFilePath);
    await box.getByRole('button', { name: 'Nạp tệp bài làm' }).click();
    await see('Đã nạp tệp của ts.dang: 2 câu được cập nhật, 1 câu không đổi', box);
    assert.equal(room.answerFiles.length, 1);
    assert.equal(lastRequest('POST', '/api/exams/7/answer-files').body.username, 'ts.dang');
    await see('3/5', roomRow(6).locator('.cell-answered'));
    // A file of another exam: the server's refusal, in words.
    const other = { ...JSON.parse(await readFile(answerFilePath, 'utf8')), exam: 8 };
    await box.getByLabel('Tệp bài làm (.json)').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
    await box.getByRole('button', { name: 'Nạp tệp bài làm' }).click();
    await see('Tệp bài làm này thuộc một kỳ thi khác.', box);
    await shot(proctor, 'answer-file');
});

test('back online: both answers replayed in seq order (acked stale after the file), outbox empty', async () => {
    room.offline = false;
    await until(() => room.received.length === 3, 'the replay', RECONNECT_TIMEOUT);
    assert.deepEqual(room.received.slice(1).map((m) => [m.seq, m.n, m.choice[0]]), [[2, 2, 'y6t5r4e3'], [3, 3, 'j8k9l0z1']]);
    await see('Đã lưu', saveIndicator());
    assert.deepEqual(await outbox(), []);
    await see('Câu 4/5', page); // the reconnect kept the place
    assert.equal(await option(3, 'Mỗi tháng').getAttribute('aria-checked'), 'true');
    await see('Đã trả lời 3/5 câu', page);
});

test('integrity: a copy is sent as an event and shows as an alert in the room', async () => {
    await page.evaluate(() => document.dispatchEvent(new Event('copy')));
    await until(() => room.events.some((e) => e.kind === 'copy'), 'the copy event');
    const alerts = proctor.locator('.alert-list');
    await see('sao chép nội dung', alerts);
    await see('Đặng Quốc Huy', alerts);
    assert.equal(await roomRow(6).locator('.cell-alerts').textContent(), '1');
});

test('proctor: a row action asks for minutes and a reason and posts the extension', async () => {
    await roomRow(6).getByRole('button', { name: 'Cộng giờ' }).click();
    const dialog = proctor.locator('dialog[open]');
    await see('Cộng giờ cho Đặng Quốc Huy', dialog);
    await dialog.getByLabel('Số phút').fill('10');
    await dialog.getByLabel('Lý do').fill('Mất điện 10 phút');
    await dialog.getByRole('button', { name: 'Cộng giờ' }).click();
    await see('Đã cộng giờ cho Đặng Quốc Huy.', proctor);
    assert.deepEqual(lastRequest('POST', '/api/attempts/12/extend').body, { minutes: 10, reason: 'Mất điện 10 phút' });
    await noHorizontalScroll(proctor);
    await shot(proctor, 'room');
});

// ---------- submit ----------

test('flag with F, then the submit dialog names the unanswered and flagged questions', async () => {
    await page.bringToFront();
    await page.keyboard.press('n'); // question 5
    await see('Câu 5/5', page);
    await page.keyboard.press('f');
    await until(() => room.received.length === 4, 'the flag');
    assert.deepEqual(room.received[3], { t: 'answer', n: 4, choice: [], flag: true, seq: 4 });
    assert.match(await page.locator('.palette-button[data-n="4"]').getAttribute('class'), /is-flagged/);
    await page.locator('.exam-bar').getByRole('button', { name: 'Nộp bài' }).click();
    const dialog = page.locator('dialog.submit-dialog[open]');
    await see('Bạn đã trả lời 3/5 câu.', dialog);
    assert.equal(await dialog.locator('.submit-unanswered').textContent(), 'Còn 2 câu chưa trả lời: 2, 5');
    assert.equal(await dialog.locator('.submit-flagged').textContent(), '1 câu đang đánh dấu xem lại: 5');
    await shot(page, 'submit-dialog');
    await dialog.getByRole('button', { name: 'Quay lại làm bài' }).click();
    assert.equal(room.submits.length, 0, 'going back does not submit');
    await page.locator('.exam-bar').getByRole('button', { name: 'Nộp bài' }).click();
    await page.locator('dialog.submit-dialog[open]').getByRole('button', { name: 'Nộp bài' }).click();
    await page.locator('h1.page-title', { hasText: 'Đã nộp bài' }).waitFor({ timeout: TIMEOUT });
    assert.deepEqual(room.submits, [{ t: 'submit' }]);
    assert.equal(await page.locator('.result-answered').textContent(), '3/5');
    assert.equal(await page.locator('.result-score').textContent(), '6,5/10');
    assert.equal(await page.locator('.result-class').textContent(), 'Khá');
    await see('Đã nộp bài', roomRow(6));
    await shot(page, 'result');
});

test('no console errors, page errors or CSP violations (apart from the refused reconnects and the refused file)', async () => {
    const refusedFile = 'console: Failed to load resource: the server responded with a status of 400 (Bad Request)';
    const all = watchers.flatMap((w) => w.problems());
    assert.equal(all.filter((p) => p === refusedFile).length, 1, 'the answer file of another exam: one 400');
    const problems = all.filter((p) => p !== refusedFile)
        .filter((p) => !/WebSocket connection to .* failed/.test(p) && !/ERR_CONNECTION|503/.test(p));
    assert.deepEqual(problems, []);
});

await run({
    async before() {
        server = await serveStatic(clientDir, {
            upgrade: webSocketUpgrade('/ws', (conn) => room.attachConnection(conn), { refuse: () => room.offline }),
        });
        browser = await launchBrowser();
        page = browser.page;
        proctor = await browser.context.newPage();
        await mock.install(browser.context);
        watchers = [watchPage(page), watchPage(proctor)];
    },
    async after() {
        if (browser) await browser.close();
        if (server) await server.close();
    },
});
