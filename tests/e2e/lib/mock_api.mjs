// An in-memory stand-in for the PhòngThi HTTP API, installed with Playwright's request routing
// (page.route / context.route on "**/api/**"). It follows the API contract the client is written
// against and records every request so tests can check headers (Authorization, Accept-Language).
//
// Special accounts for error paths:
//   "locked"   -> 429 too_many_attempts with retry_after (seconds, set by lockSeconds)
//   "busy"     -> 503 server_busy
//   "mystery"  -> 400 with a code the client does not know (its localized message must show)

const MESSAGES = {
    bad_credentials: { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
    account_disabled: { vi: 'Tài khoản đã bị khóa.', en: 'Account disabled.' },
    too_many_attempts: { vi: 'Thử quá nhiều lần.', en: 'Too many attempts.' },
    server_busy: { vi: 'Máy chủ bận.', en: 'Server busy.' },
    unauthenticated: { vi: 'Chưa đăng nhập.', en: 'Not logged in.' },
    forbidden: { vi: 'Không có quyền.', en: 'Forbidden.' },
    username_taken: { vi: 'Tên đăng nhập đã tồn tại.', en: 'Username taken.' },
    code_taken: { vi: 'Mã đã tồn tại.', en: 'Code taken.' },
    unknown_unit: { vi: 'Không có đơn vị với mã này.', en: 'No such unit.' },
    invalid_field: { vi: 'Trường không hợp lệ.', en: 'Invalid field.' },
    weak_password: { vi: 'Mật khẩu quá yếu.', en: 'Weak password.' },
    bad_request: { vi: 'Yêu cầu không hợp lệ.', en: 'Bad request.' },
    not_found: { vi: 'Không tìm thấy.', en: 'Not found.' },
    mystery: { vi: 'Lỗi lạ từ máy chủ (tiếng Việt).', en: 'Strange server error (English).' },
};

const GENERATED = ['kx7m-q3fa', 'p4tz-8wen', 'r2hd-v9cu', 'm6qa-j3xs', 'b8nf-t5ky', 'w3ge-c7pd'];

function seed() {
    const units = [
        { id: 1, code: 'DBK', name: 'Đảng bộ Khối các cơ quan tỉnh', parent_code: null },
        { id: 2, code: 'CB01', name: 'Chi bộ Văn phòng', parent_code: 'DBK' },
        { id: 3, code: 'CB02', name: 'Chi bộ Ban Tuyên giáo', parent_code: 'DBK' },
        { id: 4, code: 'TTCT', name: 'Trung tâm Chính trị huyện', parent_code: null },
    ];
    const unit = (code) => {
        const u = units.find((x) => x.code === code);
        return u ? { id: u.id, code: u.code, name: u.name } : null;
    };
    const user = (id, username, full_name, role, unitCode, password, extra = {}) => ({
        id, username, full_name, role, unit: unit(unitCode), password,
        must_change_password: false, disabled: false, created_at: '2026-11-20T08:00:00Z', ...extra,
    });
    const users = [
        user(1, 'admin', 'Nguyễn Văn A', 'admin', 'DBK', 'admin-pass-123'),
        user(2, 'gv.tran', 'Trần Thị Bích Ngọc', 'lecturer', 'TTCT', 'giangvien-123'),
        user(3, 'gt.le', 'Lê Hoàng Phúc', 'proctor', 'TTCT', 'giamthi-123'),
        user(4, 'ts.pham', 'Phạm Đức Thắng', 'candidate', 'CB01', 'kx7m-0000', { must_change_password: true }),
        user(5, 'ts.vo', 'Võ Thị Ánh Tuyết', 'candidate', 'CB02', 'thisinh-123', { disabled: true }),
        user(6, 'ts.dang', 'Đặng Quốc Huy', 'candidate', 'CB01', 'thisinh-456'),
    ];
    return { units, users, unit };
}

export function createMockApi({ demo = true, lockSeconds = 3 } = {}) {
    const db = seed();
    const tokens = new Map(); // token -> user id
    const requests = [];
    let nextUserId = 100;
    let nextUnitId = 100;
    let generated = 0;
    let tokenCounter = 0;

    const publicUser = (u) => {
        const { password, ...rest } = u;
        return rest;
    };
    const generate = () => GENERATED[generated++ % GENERATED.length];

    function error(status, code, lang, extra = {}) {
        const message = (MESSAGES[code] || MESSAGES.bad_request)[lang] || '';
        return { status, body: { error: { code, message, ...extra } } };
    }

    function handle(method, path, headers, body) {
        const lang = (headers['accept-language'] || 'vi').startsWith('en') ? 'en' : 'vi';
        const auth = headers.authorization || '';
        const token = auth.startsWith('Bearer ') ? auth.slice(7) : null;
        const me = token && tokens.has(token) ? db.users.find((u) => u.id === tokens.get(token)) : null;
        const err = (status, code, extra) => error(status, code, lang, extra);

        if (method === 'GET' && path === '/api/info') {
            return { status: 200, body: { name: 'PhòngThi', version: '0.1.0', demo, server_time: new Date().toISOString() } };
        }
        if (method === 'POST' && path === '/api/login') {
            if (!body || typeof body.username !== 'string' || typeof body.password !== 'string') return err(400, 'bad_request');
            if (body.username === 'locked') return err(429, 'too_many_attempts', { retry_after: lockSeconds });
            if (body.username === 'busy') return err(503, 'server_busy');
            if (body.username === 'mystery') return err(400, 'mystery');
            const u = db.users.find((x) => x.username === body.username);
            if (!u || u.password !== body.password) return err(401, 'bad_credentials');
            if (u.disabled) return err(403, 'account_disabled');
            tokenCounter += 1;
            const newToken = `tok-${tokenCounter}-${u.id}`;
            tokens.set(newToken, u.id);
            return {
                status: 200,
                body: { token: newToken, expires_at: '2026-11-26T08:00:00Z', user: publicUser(u) },
            };
        }
        if (!me) return err(401, 'unauthenticated');
        if (method === 'POST' && path === '/api/logout') {
            tokens.delete(token);
            return { status: 204 };
        }
        if (method === 'GET' && path === '/api/me') return { status: 200, body: { user: publicUser(me) } };
        if (method === 'POST' && path === '/api/me/password') {
            // Like the real server: a wrong current password here is 403, not 401.
            if (!body || body.old_password !== me.password) return err(403, 'bad_credentials');
            if (typeof body.new_password !== 'string' || body.new_password.length < 8) return err(400, 'weak_password');
            me.password = body.new_password;
            me.must_change_password = false;
            return { status: 204 };
        }
        if (me.role !== 'admin') return err(403, 'forbidden');

        if (method === 'GET' && path === '/api/users') {
            return { status: 200, body: { users: db.users.map(publicUser) } };
        }
        if (method === 'POST' && path === '/api/users') {
            if (!body) return err(400, 'bad_request');
            if (!/^[a-z0-9._-]{3,32}$/.test(body.username || '')) return err(400, 'invalid_field', { field: 'username' });
            if (!body.full_name) return err(400, 'invalid_field', { field: 'full_name' });
            if (!['admin', 'lecturer', 'proctor', 'candidate'].includes(body.role)) return err(400, 'invalid_field', { field: 'role' });
            if (body.unit_code !== undefined && !db.unit(body.unit_code)) return err(400, 'unknown_unit', { field: 'unit_code' });
            if (body.password !== undefined && body.password.length < 8) return err(400, 'weak_password');
            if (db.users.some((x) => x.username === body.username)) return err(409, 'username_taken');
            const initial = body.password === undefined ? generate() : null;
            const u = {
                id: nextUserId++, username: body.username, full_name: body.full_name, role: body.role,
                unit: body.unit_code ? db.unit(body.unit_code) : null, password: body.password || initial,
                must_change_password: true, disabled: false, created_at: new Date().toISOString(),
            };
            db.users.push(u);
            return { status: 201, body: initial ? { user: publicUser(u), initial_password: initial } : { user: publicUser(u) } };
        }
        const userAction = /^\/api\/users\/(\d+)\/(password|disable|enable)$/.exec(path);
        if (method === 'POST' && userAction) {
            const u = db.users.find((x) => x.id === Number(userAction[1]));
            if (!u) return err(404, 'not_found');
            if (userAction[2] === 'password') {
                if (body && body.password) {
                    u.password = body.password;
                    return { status: 200, body: {} };
                }
                u.password = generate();
                u.must_change_password = true;
                return { status: 200, body: { initial_password: u.password } };
            }
            u.disabled = userAction[2] === 'disable';
            return { status: 200, body: { user: publicUser(u) } };
        }
        if (method === 'GET' && path === '/api/units') return { status: 200, body: { units: db.units } };
        if (method === 'POST' && path === '/api/units') {
            if (!body || !body.code) return err(400, 'invalid_field', { field: 'code' });
            if (!body.name) return err(400, 'invalid_field', { field: 'name' });
            if (body.parent_code !== undefined && !db.unit(body.parent_code)) return err(400, 'unknown_unit', { field: 'parent_code' });
            if (db.units.some((x) => x.code === body.code)) return err(409, 'code_taken');
            const unit = { id: nextUnitId++, code: body.code, name: body.name, parent_code: body.parent_code || null };
            db.units.push(unit);
            return { status: 201, body: { unit } };
        }
        return err(404, 'not_found');
    }

    const api = {
        db,
        requests,
        /** Milliseconds to hold every reply (to see busy states). */
        delayMs: 0,
        /** Expire every session, as a server restart or timeout would. */
        expireSessions: () => tokens.clear(),
        /** Route "**\/api/**" of a Playwright page or context to this mock. */
        async install(target) {
            await target.route('**/api/**', async (route) => {
                const request = route.request();
                const url = new URL(request.url());
                const headers = request.headers();
                let body = null;
                const raw = request.postData();
                if (raw) {
                    try {
                        body = JSON.parse(raw);
                    } catch {
                        body = null;
                    }
                }
                requests.push({ method: request.method(), path: url.pathname, headers, body });
                const reply = handle(request.method(), url.pathname, headers, body);
                if (api.delayMs) await new Promise((done) => setTimeout(done, api.delayMs));
                await route.fulfill({
                    status: reply.status,
                    contentType: 'application/json; charset=utf-8',
                    body: reply.body === undefined ? '' : JSON.stringify(reply.body),
                });
            });
        },
    };
    return api;
}
