// Browser test of the lecturer's question-bank pages against the mocked API (lib/mock_api.mjs):
// bank list and export, file import (check -> report with an error -> partial import), question
// list with filters and search, edit (server errors next to the fields, then revision 2), retire /
// restore, add, English, who may open the pages.
// Run: node bank_smoke.mjs   (needs Debian's chromium; prints "N passed, N failed" last)
// Screenshots at 1024x768 go to $PHONGTHI_SHOTS (default /tmp) as phongthi-bank-*.png.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, watchPage, expectCount as expectCountIn } from './lib/browser.mjs';
import { serveStatic } from './lib/static_server.mjs';
import { createMockApi } from './lib/mock_api.mjs';
import { test, run } from './lib/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const clientDir = join(here, '..', '..', 'client-web');
const shotsDir = process.env.PHONGTHI_SHOTS || '/tmp';
const TIMEOUT = 5000;
const BANK_1 = 'Bồi dưỡng lý luận chính trị cho đảng viên mới';
const NEW_BANK = 'Ngân hàng Điều lệ Đảng 2026';

let server;
let browser;
let page;
let watcher;
const mock = createMockApi({ demo: true });

const see = (text, root = page) => root.getByText(text).first().waitFor({ state: 'visible', timeout: TIMEOUT });
const heading = (text) => page.locator('h1.page-title', { hasText: text }).waitFor({ timeout: TIMEOUT });
const header = () => page.locator('header.app-header');
const fieldByLabel = (label, root = page) => root.getByLabel(label, { exact: true });
const lastRequest = (method, path) => [...mock.requests].reverse().find((r) => r.method === method && r.path === path);
const expectCount = (locator, n) => expectCountIn(page, locator, n, TIMEOUT);
const questionRows = () => page.locator('table.questions-table tbody tr[data-question-id]');
const qrow = (id) => page.locator(`tr[data-question-id="${id}"]`);
const form = () => page.locator('form.question-form');
const filters = () => page.locator('.question-filters');

async function shot(name) {
    const text = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, /\{[a-z_]+\}/, 'an unfilled placeholder is visible');
    assert.doesNotMatch(text, /\b(app|nav|role|common|message|login|home|password|field|users|units|bank|secret|error)\.[a-z_]+\b/,
        'a raw catalogue key is visible');
    await page.screenshot({ path: join(shotsDir, `phongthi-bank-${name}.png`) });
}

async function noHorizontalScroll() {
    const [scroll, client] = await page.evaluate(() =>
        [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `page is ${scroll}px wide in a ${client}px window`);
}

async function login(username, password) {
    await page.locator('.login-form').waitFor({ timeout: TIMEOUT });
    await fieldByLabel('Tên đăng nhập').fill(username);
    await fieldByLabel('Mật khẩu').fill(password);
    await page.locator('form.login-form button[type="submit"]').click();
}

async function logout() {
    await header().getByRole('button', { name: 'Đăng xuất' }).click();
    await see('Bạn đã đăng xuất.');
}

// A PhòngThi JSON bank with one bad question (option 2 empty) between two good ones.
const IMPORT_FILE = JSON.stringify({
    format: 'phongthi-bank',
    version: 1,
    name: 'Điều lệ Đảng',
    questions: [
        { topic: 'Điều lệ Đảng', level: 'nhan_biet', stem: 'Cơ quan lãnh đạo cao nhất của Đảng là cơ quan nào?',
            options: [{ text: 'Bộ Chính trị', weight: 0 }, { text: 'Đại hội đại biểu toàn quốc', weight: 100 }] },
        { topic: 'Điều lệ Đảng', level: 'thong_hieu', stem: 'Câu hỏi lỗi: phương án 2 bỏ trống',
            options: [{ text: 'Có', weight: 100 }, { text: '', weight: 0 }] },
        { topic: 'Điều lệ Đảng', level: 'van_dung', stem: 'Người vào Đảng phải được bao nhiêu đảng viên chính thức giới thiệu?',
            options: [{ text: 'Một', weight: 0 }, { text: 'Hai', weight: 100 }, { text: 'Ba', weight: 0 }] },
    ],
}, null, 2);

// ---------- lecturer home and bank list ----------

test('lecturer home links to the banks and the import; nav has the bank entry', async () => {
    await page.goto(`${server.url}/`);
    await login('gv.tran', 'giangvien-123');
    await heading('Trang chủ');
    const links = page.locator('.lecturer-links');
    await see('Ngân hàng câu hỏi', links);
    await see('Nhập tệp câu hỏi', links);
    assert.equal(await links.locator('a').first().getAttribute('href'), '#/banks');
    await see('Tạo kỳ thi từ ngân hàng câu hỏi');
    assert.deepEqual(await page.locator('nav.app-nav a').allTextContents(), ['Trang chủ', 'Lớp học', 'Ngân hàng câu hỏi', 'Kỳ thi', 'Điểm danh']);
    await noHorizontalScroll();
    await shot('home-lecturer');
});

test('bank list: name, question count (in use), creation date, actions', async () => {
    await page.locator('nav.app-nav').getByText('Ngân hàng câu hỏi').click();
    await heading('Ngân hàng câu hỏi');
    const rows = page.locator('table.banks-table tbody tr');
    await expectCount(rows, 2);
    const first = page.locator('tr[data-bank-id="1"]');
    await see(BANK_1, first);
    assert.equal(await first.locator('.cell-number').textContent(), '5');
    assert.equal(await first.locator('.cell-date').textContent(), '20/11/2026');
    for (const text of ['Tên ngân hàng', 'Số câu', 'Ngày tạo', 'Thao tác']) await see(text, page.locator('thead'));
    await see('Tổng cộng 2 ngân hàng');
    assert.match(lastRequest('GET', '/api/banks').headers.authorization, /^Bearer tok-/);
    await noHorizontalScroll();
    await shot('list');
});

test('bank list: export downloads the file the server sends', async () => {
    const first = page.locator('tr[data-bank-id="1"]');
    await first.locator('select').selectOption('gift');
    const download = page.waitForEvent('download', { timeout: TIMEOUT });
    await first.getByRole('button', { name: 'Xuất' }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'bank-1.gift');
    const sent = lastRequest('GET', '/api/banks/1/export');
    assert.equal(sent.query.get('format'), 'gift');
    assert.match(sent.headers.authorization, /^Bearer tok-/);
    await see(`Đã xuất ngân hàng “${BANK_1}”.`);
});

// ---------- import ----------

test('import: nothing to import before a check; the file name suggests the bank name', async () => {
    await page.getByRole('link', { name: 'Nhập tệp' }).click();
    await heading('Nhập tệp câu hỏi');
    const importButton = page.getByRole('button', { name: 'Nhập', exact: true });
    assert.equal(await importButton.isDisabled(), true);
    await see('Hãy bấm “Kiểm tra” trước khi nhập.');
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await see('Vui lòng chọn một tệp.');
    await fieldByLabel('Tệp câu hỏi').setInputFiles({ name: 'dieu-le.json', mimeType: 'application/json', buffer: Buffer.from(IMPORT_FILE) });
    assert.equal(await fieldByLabel('Tên ngân hàng mới').inputValue(), 'dieu-le');
    await fieldByLabel('Tên ngân hàng mới').fill(NEW_BANK);
});

test('import: the check reports the bad question with its number, field and the server message', async () => {
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    const report = page.locator('.report-card');
    await see('Đọc được 2 câu hỏi hợp lệ · 1 lỗi · 0 cảnh báo.', report);
    const rows = report.locator('tbody tr');
    await expectCount(rows, 1);
    const cells = await rows.first().locator('td').allTextContents();
    assert.deepEqual(cells, ['Lỗi', '—', '2', 'questions[1].options[1].text', 'Phương án 2 để trống']);
    for (const text of ['Dòng', 'Câu số', 'Trường', 'Thông báo']) await see(text, report.locator('thead'));
    const sent = lastRequest('POST', '/api/banks/validate');
    assert.equal(sent.headers['content-type'], 'application/octet-stream');
    assert.equal(sent.query.get('filename'), 'dieu-le.json');
    assert.equal(sent.query.get('format'), null);
    assert.equal(sent.raw.toString('utf8'), IMPORT_FILE);
    const importButton = page.locator('.import-card .btn-primary');
    assert.equal(await importButton.isDisabled(), true);
    await see('Tệp còn lỗi nên chưa thể nhập.');
    await see('Chỉ nhập các câu hợp lệ (bỏ qua các câu có lỗi)');
    await report.locator('summary').click();
    await see('Cơ quan lãnh đạo cao nhất của Đảng là cơ quan nào?', report);
    await see('Đáp án: B', report);
    await noHorizontalScroll();
    await shot('import-report');
});

test('import: "valid questions only" imports the 2 good ones and opens the new bank', async () => {
    await page.getByLabel('Chỉ nhập các câu hợp lệ (bỏ qua các câu có lỗi)').check();
    const importButton = page.getByRole('button', { name: 'Nhập 2 câu' });
    assert.equal(await importButton.isDisabled(), false);
    await importButton.click();
    await heading(NEW_BANK);
    await see(`Đã nhập 2 câu hỏi vào ngân hàng “${NEW_BANK}”.`);
    const sent = lastRequest('POST', '/api/banks/import');
    assert.equal(sent.query.get('partial'), '1');
    assert.equal(sent.query.get('name'), NEW_BANK);
    assert.equal(sent.query.get('filename'), 'dieu-le.json');
    await expectCount(questionRows(), 2);
    await see('Tìm thấy 2 câu hỏi');
});

// ---------- questions of a bank ----------

test('questions: stem, localized level, option count, answer letters, revision; HTML shown as text', async () => {
    await page.getByRole('link', { name: 'Danh sách ngân hàng' }).click();
    await heading('Ngân hàng câu hỏi');
    await page.locator('tr[data-bank-id="1"]').getByRole('link', { name: 'Xem câu hỏi' }).click();
    await heading(BANK_1);
    await expectCount(questionRows(), 5);
    await see('Tìm thấy 5 câu hỏi');
    const cells = async (id) => (await qrow(id).locator('td').allTextContents()).slice(1, 5);
    assert.deepEqual(await cells(2), ['Thông hiểu', '4', 'C', 'phiên bản 1']);
    assert.deepEqual(await cells(4), ['Vận dụng', '3', 'A, B', 'phiên bản 1']);
    assert.deepEqual(await cells(5), ['Vận dụng cao', '2', 'A', 'phiên bản 1']);
    await see('Nhiều đáp án', qrow(4));
    await see('LSD-01', qrow(1));
    // format "html": the markup is text, not elements.
    assert.equal(await qrow(5).locator('.question-stem').textContent(),
        '<b>Vì sao</b> Hội nghị thành lập Đảng năm 1930 có ý nghĩa bước ngoặt?');
    assert.equal(await qrow(5).locator('.question-stem b').count(), 0);
    await see('HTML', qrow(5));
    assert.equal(await qrow(6).count(), 0, 'a retired question shows without "show retired"');
    await noHorizontalScroll();
    const table = await page.locator('.table-wrap').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(table[0] <= table[1], `the questions table needs ${table[0]}px in ${table[1]}px`);
    await shot('questions');
});

test('questions: search, show retired, level and topic filters ask the server', async () => {
    await fieldByLabel('Tìm trong nội dung').fill('chi bộ');
    await expectCount(questionRows(), 2);
    await see('Tìm thấy 2 câu hỏi');
    assert.equal(lastRequest('GET', '/api/banks/1/questions').query.get('q'), 'chi bộ');
    await page.getByLabel('Hiện cả câu đã ngừng dùng').check();
    await expectCount(questionRows(), 3);
    await see('Đã ngừng dùng', qrow(6));
    assert.equal(lastRequest('GET', '/api/banks/1/questions').query.get('retired'), '1');
    await page.getByLabel('Hiện cả câu đã ngừng dùng').uncheck();
    await fieldByLabel('Tìm trong nội dung').fill('khong co cau nay');
    await see('Không có câu hỏi nào khớp với bộ lọc.');
    await fieldByLabel('Tìm trong nội dung').fill('');
    await expectCount(questionRows(), 5);
    await fieldByLabel('Mức độ', filters()).selectOption({ label: 'Vận dụng' });
    await expectCount(questionRows(), 1);
    assert.equal(lastRequest('GET', '/api/banks/1/questions').query.get('level'), 'van_dung');
    await fieldByLabel('Mức độ', filters()).selectOption('');
    await fieldByLabel('Chuyên đề', filters()).selectOption('Lịch sử Đảng');
    await expectCount(questionRows(), 2);
    assert.equal(lastRequest('GET', '/api/banks/1/questions').query.get('topic'), 'Lịch sử Đảng');
    await fieldByLabel('Chuyên đề', filters()).selectOption('');
    await expectCount(questionRows(), 5);
});

test('edit: the server\'s validation errors show next to the option concerned', async () => {
    await qrow(2).getByRole('button', { name: 'Sửa' }).click();
    await see('Sửa câu hỏi', form());
    await see('Đang sửa phiên bản 1. Khi lưu, hệ thống giữ bản cũ và tạo phiên bản 2.', form());
    assert.equal(await fieldByLabel('Nội dung câu hỏi', form()).inputValue(),
        'Đảng viên dự bị có thời gian dự bị bao lâu kể từ ngày chi bộ tổ chức lễ kết nạp?');
    assert.equal(await fieldByLabel('Chuyên đề', form()).inputValue(), 'Điều lệ Đảng');
    assert.equal(await fieldByLabel('Mức độ', form()).inputValue(), 'thong_hieu');
    const options = form().locator('.option-row');
    await expectCount(options, 4);
    assert.equal(await options.nth(2).locator('input[type="radio"]').isChecked(), true);
    assert.equal(await options.nth(2).locator('.option-weight').inputValue(), '100');
    await fieldByLabel('Phương án B', form()).fill('');
    await form().getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await see('Phương án 2 để trống', options.nth(1));
    await see('Câu hỏi còn lỗi nên chưa được lưu.', form());
    assert.equal(await fieldByLabel('Phương án B', form()).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), await fieldByLabel('Phương án B', form()).getAttribute('id'));
    await noHorizontalScroll();
    await shot('edit-error');
});

test('edit: several correct answers share the weights; saving makes revision 2', async () => {
    const options = form().locator('.option-row');
    await fieldByLabel('Phương án B', form()).fill('9 tháng');
    await form().getByLabel('Nhiều đáp án đúng').check();
    await options.nth(1).getByLabel('Đúng').check();
    assert.equal(await options.nth(1).locator('.option-weight').inputValue(), '50');
    assert.equal(await options.nth(2).locator('.option-weight').inputValue(), '50');
    await form().getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await see('Đã lưu câu hỏi — phiên bản 2.');
    assert.equal(await form().isHidden(), true);
    assert.deepEqual((await qrow(2).locator('td').allTextContents()).slice(3, 5), ['B, C', 'phiên bản 2']);
    const sent = lastRequest('PUT', '/api/questions/2').body;
    assert.deepEqual(sent.options.map((o) => o.weight), [0, 50, 50, 0]);
    assert.equal(sent.explanation, 'Điều 5, Điều lệ Đảng.'); // kept although not changed
    assert.equal(sent.shuffle_options, true);
    assert.equal(sent.level, 'thong_hieu');
    await shot('edit-saved');
});

test('edit: what the form does not show (code, tags, format) is sent back unchanged', async () => {
    await qrow(1).getByRole('button', { name: 'Sửa' }).click();
    await form().getByLabel('Không đảo thứ tự phương án khi ra đề').check();
    await form().getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await see('Đã lưu câu hỏi — phiên bản 2.');
    const sent = lastRequest('PUT', '/api/questions/1').body;
    assert.equal(sent.id, 'LSD-01');
    assert.equal(sent.shuffle_options, false);
    await qrow(5).getByRole('button', { name: 'Sửa' }).click();
    await see('Câu hỏi này ở dạng HTML', form());
    await form().getByRole('button', { name: 'Hủy' }).click();
});

test('retire and use again', async () => {
    await qrow(3).getByRole('button', { name: 'Ngừng dùng' }).click();
    await see('Đã ngừng dùng câu hỏi.');
    await see('Đã ngừng dùng', qrow(3));
    assert.ok(lastRequest('POST', '/api/questions/3/retire'));
    await qrow(3).getByRole('button', { name: 'Dùng lại' }).click();
    await see('Câu hỏi đã được dùng lại.');
    assert.ok(lastRequest('POST', '/api/questions/3/restore'));
    assert.equal(await qrow(3).locator('.badge-off').count(), 0);
});

test('add a question: 2 to 10 options, one correct answer', async () => {
    await page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
    await see('Thêm câu hỏi mới', form());
    const options = form().locator('.option-row');
    await expectCount(options, 4);
    await options.nth(3).getByRole('button', { name: 'Xóa' }).click();
    await options.nth(2).getByRole('button', { name: 'Xóa' }).click();
    await expectCount(options, 2);
    assert.equal(await options.nth(0).getByRole('button', { name: 'Xóa' }).isDisabled(), true);
    await form().getByRole('button', { name: 'Thêm phương án' }).click();
    await expectCount(options, 3);
    await fieldByLabel('Nội dung câu hỏi', form()).fill('Đảng viên có mấy nhiệm vụ theo Điều lệ Đảng?');
    await fieldByLabel('Chuyên đề', form()).fill('Điều lệ Đảng');
    await fieldByLabel('Mức độ', form()).selectOption('thong_hieu');
    await fieldByLabel('Phương án A', form()).fill('Bốn');
    await fieldByLabel('Phương án B', form()).fill('Năm');
    await fieldByLabel('Phương án C', form()).fill('Sáu');
    await options.nth(0).getByLabel('Đúng').check();
    await options.nth(1).getByLabel('Đúng').check(); // one correct answer: the radio moves to B
    assert.equal(await options.nth(0).locator('.option-weight').inputValue(), '0');
    assert.equal(await options.nth(1).locator('.option-weight').inputValue(), '100');
    await shot('add-form');
    await form().getByRole('button', { name: 'Thêm câu hỏi' }).click();
    await see('Đã thêm câu hỏi mới.');
    await expectCount(questionRows(), 6);
    const sent = lastRequest('POST', '/api/banks/1/questions').body;
    assert.deepEqual(sent, {
        topic: 'Điều lệ Đảng', level: 'thong_hieu', stem: 'Đảng viên có mấy nhiệm vụ theo Điều lệ Đảng?',
        options: [{ text: 'Bốn', weight: 0 }, { text: 'Năm', weight: 100 }, { text: 'Sáu', weight: 0 }],
        points: 1, explanation: '', shuffle_options: true,
    });
    assert.deepEqual((await questionRows().first().locator('td').allTextContents()).slice(1, 5), ['Thông hiểu', '3', 'B', 'phiên bản 1']);
});

test('English: levels, columns and buttons relabel in place', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await see('Recall', qrow(1));
    await see('Understanding', qrow(2));
    await see('revision 2', qrow(2));
    for (const text of ['Question', 'Level', 'Options', 'Answer', 'Revision']) await see(text, page.locator('thead'));
    await see('Add a question');
    await see('Show retired questions too');
    await see('6 questions found');
    await noHorizontalScroll();
    await shot('questions-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await see('Nhận biết', qrow(1));
});

test('admin has the bank entry too; candidates and proctors may not open the pages', async () => {
    await logout();
    await login('admin', 'admin-pass-123');
    await heading('Trang quản trị');
    assert.deepEqual(await page.locator('nav.app-nav a').allTextContents(),
        ['Trang chủ', 'Người dùng', 'Đơn vị', 'Lớp học', 'Phòng học', 'Ngân hàng câu hỏi', 'Kỳ thi',
        'Điểm danh', 'Nhật ký', 'Sao lưu', 'Mẫu giấy tờ']);
    await see('Ngân hàng câu hỏi', page.locator('.card-grid'));
    await noHorizontalScroll();
    await shot('home-admin');
    await page.locator('nav.app-nav').getByText('Ngân hàng câu hỏi').click();
    await heading('Ngân hàng câu hỏi');
    await expectCount(page.locator('table.banks-table tbody tr'), 3);
    await logout();
    await login('gt.le', 'giamthi-123');
    await see('Công cụ coi thi');
    assert.deepEqual(await page.locator('nav.app-nav a').allTextContents(), ['Trang chủ', 'Kỳ thi', 'Điểm danh']);
    const before = mock.requests.filter((r) => r.path.startsWith('/api/banks')).length;
    await page.evaluate(() => { location.hash = '#/banks/1'; });
    await heading('Không có quyền truy cập');
    await page.evaluate(() => { location.hash = '#/banks/import'; });
    await heading('Không có quyền truy cập');
    assert.equal(mock.requests.filter((r) => r.path.startsWith('/api/banks')).length, before);
});

test('no console errors, CSP violations, uncaught exceptions or failed requests', async () => {
    // Chromium logs every 4xx fetch as a console error; the 422 of the edit is on purpose.
    const problems = watcher.problems()
        .filter((p) => !/Failed to load resource: the server responded with a status of 422/.test(p));
    assert.deepEqual(problems, []);
});

await run({
    async before() {
        server = await serveStatic(clientDir);
        browser = await launchBrowser();
        page = browser.page;
        watcher = watchPage(page);
        await mock.install(browser.context);
    },
    async after() {
        if (browser) await browser.close();
        if (server) await server.close();
    },
});
