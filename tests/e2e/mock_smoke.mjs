// Browser smoke test of client-web against a mocked API: client-web is served statically on
// 127.0.0.1 with the production CSP, and every /api/ request is answered by lib/mock_api.mjs.
// Run: node mock_smoke.mjs   (needs Debian's chromium; prints "N passed, N failed" last)
// Screenshots at 1024x768 go to $PHONGTHI_SHOTS (default /tmp) as phongthi-*.png.
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

let server;
let browser;
let page;
let watcher;
const mock = createMockApi({ demo: true, lockSeconds: 3 });

// ---------- helpers ----------

const see = (text, root = page) => root.getByText(text).first().waitFor({ state: 'visible', timeout: TIMEOUT });
const gone = (text, root = page) => root.getByText(text).first().waitFor({ state: 'hidden', timeout: TIMEOUT });
const heading = (text) => page.locator('h1.page-title', { hasText: text }).waitFor({ timeout: TIMEOUT });
// Every screenshot point also checks that no raw catalogue key or unfilled {placeholder} shows.
async function shot(name) {
    const text = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, /\{[a-z_]+\}/, 'an unfilled placeholder is visible');
    assert.doesNotMatch(text, /\b(app|nav|role|common|message|login|home|password|field|users|units|secret|error)\.[a-z_]+\b/,
        'a raw catalogue key is visible');
    await page.screenshot({ path: join(shotsDir, `phongthi-${name}.png`) });
}
const loginButton = () => page.locator('form.login-form button[type="submit"]');
const visibleRows = () => page.locator('tbody tr:not([hidden]):not(.empty-row)');
const row = (username) => page.locator(`tr[data-username="${username}"]`);
const lastRequest = (method, path) => [...mock.requests].reverse().find((r) => r.method === method && r.path === path);
const fieldByLabel = (label) => page.getByLabel(label, { exact: true });

const expectCount = (locator, n) => expectCountIn(page, locator, n, TIMEOUT);

async function login(username, password) {
    await page.locator('.login-form').waitFor({ timeout: TIMEOUT });
    await fieldByLabel('Tên đăng nhập').fill(username);
    await fieldByLabel('Mật khẩu').fill(password);
    await loginButton().click();
}

async function noHorizontalScroll() {
    const { scroll, client } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `page is ${scroll}px wide in a ${client}px window`);
}

// ---------- login ----------

test('login page: Vietnamese, product name, subtitle, demo notice', async () => {
    await page.goto(`${server.url}/`);
    await see('Hệ thống thi trắc nghiệm trong phòng máy');
    await see('Bản trình diễn.');
    assert.equal(await page.locator('h1.login-title').textContent(), 'PhòngThi');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
    assert.equal(await page.title(), 'Đăng nhập · PhòngThi');
    assert.equal(await loginButton().textContent(), 'Đăng nhập');
    await see('PhòngThi — phiên bản 0.1.0');
    await noHorizontalScroll();
    await shot('login-vi');
});

test('login: empty fields are caught without calling the server', async () => {
    const before = mock.requests.length;
    await loginButton().click();
    await see('Vui lòng nhập tên đăng nhập.');
    await see('Vui lòng nhập mật khẩu.');
    assert.equal(mock.requests.filter((r) => r.path === '/api/login').length, 0);
    assert.equal(mock.requests.length, before);
});

test('login: wrong password says so and clears the password', async () => {
    await login('admin', 'wrong-password');
    await see('Tên đăng nhập hoặc mật khẩu không đúng.');
    assert.equal(await fieldByLabel('Mật khẩu').inputValue(), '');
    assert.equal(lastRequest('POST', '/api/login').headers['accept-language'], 'vi');
});

test('login: an error code the client does not know shows the server message', async () => {
    await login('mystery', 'whatever-123');
    await see('Lỗi lạ từ máy chủ (tiếng Việt).');
});

test('login: disabled account and busy server have their own messages', async () => {
    await login('ts.vo', 'thisinh-123');
    await see('Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị viên.');
    await login('busy', 'whatever-123');
    await see('Máy chủ đang bận. Vui lòng thử lại sau giây lát.');
});

test('login: too many attempts counts down the seconds with the button off', async () => {
    await login('locked', 'whatever-123');
    await see('Vui lòng thử lại sau 3 giây.');
    assert.equal(await loginButton().isDisabled(), true);
    await see('Vui lòng thử lại sau 2 giây.');
    await page.getByText('Bạn có thể đăng nhập lại ngay bây giờ.').waitFor({ timeout: 6000 });
    assert.equal(await loginButton().isDisabled(), false);
});

test('login: the button is disabled and busy while the server answers', async () => {
    mock.delayMs = 700;
    await fieldByLabel('Tên đăng nhập').fill('admin');
    await fieldByLabel('Mật khẩu').fill('still-wrong');
    await loginButton().click();
    assert.equal(await loginButton().isDisabled(), true);
    assert.equal(await loginButton().getAttribute('aria-busy'), 'true');
    await see('Tên đăng nhập hoặc mật khẩu không đúng.');
    assert.equal(await loginButton().isDisabled(), false);
    mock.delayMs = 0;
});

// ---------- admin ----------

test('admin logs in: header with name, role, unit; home links to users and units', async () => {
    await login('admin', 'admin-pass-123');
    await heading('Trang quản trị');
    const header = page.locator('header.app-header');
    await see('Nguyễn Văn A', header);
    await see('Quản trị viên', header);
    await see('Đảng bộ Khối các cơ quan tỉnh', header);
    await see('Đăng xuất', header);
    await see('Xin chào, Nguyễn Văn A!');
    await see('Quản lý người dùng');
    await see('Quản lý đơn vị');
    assert.match(await page.evaluate(() => sessionStorage.getItem('phongthi.token')), /^tok-/);
    await noHorizontalScroll();
    await shot('home-admin');
});

test('users: table, role filter and accent-insensitive search', async () => {
    await page.locator('nav.app-nav').getByText('Người dùng').click();
    await heading('Quản lý người dùng');
    await expectCount(visibleRows(), 6);
    await see('Hiển thị 6/6 người dùng');
    assert.match(lastRequest('GET', '/api/users').headers.authorization, /^Bearer tok-/);
    assert.equal(lastRequest('GET', '/api/users').headers['accept-language'], 'vi');
    for (const text of ['Tên đăng nhập', 'Họ và tên', 'Vai trò', 'Đơn vị', 'Trạng thái']) {
        await see(text, page.locator('thead'));
    }
    await see('Đã khóa', row('ts.vo'));
    await see('Mật khẩu tạm', row('ts.pham'));

    await fieldByLabel('Lọc theo vai trò').selectOption('candidate');
    await expectCount(visibleRows(), 3);
    await see('Hiển thị 3/6 người dùng');
    await fieldByLabel('Tìm kiếm').fill('thang');
    await expectCount(visibleRows(), 1);
    await see('Phạm Đức Thắng', visibleRows());
    await fieldByLabel('Tìm kiếm').fill('zzz');
    await see('Không có người dùng nào khớp với bộ lọc.');
    await fieldByLabel('Lọc theo vai trò').selectOption('');
    await fieldByLabel('Tìm kiếm').fill('nguyen');
    await expectCount(visibleRows(), 1);
    await fieldByLabel('Tìm kiếm').fill('chi bo van phong');
    await expectCount(visibleRows(), 2);
    await fieldByLabel('Tìm kiếm').fill('');
    await expectCount(visibleRows(), 6);
    await noHorizontalScroll();
    const table = await page.locator('.table-wrap').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(table[0] <= table[1], `the users table needs ${table[0]}px in ${table[1]}px`);
    await shot('users');
});

test('users: add a user with a generated password, shown once in a marked box', async () => {
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    await see('Thêm người dùng mới');
    const form = page.locator('form.add-form');
    const input = (label) => form.getByLabel(label, { exact: true });
    await input('Tên đăng nhập').fill('ts.hoang');
    // Typed the way some Vietnamese input methods send it (decomposed); the client sends NFC.
    await input('Họ và tên').fill('Hoàng Thị Thu Hà'.normalize('NFD'));
    assert.equal(await input('Vai trò').inputValue(), 'candidate');
    await input('Đơn vị').selectOption('CB02');
    await shot('users-add-form');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();

    const box = page.locator('.secret-box');
    await box.waitFor({ timeout: TIMEOUT });
    await see('Mật khẩu ban đầu — chỉ hiển thị một lần', box);
    await see('Đã tạo tài khoản ts.hoang. Mật khẩu ban đầu là:', box);
    assert.equal(await box.locator('.secret-value').textContent(), 'kx7m-q3fa');
    await see('Sau khi đóng khung này, mật khẩu sẽ không hiển thị lại.', box);
    const sent = lastRequest('POST', '/api/users').body;
    assert.deepEqual(sent, { username: 'ts.hoang', full_name: 'Hoàng Thị Thu Hà'.normalize('NFC'), role: 'candidate', unit_code: 'CB02' });
    await see('Hoàng Thị Thu Hà', row('ts.hoang'));
    await see('Hiển thị 7/7 người dùng');
    assert.equal(await page.locator('form.add-form').isHidden(), true);
    await shot('users-created');
    await box.getByRole('button', { name: 'Tôi đã ghi lại mật khẩu' }).click();
    await expectCount(page.locator('.secret-box'), 0);
});

test('users: add form checks short passwords and reports a taken username', async () => {
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const form = page.locator('form.add-form');
    const input = (label) => form.getByLabel(label, { exact: true });
    const before = mock.requests.length;
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await see('Vui lòng nhập thông tin này.', form);
    await input('Tên đăng nhập').fill('admin');
    await input('Họ và tên').fill('Người Trùng Tên');
    await input('Mật khẩu (không bắt buộc)').fill('abc');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await see('Mật khẩu cần ít nhất 8 ký tự.', form);
    assert.equal(mock.requests.length, before);
    await input('Mật khẩu (không bắt buộc)').fill('matkhau-dai-du');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await see('Tên đăng nhập này đã được dùng.', form);
    assert.equal(lastRequest('POST', '/api/users').body.password, 'matkhau-dai-du');
    await form.getByRole('button', { name: 'Hủy' }).click();
    assert.equal(await form.isHidden(), true);
});

test('users: reset password asks first, then shows the new password', async () => {
    await row('ts.dang').getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const dialog = page.locator('dialog');
    await see('Đặt lại mật khẩu?', dialog);
    await see('Mật khẩu hiện tại của Đặng Quốc Huy (ts.dang) sẽ không dùng được nữa.', dialog);
    await shot('users-reset-confirm');
    await dialog.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const box = page.locator('.secret-box');
    await see('Mật khẩu mới — chỉ hiển thị một lần', box);
    await see('Mật khẩu mới của tài khoản ts.dang là (in hoặc chép ra giấy để trao tận tay;', box);
    await see('phải đổi mật khẩu ở lần đăng nhập tới', box);
    assert.equal(await box.locator('.secret-value').textContent(), 'p4tz-8wen');
    assert.deepEqual(lastRequest('POST', '/api/users/6/password').body, {});
    await see('Mật khẩu tạm', row('ts.dang'));
    await box.getByRole('button', { name: 'Tôi đã ghi lại mật khẩu' }).click();
});

test('users: cancelling a reset changes nothing', async () => {
    const before = mock.requests.length;
    await row('ts.dang').getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await page.locator('dialog').getByRole('button', { name: 'Hủy' }).click();
    await expectCount(page.locator('dialog'), 0);
    assert.equal(mock.requests.length, before);
});

test('users: disable (after confirming) and enable an account; no disable on oneself', async () => {
    assert.equal(await row('admin').getByRole('button', { name: 'Khóa', exact: true }).count(), 0);
    assert.equal(await row('admin').getByRole('button', { name: 'Đặt lại mật khẩu' }).count(), 0);
    await see('Đổi mật khẩu', row('admin'));
    await see('bạn', row('admin'));
    await row('ts.dang').getByRole('button', { name: 'Khóa', exact: true }).click();
    const dialog = page.locator('dialog');
    await see('Khóa tài khoản?', dialog);
    await dialog.getByRole('button', { name: 'Khóa', exact: true }).click();
    await see('Đã khóa tài khoản ts.dang.');
    await see('Đã khóa', row('ts.dang'));
    await row('ts.dang').getByRole('button', { name: 'Mở khóa' }).click();
    await see('Đã mở khóa tài khoản ts.dang.');
    await see('Đang hoạt động', row('ts.dang'));
});

test('language: English relabels in place, keeps what was typed, is remembered; back to Vietnamese', async () => {
    await fieldByLabel('Tìm kiếm').fill('tuyet');
    await expectCount(visibleRows(), 1);
    await page.getByRole('button', { name: 'English' }).click();
    await heading('Manage users');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.getByLabel('Search', { exact: true }).inputValue(), 'tuyet');
    await expectCount(visibleRows(), 1);
    await see('Showing 1 of 7 users');
    await see('Administrator', page.locator('header.app-header'));
    await see('Log out', page.locator('header.app-header'));
    await see('Candidate', row('ts.vo'));
    await see('Disabled', row('ts.vo'));
    assert.equal(await page.title(), 'Manage users · PhòngThi');
    assert.equal(await page.getByLabel('Search', { exact: true }).getAttribute('placeholder'), 'Username, full name or unit');
    assert.equal(await page.evaluate(() => localStorage.getItem('phongthi.lang')), 'en');
    await page.getByLabel('Search', { exact: true }).fill('');
    await shot('users-en');

    await page.reload();
    await heading('Manage users');
    assert.equal(lastRequest('GET', '/api/me').headers['accept-language'], 'en');
    assert.equal(lastRequest('GET', '/api/users').headers['accept-language'], 'en');

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await heading('Quản lý người dùng');
    await see('Quản trị viên', page.locator('header.app-header'));
    assert.equal(await page.evaluate(() => localStorage.getItem('phongthi.lang')), 'vi');
});

test('units: tree list; add a unit under a parent; a taken code is reported', async () => {
    await page.locator('nav.app-nav').getByText('Đơn vị').click();
    await heading('Quản lý đơn vị');
    await see('Tổng cộng 4 đơn vị');
    const codes = () => page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.code));
    assert.deepEqual(await codes(), ['DBK', 'CB01', 'CB02', 'TTCT']);
    await see('Cấp cao nhất', page.locator('tr[data-code="DBK"]'));
    await shot('units');

    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await fieldByLabel('Mã đơn vị').fill('CB03');
    await fieldByLabel('Tên đơn vị').fill('Chi bộ Ban Tổ chức');
    await fieldByLabel('Đơn vị cấp trên').selectOption('DBK');
    await page.getByRole('button', { name: 'Tạo đơn vị' }).click();
    await see('Đã tạo đơn vị CB03 — Chi bộ Ban Tổ chức.');
    assert.deepEqual(lastRequest('POST', '/api/units').body, { code: 'CB03', name: 'Chi bộ Ban Tổ chức', parent_code: 'DBK' });
    assert.deepEqual(await codes(), ['DBK', 'CB01', 'CB02', 'CB03', 'TTCT']);
    await see('Tổng cộng 5 đơn vị');

    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await fieldByLabel('Mã đơn vị').fill('CB01');
    await fieldByLabel('Tên đơn vị').fill('Trùng mã');
    await page.getByRole('button', { name: 'Tạo đơn vị' }).click();
    await see('Mã đơn vị này đã tồn tại.');
    assert.equal(await fieldByLabel('Mã đơn vị').getAttribute('aria-invalid'), 'true');
    await shot('units-error');
    await page.locator('form.add-form').getByRole('button', { name: 'Hủy' }).click();
});

test('display: larger text and high contrast switch on, fit 1024 px, are remembered, switch off', async () => {
    await page.locator('nav.app-nav').getByText('Người dùng').click();
    await heading('Quản lý người dùng');
    await page.getByRole('button', { name: 'Chữ lớn' }).click();
    await page.getByRole('button', { name: 'Tương phản cao' }).click();
    const classes = () => page.evaluate(() => document.documentElement.className);
    assert.match(await classes(), /text-large/);
    assert.match(await classes(), /contrast-high/);
    assert.equal(await page.getByRole('button', { name: 'Chữ lớn' }).getAttribute('aria-pressed'), 'true');
    await noHorizontalScroll();
    await shot('users-large-contrast');
    await page.reload();
    await heading('Quản lý người dùng');
    assert.match(await classes(), /text-large/);
    assert.match(await classes(), /contrast-high/);
    await page.getByRole('button', { name: 'Chữ lớn' }).click();
    await page.getByRole('button', { name: 'Tương phản cao' }).click();
    assert.equal((await classes()).trim(), '');
});

test('an expired session goes back to login, then on to the page that was asked for', async () => {
    mock.expireSessions();
    await page.locator('nav.app-nav').getByText('Đơn vị').click();
    await see('Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('phongthi.token')), null);
    await shot('login-expired');
    await login('admin', 'admin-pass-123');
    await heading('Quản lý đơn vị');
});

test('logout returns to login and forgets the token; admin pages then ask to log in', async () => {
    await page.locator('header.app-header').getByRole('button', { name: 'Đăng xuất' }).click();
    await see('Bạn đã đăng xuất.');
    assert.ok(lastRequest('POST', '/api/logout'));
    assert.equal(await page.evaluate(() => sessionStorage.getItem('phongthi.token')), null);
    assert.equal(await page.locator('header.app-header').isHidden(), true);
    await page.goto(`${server.url}/#/admin/users`);
    await page.locator('.login-form').waitFor({ timeout: TIMEOUT });
    await page.getByRole('button', { name: 'English' }).click();
    await see('Multiple-choice exams in the computer room');
    await see('Demo server.');
    await shot('login-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await see('Hệ thống thi trắc nghiệm trong phòng máy');
});

// ---------- must change password, candidate ----------

test('an account with an initial password must change it first', async () => {
    await login('ts.pham', 'kx7m-0000');
    await heading('Đổi mật khẩu');
    await see('Bạn đang dùng mật khẩu ban đầu.');
    assert.equal(await page.locator('nav.app-nav a').count(), 0);
    await page.evaluate(() => { location.hash = '#/'; });
    await heading('Đổi mật khẩu');
    await shot('password-forced');

    const submit = page.getByRole('button', { name: 'Lưu mật khẩu mới' });
    await fieldByLabel('Mật khẩu hiện tại').fill('kx7m-0000');
    await fieldByLabel('Mật khẩu mới').fill('ngan');
    await submit.click();
    await see('Mật khẩu cần ít nhất 8 ký tự.');
    await fieldByLabel('Mật khẩu mới').fill('mat-khau-moi-2026');
    await fieldByLabel('Nhập lại mật khẩu mới').fill('mat-khau-khac-2026');
    await submit.click();
    await see('Mật khẩu nhập lại không khớp.');

    // A wrong current password is "bad_credentials" (403 from the server): a field error, not a logout.
    await fieldByLabel('Mật khẩu hiện tại').fill('sai-mat-khau');
    await fieldByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-2026');
    await submit.click();
    await see('Mật khẩu hiện tại không đúng.');
    assert.match(await page.evaluate(() => sessionStorage.getItem('phongthi.token')), /^tok-/);

    await fieldByLabel('Mật khẩu hiện tại').fill('kx7m-0000');
    await submit.click();
    await see('Đã đổi mật khẩu.');
    await heading('Trang chủ');
    assert.deepEqual(lastRequest('POST', '/api/me/password').body,
        { old_password: 'kx7m-0000', new_password: 'mat-khau-moi-2026' });
});

test('candidate home: welcome card with details and an honest next-steps line', async () => {
    const card = page.locator('.welcome-card');
    await see('Xin chào, Phạm Đức Thắng!', card);
    await see('ts.pham', card);
    await see('Thí sinh', card);
    await see('Chi bộ Văn phòng (CB01)', card);
    await see('Khi giám thị mở phòng thi, bấm “Vào thi” ở kỳ thi của bạn.', card);
    await see('Đổi mật khẩu', card);
    assert.deepEqual(await page.locator('nav.app-nav a').allTextContents(), ['Trang chủ']);
    await see('Thí sinh', page.locator('header.app-header'));
    await shot('home-candidate');
});

test('a candidate cannot open admin pages', async () => {
    await page.evaluate(() => { location.hash = '#/admin/users'; });
    await heading('Không có quyền truy cập');
    assert.equal(mock.requests.filter((r) => r.path === '/api/users' && r.headers.authorization.endsWith('-4')).length, 0);
    await page.evaluate(() => { location.hash = '#/khong-co'; });
    await heading('Không tìm thấy trang');
});

test('the optional change-password page works for a normal account too', async () => {
    await page.locator('header.app-header').getByText('Đổi mật khẩu').click();
    await heading('Đổi mật khẩu');
    await fieldByLabel('Mật khẩu hiện tại').fill('mat-khau-moi-2026');
    await fieldByLabel('Mật khẩu mới').fill('mat-khau-thu-ba-2026');
    await fieldByLabel('Nhập lại mật khẩu mới').fill('mat-khau-thu-ba-2026');
    await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
    await see('Đã đổi mật khẩu.');
    assert.equal(await fieldByLabel('Mật khẩu mới').inputValue(), '');
    await shot('password');
});

test('lecturer and proctor homes point to their exam tools', async () => {
    await page.locator('header.app-header').getByRole('button', { name: 'Đăng xuất' }).click();
    await login('gv.tran', 'giangvien-123');
    await see('Tạo kỳ thi từ ngân hàng câu hỏi'); // and links to the banks (bank_smoke.mjs)
    await see('Giảng viên', page.locator('header.app-header'));
    await page.locator('header.app-header').getByRole('button', { name: 'Đăng xuất' }).click();
    await login('gt.le', 'giamthi-123');
    await see('Công cụ coi thi ở mục “Kỳ thi”');
    await see('Giám thị', page.locator('header.app-header'));
});

test('no console errors, CSP violations, uncaught exceptions or failed requests', async () => {
    // Chromium logs every 4xx/5xx fetch as a console error; the mock sends those on purpose.
    const problems = watcher.problems()
        .filter((p) => !/Failed to load resource: the server responded with a status of (4\d\d|503)/.test(p));
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
