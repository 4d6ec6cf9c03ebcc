// Browser test against the REAL server: starts the phongthi binary (--demo, fresh temporary data
// folder, 127.0.0.1, a free port), drives the embedded web client in Debian's Chromium at 1024x768
// in Vietnamese, then stops the server with SIGTERM and expects exit code 0 within 10 s.
// Run: node real_server.mjs /path/to/build/server/phongthi      (or PHONGTHI_BINARY=...)
// Prints "N passed, N failed" last; exit code 1 on failure. Screenshots: $PHONGTHI_SHOTS
// (default /tmp) as phongthi-real-*.png.
import assert from 'node:assert/strict';
import { accessSync, constants } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser, watchPage, expectCount as expectCountIn } from './lib/browser.mjs';
import { startServer } from './lib/phongthi_server.mjs';
import { CSP } from './lib/static_server.mjs';
import { test, run } from './lib/harness.mjs';

const binaryArg = process.argv[2] || process.env.PHONGTHI_BINARY;
const shotsDir = process.env.PHONGTHI_SHOTS || '/tmp';
const TIMEOUT = 5000; // every wait on the page
const NAV_TIMEOUT = 10000; // page loads
const STEP_TIMEOUT = 30000; // a whole step, in case something hangs outside Playwright
const WATCHDOG_MS = 150000; // the whole run (CTest's TIMEOUT is 180 s)

// Demo data the server seeds (server/demo/demo.cpp).
const ADMIN = { username: 'admin', password: 'quantri2026', name: 'Nguyễn Văn Quản', unit: 'Ban Tổ chức Tỉnh ủy' };
const DEMO_USERS = {
    admin: 'Nguyễn Văn Quản',
    giangvien: 'Trần Thị Giảng',
    giamthi: 'Lê Văn Giám',
    thisinh01: 'Phạm Thị Hoa',
    thisinh02: 'Hoàng Văn Nam',
    thisinh03: 'Đặng Thị Thu Hằng',
};
const LECTURER = { username: 'giangvien', password: 'giangvien2026', name: 'Trần Thị Giảng' };
const DEMO_BANK = { name: 'Bồi dưỡng lý luận chính trị cho đảng viên mới — ngân hàng mẫu', questions: 12, chiBo: 5 };
// What this test adds.
const NEW_USER = { username: 'ngocanh.le', name: 'Lê Thị Ngọc Ánh', unit: 'CB-YT', unitName: 'Chi bộ Sở Y tế' };
const NEW_PASSWORD = 'Mật-khẩu-mới-2026';
const NEW_UNIT = { code: 'CB-GDDT', name: 'Chi bộ Sở Giáo dục và Đào tạo', parent: 'DBK' };
const GENERATED_PASSWORD = /^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/; // auth::random_password(8)

let server;
let browser;
let page;
let watcher;
let initialPassword;
let anyStepFailed = false;
const responses = []; // {method, path, status, lang} of every request the page made
const offsite = []; // any request not to the server's origin (aborted)

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
            throw error;
        } finally {
            clearTimeout(timer);
        }
    });
}

const see = (text, root = page) => root.getByText(text).first().waitFor({ state: 'visible', timeout: TIMEOUT });
const heading = (text) => page.locator('h1.page-title', { hasText: text }).waitFor({ timeout: TIMEOUT });
const header = () => page.locator('header.app-header');
const fieldByLabel = (label, root = page) => root.getByLabel(label, { exact: true });
const loginButton = () => page.locator('form.login-form button[type="submit"]');
const row = (username) => page.locator(`tr[data-username="${username}"]`);
const bodyText = () => page.evaluate(() => document.body.innerText);
const token = () => page.evaluate(() => sessionStorage.getItem('phongthi.token'));

async function shot(name) {
    const text = await bodyText();
    assert.doesNotMatch(text, /\{[a-z_]+\}/, 'an unfilled placeholder is visible');
    assert.doesNotMatch(text, /\b(app|nav|role|common|message|login|home|password|field|users|units|bank|secret|error|settings|lang)\.[a-z_]+\b/,
        'a raw catalogue key is visible');
    await page.screenshot({ path: join(shotsDir, `phongthi-real-${name}.png`) });
}

async function login(username, password) {
    await page.locator('.login-form').waitFor({ timeout: TIMEOUT });
    await fieldByLabel('Tên đăng nhập').fill(username);
    await fieldByLabel('Mật khẩu').fill(password);
    await loginButton().click();
}

async function logout() {
    await header().getByRole('button', { name: 'Đăng xuất' }).click();
    await see('Bạn đã đăng xuất.');
    assert.equal(await token(), null);
    assert.equal(await header().isHidden(), true);
}

async function noHorizontalScroll() {
    const [scroll, client] = await page.evaluate(() =>
        [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `page is ${scroll}px wide in a ${client}px window`);
}

const expectCount = (locator, n) => expectCountIn(page, locator, n, TIMEOUT);

/** POST /api/login straight from Node (not the browser), to check what the server stored. */
async function apiLogin(username, password) {
    const response = await fetch(`${server.url}/api/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'vi' },
        body: JSON.stringify({ username, password }),
        signal: AbortSignal.timeout(TIMEOUT),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
}

// ---------- (a) login page ----------

step('login page: Vietnamese, served with the production CSP, no console error or CSP violation', async () => {
    const response = await page.goto(`${server.url}/`, { waitUntil: 'load', timeout: NAV_TIMEOUT });
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-security-policy'], CSP, 'the server CSP differs from lib/static_server.mjs');
    await page.locator('.login-form').waitFor({ timeout: TIMEOUT });
    assert.equal(await page.locator('h1.login-title').textContent(), 'PhòngThi');
    await see('Hệ thống thi trắc nghiệm trong phòng máy');
    await see('Bản trình diễn.'); // the server runs with --demo
    await see(/^PhòngThi — phiên bản \d+\.\d+\.\d+/); // the footer has /api/info's version
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
    assert.equal(await page.title(), 'Đăng nhập · PhòngThi');
    assert.equal(await loginButton().textContent(), 'Đăng nhập');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(watcher.problems(), []);
    await noHorizontalScroll();
    await shot('login-vi');
});

// ---------- (b) wrong password ----------

step('login: a wrong password is refused with a Vietnamese message and the password is cleared', async () => {
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/login'), { timeout: TIMEOUT });
    await login(ADMIN.username, 'khong-dung-2026');
    const response = await answer;
    assert.equal(response.status(), 401);
    // The server's own message (Accept-Language: vi) ...
    assert.deepEqual(await response.json(), { error: { code: 'bad_credentials', message: 'Tên đăng nhập hoặc mật khẩu không đúng' } });
    // ... and what the page shows: the client's catalogue text for bad_credentials (i18n/vi.js).
    await see('Tên đăng nhập hoặc mật khẩu không đúng.', page.locator('.message-slot'));
    assert.equal(await fieldByLabel('Mật khẩu').inputValue(), '');
    assert.equal(await token(), null);
    await shot('login-wrong');
});

// ---------- (c) admin: users and units ----------

step('admin logs in: name, role and unit in the header, admin home', async () => {
    await login(ADMIN.username, ADMIN.password);
    await heading('Trang quản trị');
    await see(ADMIN.name, header());
    await see('Quản trị viên', header());
    await see(ADMIN.unit, header());
    await see(`Xin chào, ${ADMIN.name}!`);
    assert.deepEqual(await page.locator('nav.app-nav a').allTextContents(), ['Trang chủ', 'Người dùng', 'Đơn vị', 'Lớp học', 'Phòng học', 'Ngân hàng câu hỏi', 'Kỳ thi', 'Điểm danh',
        'Nhật ký', 'Sao lưu', 'Mẫu giấy tờ']);
    assert.ok((await token()).length >= 32, 'no session token stored');
    await noHorizontalScroll();
    await shot('home-admin');
});

step('users: the demo accounts are listed with their Vietnamese names and roles', async () => {
    await page.locator('nav.app-nav').getByText('Người dùng').click();
    await heading('Quản lý người dùng');
    await see('Hiển thị 46/46 người dùng'); // the six demo accounts and the demo class's 40 learners
    for (const [username, name] of Object.entries(DEMO_USERS)) {
        assert.equal(await row(username).locator('.cell-name').textContent(), name, username);
    }
    assert.equal(await row('thisinh01').locator('.cell-role').textContent(), 'Thí sinh');
    assert.equal(await row('giangvien').locator('.cell-role').textContent(), 'Giảng viên');
    assert.equal(await row('giamthi').locator('.cell-role').textContent(), 'Giám thị');
    await see('Chi bộ Văn phòng Sở Nội vụ', row('thisinh01'));
    await see('bạn', row('admin'));
    const table = await page.locator('.table-wrap').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(table[0] <= table[1], `the users table needs ${table[0]}px in ${table[1]}px`);
    await noHorizontalScroll();
    await shot('users');
});

step('users: add a candidate with a Vietnamese name and no password; the generated one is shown once', async () => {
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const form = page.locator('form.add-form');
    await see('Thêm người dùng mới', form);
    await fieldByLabel('Tên đăng nhập', form).fill(NEW_USER.username);
    // Decomposed, as some Vietnamese input methods type it; client and server keep NFC.
    await fieldByLabel('Họ và tên', form).fill(NEW_USER.name.normalize('NFD'));
    assert.equal(await fieldByLabel('Vai trò', form).inputValue(), 'candidate');
    await fieldByLabel('Đơn vị', form).selectOption(NEW_USER.unit);
    assert.equal(await fieldByLabel('Mật khẩu (không bắt buộc)', form).inputValue(), '');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/users') && r.request().method() === 'POST',
        { timeout: TIMEOUT });
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const response = await answer;
    assert.equal(response.status(), 201);
    const created = await response.json();
    assert.equal(created.user.username, NEW_USER.username);
    assert.equal(created.user.full_name, NEW_USER.name.normalize('NFC'));
    assert.equal(created.user.role, 'candidate');
    assert.equal(created.user.must_change_password, true);
    assert.equal(created.user.unit.code, NEW_USER.unit);

    const box = page.locator('.secret-box');
    await box.waitFor({ timeout: TIMEOUT });
    await see('Mật khẩu ban đầu — chỉ hiển thị một lần', box);
    await see(`Đã tạo tài khoản ${NEW_USER.username}. Mật khẩu ban đầu là:`, box);
    initialPassword = (await box.locator('.secret-value').textContent()).trim();
    assert.match(initialPassword, GENERATED_PASSWORD);
    assert.equal(initialPassword, created.initial_password);
    assert.equal(await row(NEW_USER.username).locator('.cell-name').textContent(), NEW_USER.name.normalize('NFC'));
    await see('Mật khẩu tạm', row(NEW_USER.username));
    await see('Hiển thị 47/47 người dùng');
    await shot('users-created');
    await box.getByRole('button', { name: 'Tôi đã ghi lại mật khẩu' }).click();
    await expectCount(page.locator('.secret-box'), 0);
    assert.doesNotMatch(await bodyText(), new RegExp(initialPassword), 'the password is still on the page');

    // Stored for real: after a reload the list comes from the server again.
    await page.reload({ timeout: NAV_TIMEOUT });
    await heading('Quản lý người dùng');
    await see('Hiển thị 47/47 người dùng');
    assert.equal(await row(NEW_USER.username).locator('.cell-name').textContent(), NEW_USER.name.normalize('NFC'));
    await see(NEW_USER.unitName, row(NEW_USER.username));
    assert.doesNotMatch(await bodyText(), new RegExp(initialPassword), 'the password is shown again');
});

step('units: add a unit with a Vietnamese name under DBK', async () => {
    await page.locator('nav.app-nav').getByText('Đơn vị').click();
    await heading('Quản lý đơn vị');
    // The demo's five units and the six party cells of the demo class, under DBK.
    const classCells = ['CB-SGD', 'CB-SKH', 'CB-SNN', 'CB-STC', 'CB-STP', 'CB-SVH'];
    await see('Tổng cộng 11 đơn vị');
    const codes = () => page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.code));
    assert.deepEqual(await codes(), ['BTC', 'DBK', ...classCells, 'CB-VP', 'CB-YT', 'TRUONG-CT']);

    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await fieldByLabel('Mã đơn vị').fill(NEW_UNIT.code);
    await fieldByLabel('Tên đơn vị').fill(NEW_UNIT.name);
    await fieldByLabel('Đơn vị cấp trên').selectOption(NEW_UNIT.parent);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/units') && r.request().method() === 'POST',
        { timeout: TIMEOUT });
    await page.getByRole('button', { name: 'Tạo đơn vị' }).click();
    const response = await answer;
    assert.equal(response.status(), 201);
    assert.deepEqual((({ code, name, parent_code }) => ({ code, name, parent_code }))((await response.json()).unit),
        { code: NEW_UNIT.code, name: NEW_UNIT.name, parent_code: NEW_UNIT.parent });
    await see(`Đã tạo đơn vị ${NEW_UNIT.code} — ${NEW_UNIT.name}.`);
    await see('Tổng cộng 12 đơn vị');
    const expected = ['BTC', 'DBK', NEW_UNIT.code, ...classCells, 'CB-VP', 'CB-YT', 'TRUONG-CT'];
    assert.deepEqual(await codes(), expected);
    const newRow = page.locator(`tr[data-code="${NEW_UNIT.code}"]`);
    await see(NEW_UNIT.name, newRow);
    await see('Đảng bộ Khối các cơ quan tỉnh', newRow); // the parent column
    assert.match(await newRow.locator('td').nth(1).getAttribute('class'), /indent-1/);
    await shot('units-created');

    await page.reload({ timeout: NAV_TIMEOUT });
    await heading('Quản lý đơn vị');
    await see('Tổng cộng 12 đơn vị');
    assert.deepEqual(await codes(), expected);
});

step('account page: my sessions mark this device; "Đăng xuất khỏi các máy khác" ends the other one', async () => {
    const other = await apiLogin(ADMIN.username, ADMIN.password);
    assert.equal(other.status, 200);
    await page.locator('header.app-header').getByText('Đổi mật khẩu').click();
    await heading('Đổi mật khẩu');
    const card = page.locator('.my-sessions');
    await see('Các phiên đăng nhập của bạn', card);
    await expectCount(card.locator('.login-session-current'), 1);
    await see('máy này', card);
    await card.getByRole('button', { name: 'Đăng xuất khỏi các máy khác' }).click();
    await page.locator('dialog').getByRole('button', { name: 'Đăng xuất khỏi các máy khác' }).click();
    await see(/Đã đăng xuất \d+ phiên trên các máy khác\./, card);
    await expectCount(card.locator('.login-session'), 1);
    const refused = await fetch(`${server.url}/api/me`, {
        headers: { Authorization: `Bearer ${other.body.token}` },
        signal: AbortSignal.timeout(TIMEOUT),
    });
    assert.equal(refused.status, 401);
});

step('admin logs out', async () => {
    await logout();
});

// ---------- (c2) lecturer: the question bank ----------

const IMPORT_BANK = 'Ngân hàng thử — Điều lệ Đảng';
const IMPORT_FILE = JSON.stringify({
    format: 'phongthi-bank',
    version: 1,
    name: 'Điều lệ Đảng (thử)',
    questions: [
        { topic: 'Điều lệ Đảng', level: 'nhan_biet', stem: 'Đảng bộ, chi bộ cơ sở có nhiệm kỳ đại hội bao nhiêu năm?',
            options: [{ text: '5 năm', weight: 100 }, { text: '3 năm', weight: 0 }] },
        { topic: 'Điều lệ Đảng', level: 'nhan_biet', stem: 'Câu hỏi lỗi: phương án thứ hai để trống',
            options: [{ text: 'Có', weight: 100 }, { text: '', weight: 0 }] },
        { topic: 'Điều lệ Đảng', level: 'thong_hieu', stem: 'Đảng viên dự bị có quyền biểu quyết không?',
            options: [{ text: 'Có', weight: 0 }, { text: 'Không', weight: 100 }] },
    ],
});

step('lecturer: home links to the banks; the demo bank lists its 12 questions', async () => {
    await login(LECTURER.username, LECTURER.password);
    await heading('Trang chủ');
    await see(LECTURER.name, header());
    await see('Nhập tệp câu hỏi', page.locator('.lecturer-links'));
    assert.deepEqual(await page.locator('nav.app-nav a').allTextContents(), ['Trang chủ', 'Lớp học', 'Ngân hàng câu hỏi', 'Kỳ thi', 'Điểm danh']);
    await page.locator('.lecturer-links').getByText('Ngân hàng câu hỏi').click();
    await heading('Ngân hàng câu hỏi');
    const bankRow = page.locator('table.banks-table tbody tr', { hasText: DEMO_BANK.name });
    assert.equal(await bankRow.locator('.cell-number').textContent(), String(DEMO_BANK.questions));
    await noHorizontalScroll();
    await shot('banks');
    await bankRow.getByRole('link', { name: 'Xem câu hỏi' }).click();
    await heading(DEMO_BANK.name);
    await expectCount(page.locator('table.questions-table tbody tr[data-question-id]'), DEMO_BANK.questions);
    await see(`Tìm thấy ${DEMO_BANK.questions} câu hỏi`);
});

step('lecturer: searching "chi bộ" finds 5; editing one saves revision 2', async () => {
    const rows = page.locator('table.questions-table tbody tr[data-question-id]');
    const answer = page.waitForResponse((r) => r.url().includes('/questions?') && r.url().includes('q=chi'), { timeout: TIMEOUT });
    await fieldByLabel('Tìm trong nội dung').fill('chi bộ');
    assert.equal((await answer).status(), 200);
    await expectCount(rows, DEMO_BANK.chiBo);
    await see(`Tìm thấy ${DEMO_BANK.chiBo} câu hỏi`);
    await noHorizontalScroll();
    await shot('bank-search');

    const target = rows.filter({ hasText: 'Chi bộ sinh hoạt thường lệ bao lâu một lần?' });
    const id = await target.getAttribute('data-question-id');
    await target.getByRole('button', { name: 'Sửa' }).click();
    const form = page.locator('form.question-form');
    await see('Đang sửa phiên bản 1.', form);
    await fieldByLabel('Nội dung câu hỏi', form).fill('Theo Điều lệ Đảng, chi bộ sinh hoạt thường lệ bao lâu một lần?');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/questions/${id}`) && r.request().method() === 'PUT',
        { timeout: TIMEOUT });
    await form.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    const response = await saved;
    assert.equal(response.status(), 200);
    assert.equal((await response.json()).question.revision, 2);
    await see('Đã lưu câu hỏi — phiên bản 2.');
    const row = page.locator(`tr[data-question-id="${id}"]`);
    await see('phiên bản 2', row);
    await see('Theo Điều lệ Đảng, chi bộ sinh hoạt thường lệ bao lâu một lần?', row);
    await shot('bank-edited');
});

step('lecturer: a JSON file with one bad question is reported, then its 2 good questions imported', async () => {
    await page.getByRole('link', { name: 'Danh sách ngân hàng' }).click();
    await heading('Ngân hàng câu hỏi');
    await page.getByRole('link', { name: 'Nhập tệp' }).click();
    await heading('Nhập tệp câu hỏi');
    await fieldByLabel('Tệp câu hỏi').setInputFiles({ name: 'dieu-le-thu.json', mimeType: 'application/json', buffer: Buffer.from(IMPORT_FILE) });
    await fieldByLabel('Tên ngân hàng mới').fill(IMPORT_BANK);
    const checked = page.waitForResponse((r) => r.url().includes('/api/banks/validate'), { timeout: TIMEOUT });
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    assert.equal((await checked).status(), 200);
    const report = page.locator('.report-card');
    await see('Đọc được 2 câu hỏi hợp lệ · 1 lỗi · 0 cảnh báo.', report);
    const cells = await report.locator('tbody tr').first().locator('td').allTextContents();
    assert.deepEqual(cells.slice(2), ['2', 'questions[1].options[1].text', 'Phương án 2 để trống']);
    assert.equal(await page.locator('.import-card .btn-primary').isDisabled(), true);
    await noHorizontalScroll();
    await shot('bank-import-report');
    await page.getByLabel('Chỉ nhập các câu hợp lệ (bỏ qua các câu có lỗi)').check();
    const imported = page.waitForResponse((r) => r.url().includes('/api/banks/import'), { timeout: TIMEOUT });
    await page.getByRole('button', { name: 'Nhập 2 câu' }).click();
    const response = await imported;
    assert.equal(response.status(), 201);
    assert.equal((await response.json()).imported, 2);
    await heading(IMPORT_BANK);
    await see(`Đã nhập 2 câu hỏi vào ngân hàng “${IMPORT_BANK}”.`);
    await expectCount(page.locator('table.questions-table tbody tr[data-question-id]'), 2);
    await shot('bank-imported');
    await logout();
});

// ---------- (d) the new candidate ----------

step('the new candidate logs in with the initial password and must change it first', async () => {
    await login(NEW_USER.username, initialPassword);
    await heading('Đổi mật khẩu');
    await see('Bạn đang dùng mật khẩu ban đầu.');
    await see(NEW_USER.name, header());
    assert.equal(await page.locator('nav.app-nav a').count(), 0);
    // No way around it: the home page sends back to the password change.
    await page.evaluate(() => { location.hash = '#/'; });
    await heading('Đổi mật khẩu');
    await page.waitForFunction(() => location.hash === '#/password', null, { timeout: TIMEOUT });
    await shot('password-forced');
});

step('the candidate changes the password and lands on the candidate home', async () => {
    await fieldByLabel('Mật khẩu hiện tại').fill(initialPassword);
    await fieldByLabel('Mật khẩu mới').fill(NEW_PASSWORD);
    await fieldByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/me/password'), { timeout: TIMEOUT });
    await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
    assert.ok((await answer).ok(), 'the password change was refused');
    await see('Đã đổi mật khẩu.');
    await heading('Trang chủ');
    const card = page.locator('.welcome-card');
    await see(`Xin chào, ${NEW_USER.name}!`, card);
    await see(NEW_USER.username, card);
    await see('Thí sinh', card);
    await see(`${NEW_USER.unitName} (${NEW_USER.unit})`, card);
    await see('Khi giám thị mở phòng thi, bấm “Vào thi”', card);
    assert.deepEqual(await page.locator('nav.app-nav a').allTextContents(), ['Trang chủ']);
    await see('Thí sinh', header());
    await noHorizontalScroll();
    await shot('home-candidate');

    // The server stored it: the initial password no longer works, the new one does without a forced change.
    const old = await apiLogin(NEW_USER.username, initialPassword);
    assert.equal(old.status, 401);
    const fresh = await apiLogin(NEW_USER.username, NEW_PASSWORD);
    assert.equal(fresh.status, 200);
    assert.equal(fresh.body.user.must_change_password, false);
    assert.equal(fresh.body.user.full_name, NEW_USER.name);
});

// ---------- (e) English ----------

step('switching to English relabels the page in place', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await heading('Home');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.title(), 'Home · PhòngThi');
    const card = page.locator('.welcome-card');
    await see(`Hello, ${NEW_USER.name}!`, card);
    await see('When the proctor opens the room, press “Enter the exam”', card);
    for (const term of ['Username', 'Full name', 'Role', 'Unit']) await see(term, card.locator('dt'));
    await see('Candidate', header());
    await see('Log out', header());
    await see('Change password', header());
    assert.deepEqual(await page.locator('nav.app-nav a').allTextContents(), ['Home']);
    await see(/^PhòngThi — version \d+\.\d+\.\d+/);
    // Data stays as entered; no Vietnamese interface text is left.
    await see(NEW_USER.unitName, card);
    const text = await bodyText();
    for (const vi of ['Trang chủ', 'Xin chào', 'Thí sinh', 'Đăng xuất', 'Đổi mật khẩu', 'Tên đăng nhập',
        'Họ và tên', 'Vai trò', 'Phần làm bài thi', 'phiên bản', 'Chữ lớn', 'Tương phản cao']) {
        assert.ok(!text.includes(vi), `"${vi}" is still on the English page`);
    }
    assert.equal(await page.evaluate(() => localStorage.getItem('phongthi.lang')), 'en');
    await noHorizontalScroll();
    await shot('home-candidate-en');

    // Remembered, and the server is asked in English from now on.
    await page.reload({ timeout: NAV_TIMEOUT });
    await heading('Home');
    const me = [...responses].reverse().find((r) => r.path === '/api/me');
    assert.equal(me && me.lang, 'en');
});

step('no console error, CSP violation, failed or off-site request, or unexpected HTTP error', async () => {
    // Chromium logs every 4xx answer as a console error; the one wrong login in (b) is expected.
    const problems = watcher.problems()
        .filter((p) => p !== 'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)');
    assert.deepEqual(problems, []);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(offsite, []);
    const errors = responses.filter((r) => r.status >= 400).map((r) => `${r.method} ${r.path} ${r.status}`);
    assert.deepEqual(errors, ['POST /api/login 401']);
});

// ---------- (f) stop ----------

step('SIGTERM stops the server with exit code 0 within 10 s', async () => {
    // The browser stays open, so the server also has idle keep-alive connections to close.
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

await run({
    async before() {
        if (!binaryArg) throw new Error('usage: node real_server.mjs PATH/TO/phongthi   (or set PHONGTHI_BINARY)');
        const binary = resolve(binaryArg);
        accessSync(binary, constants.X_OK);
        server = await startServer(binary, { demo: true, startTimeoutMs: 10000 });
        console.log(`# ${binary} listening on ${server.url} (pid ${server.pid}, data ${server.dataDir})`);
        browser = await launchBrowser({ viewport: { width: 1024, height: 768 }, locale: 'vi-VN' });
        page = browser.page;
        page.setDefaultTimeout(TIMEOUT);
        page.setDefaultNavigationTimeout(NAV_TIMEOUT);
        watcher = watchPage(page);
        const origin = new URL(server.url).origin;
        // Only the server under test: anything else is aborted and reported.
        await browser.context.route('**/*', (route) => {
            const url = route.request().url();
            if (new URL(url).origin === origin) return route.continue();
            offsite.push(url);
            return route.abort('blockedbyclient');
        });
        page.on('response', (response) => {
            const request = response.request();
            const url = new URL(response.url());
            responses.push({
                method: request.method(),
                path: url.pathname,
                status: response.status(),
                lang: request.headers()['accept-language'],
            });
        });
        // CSP violations also reach the console; this records them even if Chromium words them differently.
        await browser.context.addInitScript(() => {
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', (e) => {
                window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
            });
        });
    },
    async after() {
        try {
            if (browser) await browser.close();
        } finally {
            if (server) {
                if (anyStepFailed) console.log(`# server output:\n${server.output()}`);
                await server.dispose();
            }
            clearTimeout(watchdog);
        }
    },
});
