// An in-memory stand-in for the PhòngThi HTTP API, installed with Playwright's request routing
// (page.route / context.route on "**/api/**"). It follows the API contract the client is written
// against and records every request so tests can check headers (Authorization, Accept-Language).
//
// Question banks (admin and lecturer): list, questions with filters, add, edit as a new revision,
// retire/restore, validate and import uploaded PhòngThi JSON files (other formats are refused
// with a report error), export. Validation follows the server's rules and field names
// ("question.options[1].text", "questions[2].options").
//
// Special accounts for error paths:
//   "locked"   -> 429 too_many_attempts with retry_after (seconds, set by lockSeconds)
//   "busy"     -> 503 server_busy
//   "mystery"  -> 400 with a code the client does not know (its localized message must show)

import { createMockExams } from './mock_exams.mjs';

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
    const bank = (id, name, description, created_at) => ({ id, name, description, created_at });
    const banks = [
        bank(1, 'Bồi dưỡng lý luận chính trị cho đảng viên mới', 'Kiến thức cơ bản về Đảng', '2026-11-20T08:00:00Z'),
        bank(2, 'Kiến thức pháp luật cơ bản', '', '2026-11-21T09:30:00Z'),
    ];
    const opts = (right, ...texts) => texts.map((text, i) => ({ text, weight: i === right ? 100 : 0 }));
    let qid = 0;
    const question = (bank_id, topic, level, stem, options, extra = {}) => ({
        id: ++qid, bank_id, revision: 1, retired: false, topic, level, stem, options, points: 1,
        shuffle_options: true, ...extra,
    });
    const questions = [
        question(1, 'Lịch sử Đảng', 'nhan_biet', 'Đảng Cộng sản Việt Nam được thành lập vào ngày, tháng, năm nào?',
            opts(0, '03/02/1930', '19/5/1890', '02/9/1945', '07/5/1954'), { code: 'LSD-01' }),
        question(1, 'Điều lệ Đảng', 'thong_hieu', 'Đảng viên dự bị có thời gian dự bị bao lâu kể từ ngày chi bộ tổ chức lễ kết nạp?',
            opts(2, '6 tháng', '9 tháng', '12 tháng', '18 tháng'), { explanation: 'Điều 5, Điều lệ Đảng.' }),
        question(1, 'Tổ chức cơ sở đảng', 'nhan_biet', 'Chi bộ sinh hoạt thường lệ bao lâu một lần?',
            opts(1, 'Mỗi tuần một lần', 'Mỗi tháng một lần', 'Mỗi quý một lần')),
        question(1, 'Điều lệ Đảng', 'van_dung', 'Những nội dung nào sau đây là nguyên tắc tổ chức và hoạt động của Đảng?',
            [{ text: 'Tập trung dân chủ', weight: 50 }, { text: 'Tự phê bình và phê bình', weight: 50 },
                { text: 'Tự do ứng cử không qua giới thiệu', weight: -100 }], { tags: ['nguyên tắc'] }),
        question(1, 'Lịch sử Đảng', 'van_dung_cao', '<b>Vì sao</b> Hội nghị thành lập Đảng năm 1930 có ý nghĩa bước ngoặt?',
            opts(0, 'Chấm dứt khủng hoảng về đường lối cứu nước', 'Vì diễn ra ở nước ngoài'), { format: 'html' }),
        question(1, 'Tổ chức cơ sở đảng', 'thong_hieu', 'Chi bộ có bao nhiêu đảng viên chính thức thì được bầu chi ủy?',
            opts(1, 'Từ 5 đảng viên', 'Từ 9 đảng viên', 'Từ 15 đảng viên', 'Từ 30 đảng viên'), { retired: true }),
        question(2, 'Hiến pháp', 'nhan_biet', 'Hiến pháp hiện hành của nước ta được thông qua năm nào?',
            opts(1, '1992', '2013', '2001', '1980')),
    ];
    return { units, users, unit, banks, questions };
}

const BANK_MESSAGES = {
    empty_stem: { vi: 'Câu hỏi không có nội dung', en: 'The question has no text' },
    option_count: { vi: 'Câu hỏi có {n} phương án; cần từ 2 đến 10', en: 'The question has {n} options; 2 to 10 are needed' },
    empty_option: { vi: 'Phương án {n} để trống', en: 'Option {n} is empty' },
    weight_range: { vi: 'Trọng số phải nằm trong khoảng -100..100', en: 'The weight must be between -100 and 100' },
    no_correct_option: { vi: 'Câu hỏi chưa có đáp án đúng', en: 'The question has no correct option' },
    weights_sum: { vi: 'Tổng trọng số các phương án đúng phải bằng 100%', en: 'The weights of the correct options must add up to 100%' },
    points_positive: { vi: 'Điểm của câu hỏi phải lớn hơn 0', en: "The question's points must be greater than 0" },
    not_a_bank: { vi: 'Tệp không phải ngân hàng câu hỏi PhòngThi', en: 'Not a PhòngThi bank' },
    duplicate: { vi: 'Câu hỏi trùng với câu số {n}', en: 'This question repeats number {n}' },
    invalid_questions: { vi: 'Tệp hoặc câu hỏi có lỗi; không có gì được lưu', en: 'The file or question has errors; nothing was saved' },
};

/** Problems of one question object, as the server words them; prefix is "question" or "questions[i]". */
function questionProblems(q, prefix, lang, file, number) {
    const found = [];
    const add = (field, code, n, level = 'error') => found.push({
        level, file, line: 0, question: number, field, code,
        message: BANK_MESSAGES[code][lang].replace('{n}', String(n)),
    });
    if (!q || typeof q.stem !== 'string' || !q.stem.trim()) add(`${prefix}.stem`, 'empty_stem');
    const options = Array.isArray(q && q.options) ? q.options : [];
    if (options.length < 2 || options.length > 10) add(`${prefix}.options`, 'option_count', options.length);
    let sum = 0;
    let positive = 0;
    options.forEach((o, i) => {
        if (!o || typeof o.text !== 'string' || !o.text.trim()) add(`${prefix}.options[${i}].text`, 'empty_option', i + 1);
        const w = o && typeof o.weight === 'number' ? o.weight : NaN;
        if (!Number.isFinite(w) || w < -100 || w > 100) add(`${prefix}.options[${i}].weight`, 'weight_range');
        else if (w > 0) {
            sum += w;
            positive += 1;
        }
    });
    if (options.length && positive === 0) add(`${prefix}.options`, 'no_correct_option');
    else if (positive && Math.abs(sum - 100) > 0.01) add(`${prefix}.options`, 'weights_sum');
    if (q && q.points !== undefined && !(typeof q.points === 'number' && q.points > 0)) add(`${prefix}.points`, 'points_positive');
    return found;
}

const fold = (text) => String(text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd').toLowerCase();

export function createMockApi({ demo = true, lockSeconds = 3 } = {}) {
    const db = seed();
    const tokens = new Map(); // token -> user id
    const requests = [];
    let nextUserId = 100;
    let nextUnitId = 100;
    let generated = 0;
    let tokenCounter = 0;
    const userForToken = (token) => (tokens.has(token) ? db.users.find((u) => u.id === tokens.get(token)) : null);
    const exams = createMockExams({ db, userForToken, requests });

    const publicUser = (u) => {
        const { password, ...rest } = u;
        return rest;
    };
    const generate = () => GENERATED[generated++ % GENERATED.length];

    function error(status, code, lang, extra = {}) {
        const message = (MESSAGES[code] || MESSAGES.bad_request)[lang] || '';
        return { status, body: { error: { code, message, ...extra } } };
    }

    let nextBankId = 100;
    let nextQuestionId = 1000;

    /** A bank file's report: {questions, errors, warnings, name} (PhòngThi JSON only). */
    function readBankFile(raw, filename, lang) {
        const report = { questions: [], errors: [], warnings: [], name: '' };
        const problem = (code) => ({ file: filename, line: 0, question: 0, field: 'format', code, message: BANK_MESSAGES[code][lang] });
        let doc = null;
        try {
            doc = JSON.parse(raw.toString('utf8'));
        } catch {
            doc = null;
        }
        if (!doc || doc.format !== 'phongthi-bank' || !Array.isArray(doc.questions)) {
            report.errors.push(problem('not_a_bank'));
            return report;
        }
        report.name = doc.name || '';
        const seen = new Map();
        doc.questions.forEach((q, i) => {
            const found = questionProblems(q, `questions[${i}]`, lang, filename, i + 1);
            report.errors.push(...found);
            if (found.length) return;
            const key = fold(q.stem);
            if (seen.has(key)) {
                report.warnings.push({ file: filename, line: 0, question: i + 1, field: `questions[${i}].stem`, code: 'duplicate',
                    message: BANK_MESSAGES.duplicate[lang].replace('{n}', String(seen.get(key))) });
            } else {
                seen.set(key, i + 1);
            }
            report.questions.push({
                stem: q.stem, options: q.options.map((o) => ({ text: o.text, weight: o.weight })),
                topic: q.topic || '', level: q.level || 'nhan_biet', points: q.points || 1, line: 0,
                multiple: q.options.filter((o) => o.weight > 0).length > 1,
            });
        });
        return report;
    }

    const withMultiple = (q) => ({ ...q, multiple: q.options.filter((o) => o.weight > 0).length > 1 });
    const bankJson = (b) => ({
        ...b, question_count: db.questions.filter((q) => q.bank_id === b.id && !q.retired).length,
    });

    /** A question object from a POST/PUT body, or a 422 reply with the problems. */
    function questionFromBody(body, lang) {
        const errors = questionProblems(body, 'question', lang, 'api', 1);
        if (errors.length) {
            return { reply: { status: 422, body: {
                error: { code: 'invalid_questions', message: BANK_MESSAGES.invalid_questions[lang] },
                questions: [], errors, warnings: [] } } };
        }
        const q = {
            topic: body.topic || '', level: body.level || 'nhan_biet', stem: body.stem.trim(),
            options: body.options.map((o) => ({ text: o.text.trim(), weight: o.weight, ...(o.feedback ? { feedback: o.feedback } : {}) })),
            points: body.points === undefined ? 1 : body.points, shuffle_options: body.shuffle_options !== false,
        };
        if (body.explanation) q.explanation = body.explanation;
        if (body.id) q.code = body.id;
        for (const key of ['tags', 'format', 'media']) if (body[key] !== undefined) q[key] = body[key];
        return { question: q };
    }

    function handleBanks(method, path, query, body, raw, lang, me) {
        const err = (status, code, extra) => error(status, code, lang, extra);
        if (method === 'GET' && path === '/api/banks') {
            return { status: 200, body: { banks: db.banks.map(bankJson) } };
        }
        if (method === 'POST' && (path === '/api/banks/validate' || path === '/api/banks/import')) {
            const filename = query.get('filename') || 'upload';
            const report = readBankFile(raw || Buffer.alloc(0), filename, lang);
            if (path === '/api/banks/validate') return { status: 200, body: report };
            const name = query.get('name') || '';
            if (!name) return err(400, 'invalid_field', { field: 'name' });
            const { name: _fileName, ...rest } = report;
            if (!report.questions.length || (report.errors.length && query.get('partial') !== '1')) {
                return { status: 422, body: { ...rest, error: { code: 'invalid_questions', message: BANK_MESSAGES.invalid_questions[lang] } } };
            }
            let bank = db.banks.find((b) => b.name === name);
            if (!bank) {
                bank = { id: nextBankId++, name, description: '', created_at: new Date().toISOString() };
                db.banks.push(bank);
            }
            for (const q of report.questions) {
                db.questions.push({
                    id: nextQuestionId++, bank_id: bank.id, revision: 1, retired: false, topic: q.topic, level: q.level,
                    stem: q.stem, options: q.options, points: q.points, shuffle_options: true,
                });
            }
            return { status: 201, body: { ...rest, bank_id: bank.id, imported: report.questions.length } };
        }
        const bankMatch = /^\/api\/banks\/(\d+)\/(questions|export)$/.exec(path);
        if (bankMatch) {
            const bank = db.banks.find((b) => b.id === Number(bankMatch[1]));
            if (!bank) return err(404, 'not_found');
            if (method === 'GET' && bankMatch[2] === 'questions') {
                const level = query.get('level') || '';
                if (level && !['nhan_biet', 'thong_hieu', 'van_dung', 'van_dung_cao'].includes(level)) {
                    return err(400, 'invalid_field', { field: 'level' });
                }
                const topic = query.get('topic') || '';
                const words = fold(query.get('q') || '');
                const retired = query.get('retired') === '1';
                const offset = Number(query.get('offset') || 0);
                const limit = Number(query.get('limit') || 200);
                const list = db.questions.filter((q) => q.bank_id === bank.id
                    && (retired || !q.retired) && (!topic || q.topic === topic) && (!level || q.level === level)
                    && (!words || fold(`${q.stem} ${q.options.map((o) => o.text).join(' ')}`).includes(words)));
                return { status: 200, body: { questions: list.slice(offset, offset + limit).map(withMultiple) } };
            }
            if (method === 'POST' && bankMatch[2] === 'questions') {
                const made = questionFromBody(body || {}, lang);
                if (made.reply) return made.reply;
                const q = { id: nextQuestionId++, bank_id: bank.id, revision: 1, retired: false, ...made.question };
                db.questions.push(q);
                return { status: 201, body: { question: withMultiple(q) } };
            }
            if (method === 'GET' && bankMatch[2] === 'export') {
                const format = query.get('format');
                if (!['json', 'gift', 'aiken', 'xml', 'csv', 'xlsx'].includes(format)) return err(400, 'invalid_field', { field: 'format' });
                const questions = db.questions.filter((q) => q.bank_id === bank.id);
                return {
                    status: 200,
                    raw: JSON.stringify({ format: 'phongthi-bank', version: 1, name: bank.name, questions }, null, 2),
                    contentType: format === 'json' ? 'application/json' : 'application/octet-stream',
                    headers: { 'Content-Disposition': `attachment; filename="bank-${bank.id}.${format}"` },
                };
            }
        }
        const questionMatch = /^\/api\/questions\/(\d+)(?:\/(retire|restore))?$/.exec(path);
        if (questionMatch) {
            const q = db.questions.find((x) => x.id === Number(questionMatch[1]));
            if (!q) return err(404, 'not_found');
            if (method === 'GET' && !questionMatch[2]) return { status: 200, body: { question: withMultiple(q) } };
            if (method === 'PUT' && !questionMatch[2]) {
                const made = questionFromBody(body || {}, lang);
                if (made.reply) return made.reply;
                for (const key of ['code', 'tags', 'format', 'media', 'explanation']) delete q[key];
                Object.assign(q, made.question, { revision: q.revision + 1 });
                return { status: 200, body: { question: withMultiple(q) } };
            }
            if (method === 'POST' && questionMatch[2]) {
                q.retired = questionMatch[2] === 'retire';
                return { status: 200, body: { question: withMultiple(q) } };
            }
        }
        return null;
    }

    function handle(method, path, headers, body, query = new URLSearchParams(), raw = null) {
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
        if (method === 'GET' && path === '/api/me/sessions') {
            const mine = [...tokens.entries()].filter(([, id]) => id === me.id);
            return {
                status: 200,
                body: {
                    sessions: mine.map(([t], i) => ({
                        id: i + 1, created_at: '2026-11-26T01:00:00Z', last_seen_at: '2026-11-26T01:05:00Z',
                        expires_at: '2026-11-26T13:00:00Z', address: '127.0.0.1', user_agent: 'mock', current: t === token,
                    })),
                },
            };
        }
        if (method === 'POST' && path === '/api/me/sessions/revoke-others') {
            let revoked = 0;
            for (const [t, id] of [...tokens.entries()]) {
                if (id === me.id && t !== token) { tokens.delete(t); revoked += 1; }
            }
            return { status: 200, body: { revoked } };
        }
        const examReply = exams.handle(method, path, query, body, headers, me);
        if (examReply) return examReply;
        if (path.startsWith('/api/banks') || path.startsWith('/api/questions')) {
            if (me.role !== 'admin' && me.role !== 'lecturer') return err(403, 'forbidden');
            return handleBanks(method, path, query, body, raw, lang, me) || err(404, 'not_found');
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
        /** The exam part and the WebSocket protocol (mock_exams.mjs). */
        exams,
        userForToken,
        /** Expire every session, as a server restart or timeout would. */
        expireSessions: () => tokens.clear(),
        /** Route "**\/api/**" of a Playwright page or context to this mock. */
        async install(target) {
            await target.route('**/api/**', async (route) => {
                const request = route.request();
                const url = new URL(request.url());
                const headers = request.headers();
                let body = null;
                const raw = request.postDataBuffer();
                const isJson = (headers['content-type'] || '').startsWith('application/json');
                if (raw && isJson) {
                    try {
                        body = JSON.parse(raw.toString('utf8'));
                    } catch {
                        body = null;
                    }
                }
                requests.push({ method: request.method(), path: url.pathname, query: url.searchParams, headers, body,
                    raw: isJson ? null : raw });
                const reply = handle(request.method(), url.pathname, headers, body, url.searchParams, isJson ? null : raw);
                if (api.delayMs) await new Promise((done) => setTimeout(done, api.delayMs));
                if (reply.raw !== undefined) {
                    await route.fulfill({ status: reply.status, contentType: reply.contentType, headers: reply.headers, body: reply.raw });
                    return;
                }
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
