// Browser test of an exam against the REAL server: starts the phongthi binary (--demo, fresh
// temporary data folder, 127.0.0.1, a free port) and drives four separate browser contexts in
// Debian's Chromium at 1024x768, Vietnamese, over HTTPS (--tls both, the self-signed certificate): the proctor `giamthi` opens the demo exam's room and
// starts it; the candidates `thisinh01` and `thisinh02` wait and get their (different) papers.
// thisinh01 answers 3 questions (saved, the proctor's row shows 3/7), loses the network
// (context.setOffline for HTTP; it does not end an open WebSocket in Chromium, so every page's
// socket runs through context.routeWebSocket, which closes it and refuses new ones), answers 2 more (kept in the browser, shown offline), saves the answer file (sealed to the server's key),
// comes back (saved again, 5/7); `thisinh03` arrives late and goes straight onto a paper; the
// proctor adds 5 minutes for the room and every candidate's clock moves up by 5 minutes; the
// proctor uploads the file (nothing new to merge), a reload shows
// the 5 answers from the server, and the submit dialog names the 2 unanswered questions before the
// result (the score, graded at submit); the proctor opens the results from the room and sees that
// score with rank 1. The room opens on its seat map (both candidates at A1 and A2; a click selects
// one for the row's controls); the list view filters by state and name; "Màn hình chiếu" shows
// the URL, its QR code and the time left. Then SIGTERM must end the server with exit code 0 within 10 s.
// Run: node exam_real.mjs /path/to/build/server/phongthi      (or PHONGTHI_BINARY=...)
// Prints "N passed, N failed" last; exit code 1 on failure. Screenshots: $PHONGTHI_SHOTS
// (default /tmp) as phongthi-exam-real-*.png.
import assert from 'node:assert/strict';
import { accessSync, constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expectAccessible } from './lib/axe.mjs';
import { launchBrowserForContexts, watchPage } from './lib/browser.mjs';
import { startServer } from './lib/phongthi_server.mjs';
import { test, run } from './lib/harness.mjs';
import { until, noHorizontalScroll, signIn } from './lib/page_helpers.mjs';

const binaryArg = process.argv[2] || process.env.PHONGTHI_BINARY;
const shotsDir = process.env.PHONGTHI_SHOTS || '/tmp';
const TIMEOUT = 5000; // every wait on the page
const NAV_TIMEOUT = 10000; // page loads
const RECONNECT_TIMEOUT = 20000; // back online: the reconnect backoff is at most 10 s
const STEP_TIMEOUT = 30000; // a whole step, in case something hangs outside Playwright
const WATCHDOG_MS = 150000; // the whole run (CTest's TIMEOUT is 180 s)

// Demo data the server seeds (server/demo/demo.cpp).
const EXAM = { id: 1, title: 'Kiểm tra cuối khoá (thử)', questions: 7, minutes: 30 };
const PROCTOR = { username: 'giamthi', password: 'giamthi2026', name: 'Lê Văn Giám' };
const CANDIDATE = { username: 'thisinh01', password: 'thisinh2026', name: 'Phạm Thị Hoa' };
const CANDIDATE2 = { username: 'thisinh02', password: 'thisinh2026', name: 'Hoàng Văn Nam' };
const CANDIDATE3 = { username: 'thisinh03', password: 'thisinh2026', name: 'Đặng Thị Thu Hằng' };

let server;
let chromium;
let anyStepFailed = false;
const people = {}; // name -> {context, page, watcher, sent: [frames], httpErrors: []}
let offsite = [];
let answerFilePath = null;
let chosenBefore = null;
let offlineFrom = 0;
let candidateScore = null;

// ---------- helpers ----------

/** A test step that cannot hang: fails after `ms` whatever it waits for. */
function step(name, fn, ms = STEP_TIMEOUT) {
    test(name, async () => {
        let timer;
        const limit = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`step did not finish within ${ms} ms`)), ms);
        });
        try {
            await Promise.race([fn(), limit]);
        } catch (error) {
            anyStepFailed = true;
            for (const [who, { page }] of Object.entries(people)) {
                await page.screenshot({ path: join(shotsDir, `phongthi-exam-real-failed-${who}.png`), timeout: 2000 }).catch(() => {});
            }
            throw error;
        } finally {
            clearTimeout(timer);
        }
    });
}

const see = (text, root, timeout = TIMEOUT) => root.getByText(text).first().waitFor({ state: 'visible', timeout });
const proctor = () => people.proctor.page;
const cand = () => people.cand1.page;
const cand2 = () => people.cand2.page;
const cand3 = () => people.cand3.page;
const roomRow = (username) => proctor().locator('.room-table tbody tr', { hasText: username });
const viewButton = (name) => proctor().locator('.room-view-switch').getByRole('button', { name });
const seat = (label) => proctor().locator(`.seat-grid .seat[data-seat="${label}"]`);
const saveState = (p) => p.locator('.save-indicator').getAttribute('data-state');
const waitSave = (p, state, timeout = TIMEOUT) =>
    p.locator(`.save-indicator[data-state="${state}"]`).waitFor({ timeout });
const card = (p, n) => p.locator(`.question-card[data-n="${n}"]`);

async function shot(p, name) {
    const text = await p.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, /\{[a-z_]+\}/, 'an unfilled placeholder is visible');
    assert.doesNotMatch(text, /\b(app|nav|role|common|home|field|exam|exams|room|error|results)\.[a-z_]+\b/, 'a raw catalogue key is visible');
    assert.doesNotMatch(text, /\[object Object\]/);
    await p.screenshot({ path: join(shotsDir, `phongthi-exam-real-${name}.png`) });
}

const login = (p, { username, password }) => signIn(p, server.url, username, password, NAV_TIMEOUT);

/** The candidate's way in: home lists the exam, "Vào thi" leads to the waiting room. */
async function enterExam(p, person) {
    await login(p, person);
    const item = p.locator(`.my-exam[data-exam-id="${EXAM.id}"]`);
    await see(EXAM.title, item);
    await see(`${EXAM.minutes} phút`, item);
    await item.getByRole('link', { name: 'Vào thi' }).click();
    await see('Vui lòng chờ giám thị bắt đầu giờ thi', p);
    await see(person.name, p.locator('.exam-lobby'));
    await see(EXAM.title, p.locator('.exam-lobby'));
}

/** Every question's stem and option texts, in the order of the page. */
const paperTexts = (p) => p.evaluate(() => [...document.querySelectorAll('.question-card')].map((c) => ({
    stem: c.querySelector('.question-text').textContent.trim(),
    options: [...c.querySelectorAll('.option-text')].map((o) => o.textContent.trim()),
})));

/** n -> the texts of the chosen options, for the questions with a choice. */
const chosen = (p) => p.evaluate(() => Object.fromEntries([...document.querySelectorAll('.question-card')]
    .map((c) => [c.dataset.n, [...c.querySelectorAll('.exam-option.is-chosen .option-text')].map((o) => o.textContent.trim())])
    .filter(([, texts]) => texts.length)));

const outbox = (p) => p.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('phongthi.outbox.'));
    return key ? JSON.parse(localStorage.getItem(key)) : [];
});

/** Answer question n with its first option (a button, or a checkbox's label). */
async function answer(p, n) {
    await p.locator(`.palette-button[data-n="${n}"]`).click();
    await see(`Câu ${n + 1}/${EXAM.questions}`, p);
    await card(p, n).locator('.option-choice').first().click();
    await until(async () => (await card(p, n).locator('.exam-option.is-chosen').count()) === 1, `question ${n + 1} chosen`);
}

/** Network off: HTTP fails (setOffline), the open WebSockets close and new ones are refused. */
async function setNetwork(who, up) {
    who.wsDown = !up;
    await who.context.setOffline(!up);
    if (!up) {
        for (const { ws, upstream } of [...who.sockets]) {
            upstream.close();
            ws.close();
        }
    }
}

// ---------- the room opens, two candidates wait ----------

step('proctor: the room of the published exam, not open yet; "Mở phòng thi" opens it and the feed goes live', async () => {
    const p = proctor();
    await login(p, PROCTOR);
    await p.goto(`${server.url}/#/exams/${EXAM.id}/room`, { timeout: NAV_TIMEOUT });
    await p.locator('h1.page-title', { hasText: EXAM.title }).waitFor({ timeout: TIMEOUT });
    await see('Đã lên lịch', p.locator('.room-status'));
    await see('Phòng thi chưa mở', p.locator('.feed-status'));
    // The seat map of the room (5 × 10) is the first view; the steps below follow the list.
    await p.locator('.seat-grid').waitFor({ timeout: TIMEOUT });
    assert.equal(await p.locator('.seat-grid .seat').count(), 50);
    assert.equal(await viewButton('Sơ đồ phòng').getAttribute('aria-pressed'), 'true');
    await viewButton('Danh sách').click();
    await p.locator('.room-table').waitFor({ timeout: TIMEOUT });
    await p.locator('.room-controls').getByRole('button', { name: 'Mở phòng thi' }).click();
    await see('Đã mở phòng thi', p);
    await see('Đang theo dõi trực tiếp', p.locator('.feed-status'));
    await see('Đang mở', p.locator('.room-status'));
    for (const who of [CANDIDATE, CANDIDATE2]) {
        await see(who.name, roomRow(who.username));
        await see('Vắng mặt', roomRow(who.username));
    }
    await see('Bắt đầu giờ thi', p.locator('.room-controls'));
    assert.equal(await p.locator('.room-controls').getByRole('button', { name: 'Mở phòng thi' }).isHidden(), true);
    await shot(p, 'room-open');
});

step('candidates: home lists the exam, "Vào thi" leads to the waiting room; the proctor sees them waiting', async () => {
    await enterExam(cand(), CANDIDATE);
    await shot(cand(), 'waiting');
    await enterExam(cand2(), CANDIDATE2);
    await see('Đang chờ', roomRow(CANDIDATE.username));
    await see('Đang chờ', roomRow(CANDIDATE2.username));
    await see('Đang kết nối', roomRow(CANDIDATE.username));
});

step('proctor starts: both candidates get a paper of 7 questions, 30 minutes, saved', async () => {
    const p = proctor();
    await p.locator('.room-controls').getByRole('button', { name: 'Bắt đầu giờ thi' }).click();
    const dialog = p.locator('dialog[open]');
    await see('Mọi thí sinh đang chờ sẽ nhận đề', dialog);
    await dialog.getByRole('button', { name: 'Bắt đầu giờ thi' }).click();
    await see('Đã bắt đầu giờ thi.', p);
    for (const c of [cand(), cand2()]) {
        await see(`Câu 1/${EXAM.questions}`, c);
        await waitSave(c, 'saved');
        await see('Đã lưu', c.locator('.save-indicator'));
        await see(EXAM.title, c.locator('.exam-bar'));
        assert.match(await c.locator('.countdown-value').textContent(), /^(30:00|29:[0-5]\d)$/);
        assert.equal(await c.locator('.question-card').count(), EXAM.questions);
    }
    await see('Đang làm bài', roomRow(CANDIDATE.username));
    await see('Đang làm bài', roomRow(CANDIDATE2.username));
    await see(`0/${EXAM.questions}`, roomRow(CANDIDATE.username).locator('.cell-answered'));
    await noHorizontalScroll(cand());
    await expectAccessible(cand(), 'the candidate\'s paper');
    await expectAccessible(p, 'the proctor\'s live room');
    await shot(cand(), 'paper');
});

step('the two papers differ in question order or option order (per-candidate shuffle)', async () => {
    const one = await paperTexts(cand());
    const two = await paperTexts(cand2());
    assert.equal(one.length, EXAM.questions);
    assert.equal(two.length, EXAM.questions);
    for (const q of [...one, ...two]) {
        assert.ok(q.stem.length > 0, 'a stem is shown');
        assert.ok(q.options.length >= 2 && q.options.every((o) => o.length > 0), 'options are shown');
    }
    const sameOrder = one.every((q, i) => q.stem === two[i].stem);
    const sameOptions = one.every((q) => {
        const other = two.find((x) => x.stem === q.stem);
        return !other || other.options.join('\n') === q.options.join('\n');
    });
    assert.ok(!sameOrder || !sameOptions, 'thisinh01 and thisinh02 got the same paper in the same order');
    console.log(`     question order ${sameOrder ? 'same' : 'differs'}, option order ${sameOptions ? 'same' : 'differs'}; `
        + `${one.filter((q) => two.some((x) => x.stem === q.stem)).length} questions in common`);
    // The hello said which language the page speaks.
    const hello = people.cand1.sent.find((m) => m.t === 'hello');
    assert.equal(hello && hello.lang, 'vi');
});

// ---------- answering, offline, back ----------

step('proctor: the seat map shows both candidates at their seats (A1, A2), working, 0/7; a click selects one for the row controls; the list filters', async () => {
    const p = proctor();
    await viewButton('Sơ đồ phòng').click();
    for (const [label, who] of [['A1', CANDIDATE], ['A2', CANDIDATE2]]) {
        await see(who.name.split(' ').slice(-2).join(' '), seat(label));
        await see('Đang làm bài', seat(label));
        await see(`0/${EXAM.questions}`, seat(label));
        assert.equal(await seat(label).getAttribute('data-tone'), 'working');
        assert.match(await seat(label).locator('.seat-time').textContent(), /^(30:00|29:[0-5]\d)$/);
    }
    await see('Vắng mặt', seat('A3')); // thisinh03 has not come
    await see('Trống', seat('A4'));
    assert.equal(await p.locator('.seat-unseated').isHidden(), true, 'every candidate has a seat');
    await seat('A1').click();
    assert.equal(await seat('A1').getAttribute('aria-pressed'), 'true');
    const selected = p.locator('.seat-selected');
    await see(CANDIDATE.name, selected);
    await selected.getByRole('button', { name: 'Tạm dừng' }).waitFor({ timeout: TIMEOUT });
    await noHorizontalScroll(p);
    await expectAccessible(p, 'the seat map');
    await shot(p, 'room-seat-map');

    await viewButton('Danh sách').click();
    const visibleRows = () => p.locator('.room-table tbody tr:visible').count();
    await p.getByLabel('Tìm theo tên, tài khoản, chỗ ngồi').fill('thi hoa');
    await until(async () => (await visibleRows()) === 1, 'only thisinh01 found by "thi hoa" (no diacritics)');
    await see(CANDIDATE.name, p.locator('.room-table tbody tr:visible'));
    await p.getByLabel('Tìm theo tên, tài khoản, chỗ ngồi').fill('');
    await p.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Đã nộp bài' });
    await until(async () => (await visibleRows()) === 0, 'nobody submitted yet');
    await p.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Đang làm bài' });
    await until(async () => (await visibleRows()) === 2, 'both working');
    await p.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Tất cả' });
});

step('thisinh01 answers 3 questions: each one "Đã lưu", the proctor row shows 3/7', async () => {
    const c = cand();
    for (const n of [0, 1, 2]) {
        await answer(c, n);
        await waitSave(c, 'saved');
        await see('Đã lưu', c.locator('.save-indicator'));
    }
    assert.deepEqual(await outbox(c), []);
    await see(`Đã trả lời 3/${EXAM.questions} câu`, c);
    await see(`3/${EXAM.questions}`, roomRow(CANDIDATE.username).locator('.cell-answered'));
    const answers = people.cand1.sent.filter((m) => m.t === 'answer');
    assert.deepEqual(answers.map((m) => [m.n, m.seq]), [[0, 1], [1, 2], [2, 3]]);
});

step('offline (network off): the WebSocket drops, two answers are kept in the browser and shown offline; the proctor sees it', async () => {
    const c = cand();
    offlineFrom = people.cand1.sent.length;
    await setNetwork(people.cand1, false);
    await waitSave(c, 'offline', TIMEOUT);
    await see('Mất kết nối — câu trả lời được giữ trên máy', c.locator('.save-indicator'));
    await see('Cứ tiếp tục làm bài', c.locator('.offline-banner'));
    for (const n of [3, 4]) {
        await answer(c, n);
        assert.equal(await saveState(c), 'offline');
    }
    const kept = await outbox(c);
    assert.deepEqual(kept.map((e) => [e.n, e.seq]), [[3, 4], [4, 5]]);
    assert.equal(people.cand1.sent.slice(offlineFrom).filter((m) => m.t === 'answer').length, 0, 'nothing was sent while offline');
    await see(`Đã trả lời 5/${EXAM.questions} câu`, c);
    await see(`3/${EXAM.questions}`, roomRow(CANDIDATE.username).locator('.cell-answered'));
    await see('Mất kết nối', roomRow(CANDIDATE.username).locator('.cell-connection'));
    await shot(c, 'offline');
});

step('offline: "Lưu tệp bài làm" saves the answer file with the 5 answers and no texts', async () => {
    const c = cand();
    const [download] = await Promise.all([
        c.waitForEvent('download', { timeout: TIMEOUT }),
        c.locator('.offline-banner').getByRole('button', { name: 'Lưu tệp bài làm' }).click(),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`^phongthi-${EXAM.id}-${CANDIDATE.username}-\\d{8}-\\d{4}\\.json$`));
    answerFilePath = await download.path();
    // Served over HTTPS, so the browser has WebCrypto and seals the file to the server's key:
    // the answers are not readable here (the upload below shows the server reads all 5).
    const file = JSON.parse(await readFile(answerFilePath, 'utf8'));
    assert.deepEqual([file.format, file.version, file.exam, file.username], ['phongthi-answers-sealed', 2, EXAM.id, CANDIDATE.username]);
    assert.ok(Number.isInteger(file.attempt) && file.attempt > 0);
    assert.equal(file.answers, undefined, 'no answer in the clear');
    assert.ok(file.data.length > 100 && file.epk && file.iv);
    const texts = (await paperTexts(c)).flatMap((q) => [q.stem, ...q.options]);
    const raw = JSON.stringify(file);
    assert.ok(texts.every((t) => !raw.includes(t)), 'no question or option text in the answer file');
    await see('đã mã hoá: chỉ máy chủ thi đọc được', c);
});

step('back online: the two answers are replayed and saved, the proctor row shows 5/7', async () => {
    const c = cand();
    await setNetwork(people.cand1, true);
    await waitSave(c, 'saved', RECONNECT_TIMEOUT);
    await see('Đã lưu', c.locator('.save-indicator'));
    assert.deepEqual(await outbox(c), []);
    assert.equal(await c.locator('.offline-banner').isHidden(), true);
    const replayed = people.cand1.sent.slice(offlineFrom).filter((m) => m.t === 'answer');
    assert.deepEqual(replayed.map((m) => [m.n, m.seq]), [[3, 4], [4, 5]]);
    await see(`5/${EXAM.questions}`, roomRow(CANDIDATE.username).locator('.cell-answered'));
    await see('Đang kết nối', roomRow(CANDIDATE.username));
    chosenBefore = await chosen(c);
    assert.deepEqual(Object.keys(chosenBefore), ['0', '1', '2', '3', '4']);
});

/** The candidate's countdown in seconds. */
async function secondsLeft(p) {
    const [m, sec] = (await p.locator('.countdown-value').textContent()).trim().split(':').map(Number);
    return m * 60 + sec;
}

step('a third candidate arrives late: thisinh03 enters the running exam straight onto a paper; the proctor sees three working', async () => {
    const c = cand3();
    await login(c, CANDIDATE3);
    await c.locator(`.my-exam[data-exam-id="${EXAM.id}"]`).getByRole('link', { name: 'Vào thi' }).click();
    await see(`Câu 1/${EXAM.questions}`, c);
    await waitSave(c, 'saved');
    await see('Đang làm bài', roomRow(CANDIDATE3.username));
    await answer(c, 0);
    await waitSave(c, 'saved');
    await see(`1/${EXAM.questions}`, roomRow(CANDIDATE3.username).locator('.cell-answered'));
});

step('the proctor adds 5 minutes for the whole room: every candidate\'s clock moves up by 5 minutes', async () => {
    const p = proctor();
    const before = {};
    for (const [name, c] of [['cand1', cand()], ['cand2', cand2()], ['cand3', cand3()]]) before[name] = await secondsLeft(c);
    await p.locator('.room-controls').getByRole('button', { name: 'Cộng giờ' }).click();
    const dialog = p.locator('dialog[open]');
    await see('Cộng giờ cho cả phòng', dialog);
    await dialog.getByLabel('Số phút', { exact: true }).fill('5');
    await dialog.getByLabel('Lý do', { exact: true }).fill('Mất điện 5 phút');
    await dialog.getByRole('button', { name: 'Cộng giờ' }).click();
    await see('Đã cộng giờ cho mọi bài đang làm.', p);
    for (const [name, c] of [['cand1', cand()], ['cand2', cand2()], ['cand3', cand3()]]) {
        // 300 s more, less the seconds that passed meanwhile.
        await until(async () => (await secondsLeft(c)) >= before[name] + 270, `${name}'s clock extended`, 8000);
    }
    await shot(cand3(), 'extended');
});

step('proctor: uploading the answer file merges nothing new (the server has every answer already)', async () => {
    const box = proctor().locator('.answer-file-box');
    await box.getByLabel('Tệp bài làm (.json)').setInputFiles(answerFilePath);
    await box.getByRole('button', { name: 'Nạp tệp bài làm' }).click();
    await see('Đã nạp tệp của thisinh01: 0 câu được cập nhật, 5 câu không đổi', box);
    await see(`5/${EXAM.questions}`, roomRow(CANDIDATE.username).locator('.cell-answered'));
    await shot(proctor(), 'room-file');
});

step('a reload shows the 5 answers as chosen (from the server: the outbox is empty); the proctor sees the reload', async () => {
    const c = cand();
    assert.deepEqual(await outbox(c), []);
    await c.reload({ waitUntil: 'load', timeout: NAV_TIMEOUT });
    await see(`Câu 1/${EXAM.questions}`, c);
    await waitSave(c, 'saved');
    await until(async () => (await c.locator('.question-card.is-answered').count()) === 5, 'the 5 answers');
    assert.deepEqual(await chosen(c), chosenBefore);
    await see(`Đã trả lời 5/${EXAM.questions} câu`, c);
    const alerts = proctor().locator('.alert-list');
    await see('tải lại trang', alerts);
    await see(CANDIDATE.name, alerts);
    // The seat's badge names the newest alert's kind.
    await viewButton('Sơ đồ phòng').click();
    await see('tải lại trang', seat('A1').locator('.seat-badge-alert'));
    await viewButton('Danh sách').click();
});

// ---------- submit ----------

step('submit: the dialog names the 2 unanswered questions; the result page; the proctor row shows submitted', async () => {
    const c = cand();
    const sentBefore = people.cand1.sent.length;
    await c.locator('.exam-bar').getByRole('button', { name: 'Nộp bài' }).click();
    const dialog = c.locator('dialog.submit-dialog[open]');
    await see(`Bạn đã trả lời 5/${EXAM.questions} câu.`, dialog);
    assert.equal(await dialog.locator('.submit-unanswered').textContent(), 'Còn 2 câu chưa trả lời: 6, 7');
    await expectAccessible(c, 'the submit dialog');
    await shot(c, 'submit-dialog');
    await dialog.getByRole('button', { name: 'Nộp bài' }).click();
    await c.locator('h1.page-title', { hasText: 'Đã nộp bài' }).waitFor({ timeout: TIMEOUT });
    assert.equal(await c.locator('.result-answered').textContent(), `5/${EXAM.questions}`);
    // Graded in the submit job; the demo exam shows the score after submit (the default).
    candidateScore = await c.locator('.result-score').textContent();
    assert.match(candidateScore, /^\d+(,\d+)?\/10$/);
    assert.deepEqual(people.cand1.sent.slice(sentBefore).filter((m) => m.t === 'submit'), [{ t: 'submit' }]);
    await see('Đã nộp bài', roomRow(CANDIDATE.username));
    await see('Đang làm bài', roomRow(CANDIDATE2.username));
    await shot(c, 'result');
    await noHorizontalScroll(proctor());
    await shot(proctor(), 'room-submitted');
});

step('proctor: "Kết quả" in the room opens the results: the submitted candidate\'s score and rank, the other still working', async () => {
    const p = proctor();
    await p.locator('.page-actions').getByRole('link', { name: 'Kết quả' }).click();
    await p.locator('h1.page-title', { hasText: `Kết quả: ${EXAM.title}` }).waitFor({ timeout: TIMEOUT });
    const row = p.locator('.results-table tbody tr', { hasText: CANDIDATE.name });
    await row.waitFor({ timeout: TIMEOUT });
    assert.equal(await row.locator('.cell-score').textContent(), candidateScore.split('/')[0], 'the score the candidate saw');
    assert.equal(await row.locator('.cell-rank').textContent(), '1');
    assert.match(await row.locator('.cell-time').textContent(), /^\d\d:\d\d$/);
    assert.notEqual(await row.locator('.cell-class').textContent(), '');
    await see('Đang làm bài', p.locator('.results-table tbody tr', { hasText: CANDIDATE2.name }));
    assert.equal(await p.locator('.results-summary .summary-graded').textContent(), '1');
    await noHorizontalScroll(p);
    await shot(p, 'results');
});

step('proctor: "Màn hình chiếu" shows the URL to type, its QR code and the time left; Escape goes back to the room', async () => {
    const p = proctor();
    await p.goto(`${server.url}/#/exams/${EXAM.id}/room`, { timeout: NAV_TIMEOUT });
    await p.locator('.page-actions').getByRole('link', { name: 'Màn hình chiếu' }).click();
    await p.locator('.screen-page h1.page-title', { hasText: EXAM.title }).waitFor({ timeout: TIMEOUT });
    assert.match(await p.locator('.screen-url').textContent(), /^https:\/\/\d+\.\d+\.\d+\.\d+:\d+\/$/);
    const qr = p.locator('img.screen-qr');
    await qr.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await qr.getAttribute('src'), /^data:image\/svg\+xml/);
    await until(() => qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code is drawn');
    // thisinh02 is still working: the room's clock runs.
    await until(async () => /^\d\d:\d\d$/.test(await p.locator('.screen-time-value').textContent()), 'the time left runs');
    await noHorizontalScroll(p);
    await expectAccessible(p, 'the big screen');
    await shot(p, 'big-screen');
    await p.keyboard.press('Escape');
    await p.locator('.room-controls').waitFor({ timeout: TIMEOUT });
});

step('no console error, page error, CSP violation, off-site request or HTTP error (offline failures aside)', async () => {
    const offline = /WebSocket connection to .* failed|ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|ERR_CONNECTION/;
    for (const [name, who] of Object.entries(people)) {
        assert.deepEqual(who.watcher.problems().filter((p) => name !== 'cand1' || !offline.test(p)), [], name);
        assert.deepEqual(await who.page.evaluate(() => window.__cspViolations), [], name);
        assert.deepEqual(who.httpErrors, [], name);
    }
    assert.deepEqual(offsite, []);
});

step('SIGTERM stops the server with exit code 0 within 10 s (with live WebSockets)', async () => {
    const result = await server.stop({ timeoutMs: 10000 });
    console.log(`     server stopped in ${result.ms} ms`);
    assert.deepEqual({ code: result.code, signal: result.signal }, { code: 0, signal: null },
        `server output:\n${server.output()}`);
}, 15000);

// ---------- set-up ----------

// A watchdog, not a skip: a hung run fails at once instead of waiting for CTest's timeout.
const watchdog = setTimeout(() => {
    console.log(`FAIL - watchdog: the run took more than ${WATCHDOG_MS / 1000} s`);
    if (server) server.killNow();
    process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

async function person(name) {
    const { context, page } = await chromium.newPage({ viewport: { width: 1024, height: 768 }, locale: 'vi-VN', ignoreHTTPSErrors: true });
    page.setDefaultTimeout(TIMEOUT);
    page.setDefaultNavigationTimeout(NAV_TIMEOUT);
    const origin = new URL(server.url).origin;
    await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('data:') || new URL(url).origin === origin) return route.continue();
        offsite.push(url);
        return route.abort('blockedbyclient');
    });
    await context.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
            window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
    });
    const who = { context, page, watcher: watchPage(page), sent: [], httpErrors: [] };
    page.on('response', (response) => {
        if (response.status() >= 400) who.httpErrors.push(`${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`);
    });
    // Every /ws goes through here: what the page sends is recorded (hello, answers, submit), and
    // "offline" closes the sockets and refuses new ones (context.setOffline alone leaves an open
    // WebSocket alone, as the first run of this test showed).
    who.sockets = new Set();
    who.wsDown = false;
    await context.routeWebSocket(/\/ws$/, (ws) => {
        if (who.wsDown) {
            ws.close();
            return;
        }
        const upstream = ws.connectToServer();
        const pair = { ws, upstream };
        who.sockets.add(pair);
        ws.onMessage((message) => {
            try {
                const msg = JSON.parse(String(message));
                if (msg.t !== 'ping') who.sent.push(msg);
            } catch {
                // Not JSON: not ours.
            }
            upstream.send(message);
        });
        upstream.onMessage((message) => ws.send(message));
        ws.onClose(() => {
            who.sockets.delete(pair);
            upstream.close();
        });
        upstream.onClose(() => {
            who.sockets.delete(pair);
            ws.close();
        });
    });
    people[name] = who;
}

await run({
    async before() {
        if (!binaryArg) throw new Error('usage: node exam_real.mjs PATH/TO/phongthi   (or set PHONGTHI_BINARY)');
        const binary = resolve(binaryArg);
        accessSync(binary, constants.X_OK);
        // HTTPS and HTTP on one port: the candidates' pages are a secure context (WebCrypto).
        server = await startServer(binary, { demo: true, startTimeoutMs: 10000, extraArgs: ['--tls', 'both'] });
        console.log(`# ${binary} listening on ${server.url} (pid ${server.pid}, data ${server.dataDir})`);
        chromium = await launchBrowserForContexts();
        await person('proctor');
        await person('cand1');
        await person('cand2');
        await person('cand3');
    },
    async after() {
        try {
            if (chromium) await chromium.close();
        } finally {
            if (server) {
                if (anyStepFailed) console.log(`# server output:\n${server.output()}`);
                await server.dispose();
            }
            clearTimeout(watchdog);
        }
    },
});
