// The exam part of the mocked server (docs/EXAMS.md REST and docs/PROTOCOL.md WebSocket), for the
// browser tests: classes, exams with settings and blueprint, the candidate's exam list, the proctor
// controls, and a WebSocket handler that speaks hello/ping/join/answer/event/submit/watch.
// Replies follow the documents: lists wrapped ({classes}, {exams}), one exam as {exam}, actions as
// {ok:true}. Tests drive the room through start(), dropCandidates(), offline, autoAck, and read
// received / events / submits / hellos / answerFiles.
// Grading and results (docs/EXAMS.md "Grading and results"): exam 9 is closed and graded; its
// results, statistics, key corrections (recorded in keyCorrections) and the review of the
// candidate's attempt 31, and `result` in GET /api/my/exams, in the documented shapes.

const MESSAGES = {
    exam_not_open: { vi: 'Phòng thi chưa mở.', en: 'The room is not open.' },
    unauthenticated: { vi: 'Chưa đăng nhập.', en: 'Not logged in.' },
    forbidden: { vi: 'Không có quyền.', en: 'Forbidden.' },
    not_found: { vi: 'Không tìm thấy.', en: 'Not found.' },
    not_running: { vi: 'Bài thi không còn đang diễn ra.', en: 'The attempt is not running.' },
    invalid_field: { vi: 'Giá trị không hợp lệ.', en: 'Invalid value.' },
    blueprint_short: { vi: 'Ngân hàng không đủ câu hỏi cho ma trận đề.', en: 'The banks cannot fill the blueprint.' },
    wrong_start_code: { vi: 'Mã vào thi không đúng.', en: 'Wrong start code.' },
    start_code_required: { vi: 'Cần mã vào thi.', en: 'Start code needed.' },
};
const STAFF = ['admin', 'lecturer', 'proctor'];
const MINUTE = 60000;
// A 1x1 PNG for the paper's pictures.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function paperQuestions() {
    return [
        { n: 0, stem: 'Đảng Cộng sản Việt Nam ra đời năm nào?', format: 'plain', multiple: false, points: 0.5,
            options: [{ id: 'k2m7qd4a', text: '1930' }, { id: 'x3p9rb2c', text: '1945' }, { id: 'q8w2e4r6', text: '1954' }], media: [] },
        { n: 1, stem: 'Những nguyên tắc nào là nguyên tắc tổ chức của Đảng?', format: 'plain', multiple: true, points: 1,
            options: [{ id: 'm1n2b3v4', text: 'Tập trung dân chủ' }, { id: 'c5x6z7l8', text: 'Tự phê bình và phê bình' },
                { id: 'p9o8i7u6', text: 'Tự do ứng cử' }], media: [] },
        { n: 2, stem: '<b>Vì sao</b> Hội nghị thành lập Đảng có ý nghĩa <i>bước ngoặt</i>?<img src="h1.png" alt="Hội nghị"><script>bad()</script><a href="x">liên kết</a>',
            format: 'html', multiple: false, points: 1,
            options: [{ id: 'y6t5r4e3', text: 'Chấm dứt <u>khủng hoảng</u> đường lối' }, { id: 'w2q1a9s8', text: 'Vì diễn ra ở nước ngoài' }],
            media: [{ name: 'h1.png', url: '/api/attempts/12/media/3/h1.png' }] },
        { n: 3, stem: 'Chi bộ sinh hoạt thường lệ bao lâu một lần?', format: 'plain', multiple: false, points: 0.5,
            options: [{ id: 'd4f5g6h7', text: 'Mỗi tuần' }, { id: 'j8k9l0z1', text: 'Mỗi tháng' }, { id: 'v2b3n4m5', text: 'Mỗi quý' }], media: [] },
        { n: 4, stem: 'Đảng viên dự bị có thời gian dự bị bao lâu?', format: 'plain', multiple: false, points: 1,
            options: [{ id: 'a1s2d3f4', text: '6 tháng' }, { id: 'g5h6j7k8', text: '12 tháng' }], media: [] },
    ];
}

export function createMockExams({ db, userForToken, requests }) {
    const classes = [
        { id: 1, code: 'K12', name: 'Lớp bồi dưỡng đảng viên mới K12', course: { id: 1, code: 'LLCT', name: 'Lý luận chính trị' }, room_id: 1, learners: 2 },
        { id: 2, code: 'PL3', name: 'Lớp pháp luật cơ bản 3', course: { id: 2, code: 'PL', name: 'Pháp luật' }, room_id: 2, learners: 0 },
    ];
    const settings = {
        duration_minutes: 45, attempts_allowed: 1, show_score: 'after_submit', show_answers: 'after_close',
        pass_mark: 5, scale: 10, paper_mode: 'variants', variant_count: 4, start_code: false,
    };
    const exams = [
        { id: 7, class_id: 1, title: 'Kiểm tra cuối khóa', state: 'open', settings: { ...settings },
            blueprint: { bank_ids: [1], cells: [{ topic: 'Lịch sử Đảng', level: 'nhan_biet', count: 2, points: 0.5 },
                { topic: '', level: 'van_dung', count: 3 }], shuffle_questions: true, shuffle_options: true },
            blueprint_revision: 1, opens_at: null, closes_at: null, started_at: null, paused: false, created_at: '2026-11-24T08:00:00Z' },
        { id: 8, class_id: 1, title: 'Kiểm tra giữa khóa', state: 'draft', settings: { ...settings, paper_mode: 'per_candidate' },
            blueprint: { bank_ids: [1], cells: [{ topic: 'Điều lệ Đảng', level: 'van_dung_cao', count: 9 }], shuffle_questions: true, shuffle_options: true },
            blueprint_revision: 1, opens_at: null, closes_at: null, started_at: null, paused: false, created_at: '2026-11-24T09:00:00Z' },
        { id: 9, class_id: 1, title: 'Kiểm tra chương 1', state: 'closed', settings: { ...settings },
            blueprint: { bank_ids: [1], cells: [{ topic: '', level: 'nhan_biet', count: 3 }], shuffle_questions: true, shuffle_options: true },
            blueprint_revision: 1, opens_at: null, closes_at: null, started_at: '2026-11-20T08:00:00Z', paused: false, created_at: '2026-11-19T08:00:00Z' },
    ];
    const graded = createGradedExam();
    let nextExamId = 20;
    const connections = new Set();
    const received = []; // every answer frame, in arrival order
    const events = []; // every event frame
    const submits = [];
    const hellos = []; // every hello frame (token and lang)
    const answerFiles = []; // every uploaded answer file
    const saved = new Map(); // n -> {choice, flag, seq}
    const room = {
        attempt: 12, user: 6, deadline: null, paused: false, state: 'absent', submitted: null,
    };
    const questions = paperQuestions();
    const control = {
        offline: false, // refuse WebSocket upgrades
        autoAck: true,
        startCode: '482913',
    };

    const lang = (headers) => ((headers && headers['accept-language']) || 'vi').startsWith('en') ? 'en' : 'vi';
    const err = (status, code, l, extra = {}) => ({
        status, body: { error: { code, message: (MESSAGES[code] || { vi: code, en: code })[l], ...extra } },
    });
    const examOf = (id) => exams.find((e) => e.id === Number(id));
    const user = (id) => db.users.find((u) => u.id === id);

    function check(exam) {
        const wanted = exam.blueprint.cells.reduce((sum, c) => sum + Number(c.count || 0), 0);
        const shortages = exam.blueprint.cells.filter((c) => Number(c.count) > 4)
            .map((c) => ({ topic: c.topic, level: c.level, wanted: Number(c.count), available: 4 }));
        return {
            ok: !shortages.length,
            shortages,
            message: shortages.length ? `Thiếu ${shortages.reduce((s, x) => s + x.wanted - x.available, 0)} câu cho ma trận ${wanted} câu.` : '',
        };
    }

    function row() {
        const u = user(room.user);
        const answered = [...saved.values()].filter((a) => a.choice.length).length;
        const connected = [...connections].some((c) => c.state.user && c.state.user.id === room.user && c.state.joined);
        return {
            user: u.id, username: u.username, full_name: u.full_name, unit: u.unit ? u.unit.name : '', seat: 'A3',
            attempt: room.attempt, state: room.state, connected, disconnected_at: connected ? null : room.disconnectedAt || null,
            answered, total: questions.length, deadline: room.deadline, variant: '102', alerts: events.length,
            move_pending: Boolean(room.movePending),
        };
    }

    function absentRow() {
        const u = user(4);
        return { user: 4, username: u.username, full_name: u.full_name, unit: u.unit ? u.unit.name : '', seat: 'A4',
            attempt: null, state: 'absent', connected: false, disconnected_at: null, answered: 0, total: questions.length,
            deadline: null, variant: null, alerts: 0, move_pending: false };
    }

    const roomExam = () => {
        const e = examOf(7);
        return { ...e, closes_at: e.closes_at };
    };

    function toWatchers(msg) {
        for (const c of connections) if (c.state.watching) c.send(msg);
    }

    function toCandidate(msg) {
        for (const c of connections) if (c.state.joined) c.send(msg);
    }

    function paper() {
        return {
            t: 'paper', attempt: room.attempt, exam: { id: 7, title: examOf(7).title, variant: '102' },
            server_time: Date.now(), deadline: room.deadline, paused: room.paused,
            last_seq: Math.max(0, ...[...saved.values()].map((a) => a.seq)),
            questions,
            answers: [...saved.entries()].map(([n, a]) => ({ n, ...a })),
        };
    }

    function onMessage(conn, msg) {
        const l = conn.state.lang;
        if (!msg || typeof msg !== 'object') {
            conn.send({ t: 'error', code: 'bad_json', message: 'bad json' });
            return;
        }
        if (msg.t === 'ping') {
            conn.send({ t: 'pong', id: msg.id, server_time: Date.now() });
            return;
        }
        if (msg.t === 'hello') {
            hellos.push(msg);
            if (msg.lang === 'vi' || msg.lang === 'en') conn.state.lang = msg.lang;
            const u = userForToken(msg.token);
            if (!u) {
                conn.send({ t: 'error', code: 'unauthenticated', message: MESSAGES.unauthenticated[l] });
                return;
            }
            conn.state.user = u;
            conn.send({ t: 'welcome', protocol: 1, user: { id: u.id, username: u.username, role: u.role }, server_time: Date.now() });
            return;
        }
        if (!conn.state.user) {
            conn.send({ t: 'error', code: 'unauthenticated', message: MESSAGES.unauthenticated[l] });
            return;
        }
        const me = conn.state.user;
        if (msg.t === 'watch') {
            if (!STAFF.includes(me.role)) {
                conn.send({ t: 'error', code: 'forbidden', message: MESSAGES.forbidden[l] });
                return;
            }
            conn.state.watching = true;
            conn.send({ t: 'room', exam: roomExam(), candidates: [row(), absentRow()], server_time: Date.now() });
            return;
        }
        if (msg.t === 'join') {
            const exam = examOf(msg.exam);
            if (!exam || exam.state !== 'open') {
                conn.send({ t: 'error', code: 'exam_not_open', message: MESSAGES.exam_not_open[l] });
                return;
            }
            if (exam.settings.start_code && !room.deadline) {
                if (!msg.start_code) {
                    conn.send({ t: 'error', code: 'start_code_required', message: MESSAGES.start_code_required[l] });
                    return;
                }
                if (msg.start_code !== control.startCode) {
                    conn.send({ t: 'error', code: 'wrong_start_code', message: MESSAGES.wrong_start_code[l] });
                    return;
                }
            }
            conn.state.joined = true;
            if (room.state === 'absent') room.state = 'waiting';
            if (room.state === 'submitted') {
                conn.send({ t: 'error', code: 'not_running', message: 'submitted' });
                return;
            }
            if (room.deadline) conn.send(paper());
            else conn.send({ t: 'waiting', exam: { id: 7, title: exam.title }, server_time: Date.now() });
            toWatchers({ t: 'candidate', row: row() });
            return;
        }
        if (msg.t === 'answer') {
            received.push(msg);
            if (!control.autoAck) return;
            const known = saved.get(msg.n);
            if (known && known.seq >= msg.seq) {
                conn.send({ t: 'ack', seq: msg.seq, stale: true });
                return;
            }
            saved.set(msg.n, { choice: msg.choice, flag: msg.flag, seq: msg.seq });
            conn.send({ t: 'ack', seq: msg.seq });
            toWatchers({ t: 'candidate', row: row() });
            return;
        }
        if (msg.t === 'event') {
            events.push(msg);
            toWatchers({ t: 'alert', user: me.id, full_name: me.full_name, attempt: room.attempt, kind: msg.kind, at: Date.now(),
                detail: { client_at: msg.at, detail: msg.detail || '' } });
            return;
        }
        if (msg.t === 'submit') {
            submits.push(msg);
            if (room.state !== 'in_progress') {
                conn.send({ t: 'error', code: 'not_running', message: MESSAGES.not_running[l] });
                return;
            }
            room.state = 'submitted';
            const answered = [...saved.values()].filter((a) => a.choice.length).length;
            conn.send({ t: 'submitted', attempt: room.attempt, at: Date.now(), auto: false, answered, total: questions.length,
                result: { attempt: room.attempt, score: 6.5, scale: 10, passed: true,
                    classification: { key: 'kha', vi: 'Khá', en: 'Good', passed: true, reasons: [] }, review_available: false } });
            toWatchers({ t: 'candidate', row: row() });
            return;
        }
        conn.send({ t: 'error', code: 'unknown_type', message: msg.t });
    }

    function attachConnection(conn) {
        conn.state.lang = lang(conn.request.headers);
        connections.add(conn);
        conn.onmessage = (msg) => onMessage(conn, msg);
        conn.onclose = () => {
            connections.delete(conn);
            if (conn.state.joined) {
                room.disconnectedAt = Date.now();
                toWatchers({ t: 'candidate', row: row() });
            }
        };
    }

    function handle(method, path, query, body, headers, me) {
        const l = lang(headers);
        // The portal's surveys and course materials (docs/COURSE.md): none in the mock.
        if (method === 'GET' && path === '/api/my/surveys') return { status: 200, body: { surveys: [] } };
        if (method === 'GET' && path === '/api/my/materials') return { status: 200, body: { during_exam: false, materials: [] } };
        if (method === 'GET' && path === '/api/my/exams') {
            const mine = me.role === 'candidate' ? exams.filter((e) => e.class_id === 1 && e.state !== 'draft') : [];
            return { status: 200, body: { exams: mine.map((e) => ({
                id: e.id, title: e.title, class_id: e.class_id, state: e.state,
                started: Boolean(room.deadline), duration_minutes: e.settings.duration_minutes,
                opens_at: e.opens_at, closes_at: e.closes_at, start_code: Boolean(e.settings.start_code),
                attempt: e.id === 7 && me.id === room.user && room.deadline
                    ? { id: room.attempt, state: room.state, deadline: room.deadline, submitted_at: null }
                    : e.id === 9 && me.id === room.user ? { id: 31, state: 'submitted', deadline: null, submitted_at: '2026-11-20T08:25:20Z' } : null,
                result: e.id === 9 && me.id === room.user ? graded.myResult() : null,
            })) } };
        }
        const reviewMatch = /^\/api\/attempts\/(\d+)\/review$/.exec(path);
        if (method === 'GET' && reviewMatch) {
            if (Number(reviewMatch[1]) !== 31) return err(404, 'not_found', l);
            if (me.role === 'candidate' && me.id !== room.user) return err(403, 'forbidden', l);
            return { status: 200, body: graded.review() };
        }
        if (method === 'GET' && /^\/api\/attempts\/\d+\/media\/\d+\/[\w.-]+$/.test(path)) {
            return { status: 200, raw: PIXEL, contentType: 'image/png' };
        }
        const isExamPath = path.startsWith('/api/exams') || path.startsWith('/api/classes') || path.startsWith('/api/attempts');
        if (!isExamPath) return null;
        if (!STAFF.includes(me.role)) return err(403, 'forbidden', l);
        const canEdit = me.role === 'admin' || me.role === 'lecturer';
        if (method === 'GET' && path === '/api/classes') return { status: 200, body: { classes } };
        if (method === 'GET' && path === '/api/exams') {
            return { status: 200, body: { exams: exams.filter((e) => String(e.class_id) === query.get('class')) } };
        }
        if (method === 'POST' && path === '/api/exams') {
            if (!canEdit) return err(403, 'forbidden', l);
            const exam = { id: nextExamId++, class_id: body.class_id, title: body.title, state: 'draft', settings: body.settings,
                blueprint: body.blueprint, blueprint_revision: 1, opens_at: body.opens_at || null, closes_at: body.closes_at || null,
                started_at: null, paused: false, created_at: new Date().toISOString() };
            exams.push(exam);
            return { status: 201, body: { exam: { ...exam, check: check(exam) } } };
        }
        const examMatch = /^\/api\/exams\/(\d+)(?:\/([a-z-]+))?$/.exec(path);
        if (examMatch) {
            const exam = examOf(examMatch[1]);
            if (!exam) return err(404, 'not_found', l);
            const action = examMatch[2];
            if (method === 'GET' && !action) return { status: 200, body: { exam: { ...exam, check: check(exam) } } };
            if (method === 'PUT' && !action) {
                if (!canEdit) return err(403, 'forbidden', l);
                Object.assign(exam, { class_id: body.class_id, title: body.title, settings: body.settings, blueprint: body.blueprint,
                    opens_at: body.opens_at || null, closes_at: body.closes_at || null, blueprint_revision: exam.blueprint_revision + 1 });
                return { status: 200, body: { exam: { ...exam, check: check(exam) } } };
            }
            if (method === 'GET' && action === 'start-code') {
                return { status: 200, body: { code: control.startCode, valid_until: new Date(Date.now() + 5 * MINUTE).toISOString() } };
            }
            if (method === 'GET' && action === 'results') return { status: 200, body: graded.results(exam) };
            if (method === 'GET' && action === 'statistics') {
                if (!canEdit) return err(403, 'forbidden', l);
                return { status: 200, body: graded.statistics(exam) };
            }
            if (method === 'POST' && action === 'key-corrections') {
                if (!canEdit) return err(403, 'forbidden', l);
                if (query.get('dry_run') === '1') return graded.preview(body, l, err);
                return graded.correct(body, l, err);
            }
            // The mocked exams have no room layout: the room shows its list view.
            if (method === 'GET' && action === 'layout') return { status: 200, body: { room: null, seats: [] } };
            if (method === 'GET' && action === 'room') {
                return { status: 200, body: { exam: roomExam(), candidates: [row(), absentRow()], server_time: Date.now() } };
            }
            if (method === 'POST' && action === 'answer-files') {
                answerFiles.push(body);
                return answerFile(exam, body, l);
            }
            if (method === 'POST') {
                if (action === 'publish') {
                    const c = check(exam);
                    if (!c.ok) return { status: 422, body: { error: { code: 'blueprint_short', message: MESSAGES.blueprint_short[l], ...c } } };
                    exam.state = 'scheduled';
                    toWatchers({ t: 'room_state', exam: roomExam() });
                    return { status: 200, body: { ok: true, check: c } };
                } else if (action === 'open') {
                    exam.state = 'open';
                } else if (action === 'start') {
                    control.start();
                } else if (action === 'pause' || action === 'resume') {
                    exam.paused = action === 'pause';
                } else if (action === 'close') {
                    exam.state = 'closed';
                } else if (action !== 'extend') {
                    return err(404, 'not_found', l);
                }
                toWatchers({ t: 'room_state', exam: roomExam() });
                return { status: 200, body: { ok: true } };
            }
        }
        const attemptMatch = /^\/api\/attempts\/(\d+)\/([a-z-]+)$/.exec(path);
        if (attemptMatch && method === 'POST') return { status: 200, body: { ok: true } };
        return err(404, 'not_found', l);
    }

    /** POST /api/exams/{id}/answer-files: the server's merge rule (per question the higher seq wins). */
    function answerFile(exam, file, l) {
        const bad = (field) => err(400, 'invalid_field', l, { field });
        if (!file || file.format !== 'phongthi-answers' || file.version !== 1) return bad('format');
        if (file.exam !== exam.id) return bad('exam');
        if (file.attempt !== room.attempt) return bad('attempt');
        if (!Array.isArray(file.answers)) return bad('answers');
        const counts = { merged: 0, stale: 0, refused: 0 };
        for (const a of file.answers) {
            const q = questions[a.n];
            if (!q || !Array.isArray(a.choice) || !a.choice.every((id) => q.options.some((o) => o.id === id)) || !(a.seq > 0)) {
                counts.refused += 1;
                continue;
            }
            const known = saved.get(a.n);
            if (known && known.seq >= a.seq) {
                counts.stale += 1;
                continue;
            }
            saved.set(a.n, { choice: a.choice, flag: Boolean(a.flag), seq: a.seq });
            counts.merged += 1;
        }
        if (counts.merged) toWatchers({ t: 'candidate', row: row() });
        return { status: 200, body: { ...counts, ok: true } };
    }

    Object.assign(control, {
        exams,
        classes,
        received,
        events,
        submits,
        hellos,
        answerFiles,
        keyCorrections: graded.corrections,
        saved,
        connections,
        attachConnection,
        handle,
        /** The proctor starts: every joined candidate gets the paper. */
        start() {
            const exam = examOf(7);
            exam.started_at = new Date().toISOString();
            room.deadline = Date.now() + exam.settings.duration_minutes * MINUTE;
            room.state = 'in_progress';
            for (const c of connections) if (c.state.joined) c.send(paper());
            toWatchers({ t: 'candidate', row: row() });
        },
        /** Drop every candidate connection without a close frame. */
        dropCandidates() {
            for (const c of [...connections]) if (c.state.joined) c.drop();
        },
        toCandidate,
        toWatchers,
        row,
        room,
        requests,
    });
    return control;
}

// ---------- exam 9: closed and graded ----------

const CLASSES = {
    gioi: { key: 'gioi', vi: 'Giỏi', en: 'Excellent', passed: true },
    kha: { key: 'kha', vi: 'Khá', en: 'Good', passed: true },
    trung_binh: { key: 'trung_binh', vi: 'Trung bình', en: 'Pass', passed: true },
    khong_dat: { key: 'khong_dat', vi: 'Không đạt', en: 'Fail', passed: false },
};

function classify(score) {
    const key = score >= 8 - 1e-9 ? 'gioi' : score >= 6.5 - 1e-9 ? 'kha' : score >= 5 - 1e-9 ? 'trung_binh' : 'khong_dat';
    const reasons = key === 'khong_dat'
        ? [{ code: 'below_pass_mark', vi: `Điểm thi ${String(score).replace('.', ',')} thấp hơn điểm đạt 5,0`, en: `Exam score ${score} is below the pass mark 5.0` }]
        : [];
    return { ...CLASSES[key], reasons };
}

/** Standard competition ranking ("1, 2, 2, 4") of the rows with a score, in the class and per unit. */
function rank(rows) {
    const scored = rows.filter((r) => r.score !== null);
    for (const r of rows) {
        if (r.score === null) {
            r.class_rank = null;
            r.unit_rank = null;
            continue;
        }
        r.class_rank = 1 + scored.filter((o) => o.score > r.score + 1e-6).length;
        r.unit_rank = 1 + scored.filter((o) => o.unit_code === r.unit_code && o.score > r.score + 1e-6).length;
    }
}

function createGradedExam() {
    // Learners of class 1 in list order; attempt 31 is the candidate ts.dang's (user 6).
    const learner = (list_number, user, username, full_name, birth_date, unit_code, unit, attempt, variant, score, time_used_ms, submitted_at) => ({
        user, list_number, username, full_name, birth_date, unit_code, unit, attempt, state: attempt ? 'submitted' : 'absent',
        variant, score, raw: score === null ? null : score / 2, max_raw: score === null ? null : 5,
        class_rank: null, unit_rank: null, time_used_ms, submitted_at, classification: null,
    });
    const rows = [
        learner(1, 4, 'ts.pham', 'Phạm Đức Thắng', '1990-03-15', 'CB01', 'Chi bộ Văn phòng', null, null, null, null, null),
        learner(2, 6, 'ts.dang', 'Đặng Quốc Huy', '1988-11-02', 'CB01', 'Chi bộ Văn phòng', 31, '101', 7.5, 1520000, '2026-11-20T08:25:20Z'),
        learner(3, 11, 'ts.nguyen', 'Nguyễn Thị Lan', '1992-07-30', 'CB02', 'Chi bộ Ban Tuyên giáo', 32, '102', 8.5, 1700000, '2026-11-20T08:28:20Z'),
        learner(4, 12, 'ts.tran', 'Trần Văn Bình', '1985-01-09', 'CB02', 'Chi bộ Ban Tuyên giáo', 33, '101', 4, 1795000, '2026-11-20T08:29:55Z'),
        learner(5, 13, 'ts.le', 'Lê Thị Mai', '1995-12-24', 'CB01', 'Chi bộ Văn phòng', 34, '102', 7.5, 1300000, '2026-11-20T08:21:40Z'),
    ];
    const corrections = []; // every POST body
    const previews = []; // every dry run's body
    const key = (texts, weights, chosen, pbs, candidates = 4) => texts.map((text, i) => ({
        text, weight: weights[i], key: weights[i] > 0, chosen: chosen[i], share: chosen[i] / candidates, point_biserial: pbs[i],
    }));
    const original = [
        { question_id: 101, stem: 'Đảng Cộng sản Việt Nam ra đời năm nào?', topic: 'Lịch sử Đảng', candidates: 4, voided: false,
            difficulty: 1, point_biserial: null, corrected_point_biserial: null, upper_lower: 0, unanswered_share: 0,
            flags: ['too_easy'], options: key(['1930', '1945', '1954'], [100, 0, 0], [4, 0, 0], [null, null, null]) },
        { question_id: 102, stem: 'Chi bộ sinh hoạt thường lệ bao lâu một lần?', topic: 'Tổ chức cơ sở đảng', candidates: 4, voided: false,
            difficulty: 0.25, point_biserial: -0.2113, corrected_point_biserial: -0.4472, upper_lower: -1, unanswered_share: 0.25,
            flags: ['negative_discrimination', 'unused_distractor', 'distractor_beats_key'],
            options: key(['Mỗi tuần', 'Mỗi tháng', 'Mỗi quý'], [100, 0, 0], [1, 2, 0], [-0.2113, 0.6761, null]) },
        { question_id: 103, stem: 'Đảng viên dự bị có thời gian dự bị bao lâu?', topic: 'Điều lệ Đảng', candidates: 2, voided: false,
            difficulty: 0.5, point_biserial: null, corrected_point_biserial: null, upper_lower: null, unanswered_share: 0,
            flags: ['not_on_every_paper'], options: key(['6 tháng', '12 tháng'], [0, 100], [1, 1], [null, null], 2) },
    ];
    let questions = structuredClone(original);
    const test = { questions_analysed: 2, mean: 3.875, standard_deviation: 1.0307764, kr20: null, alpha: 0.6123456, standard_error: 0.6431 };

    function summary() {
        const scored = rows.filter((r) => r.score !== null);
        const per_class = [['gioi', 'Giỏi', 'Excellent'], ['kha', 'Khá', 'Good'], ['trung_binh', 'Trung bình', 'Pass'],
            ['khong_dat', 'Không đạt', 'Fail']].map(([key, vi, en]) => ({ key, vi, en, count: 0 }));
        for (const r of scored) per_class.find((c) => c.key === r.classification.key).count += 1;
        const passed = scored.filter((r) => r.classification.passed).length;
        const absent = rows.filter((r) => r.state === 'absent').length;
        return {
            learners: rows.length, graded: scored.length, absent, not_graded: rows.length - scored.length - absent,
            mean: scored.length ? scored.reduce((sum, r) => sum + r.score, 0) / scored.length : null,
            passed, pass_rate: scored.length ? passed / scored.length : null, per_class,
        };
    }

    function regrade() {
        for (const r of rows) r.classification = r.score === null ? null : classify(r.score);
        rank(rows);
    }
    regrade();

    return {
        corrections,
        myResult() {
            const me = rows[1];
            return { attempt: 31, score: me.score, scale: 10, passed: me.score >= 5, classification: classify(me.score), review_available: true };
        },
        results(exam) {
            return {
                exam: { id: exam.id, title: exam.title, state: exam.state, scale: 10, pass_mark: 5 },
                rules: { name: 'Quy định mặc định (lớp bồi dưỡng lý luận chính trị)', source: 'PhòngThi' },
                rows: structuredClone(rows),
                summary: summary(),
            };
        },
        statistics(exam) {
            return { exam: { id: exam.id, title: exam.title }, attempts: 4, test: { ...test }, questions: structuredClone(questions) };
        },
        /** POST /api/exams/9/key-corrections: question 102's key moved to "Mỗi tháng": Huy −2.5, Bình +2.5, Lan up to 10. */
        correct(body, l, err) {
            corrections.push(body);
            const bad = (field) => err(400, 'invalid_field', l, { field });
            const q = questions.find((x) => x.question_id === body.question_id);
            if (!q) return err(404, 'not_found', l);
            if (typeof body.reason !== 'string' || !body.reason.trim()) return bad('reason');
            const before = new Map(rows.map((r) => [r.user, r.score]));
            if (Array.isArray(body.correct)) {
                if (!body.correct.length || body.correct.some((i) => !Number.isInteger(i) || i < 0 || i >= q.options.length)) return bad('correct');
                q.voided = false;
                q.options.forEach((o, i) => {
                    o.weight = body.correct.includes(i) ? 100 / body.correct.length : 0;
                    o.key = o.weight > 0;
                });
                q.flags = q.flags.filter((f) => f !== 'distractor_beats_key' && f !== 'negative_discrimination');
                if (q.question_id === 102 && body.correct.length === 1 && body.correct[0] === 1) {
                    rows[2].score = 8.5 + 2.5 > 10 ? 10 : 8.5 + 2.5;
                    rows[3].score = 4 + 2.5;
                    rows[1].score = 7.5 - 2.5;
                }
            } else if (body.void === 'full_credit' || body.void === 'drop') {
                q.voided = true;
            } else if (body.restore === true) {
                questions = questions.map((x) => (x.question_id === q.question_id ? structuredClone(original.find((o) => o.question_id === q.question_id)) : x));
            } else {
                return bad('correct');
            }
            regrade();
            const attempts = rows.filter((r) => r.attempt && before.get(r.user) !== r.score)
                .map((r) => ({ attempt: r.attempt, user: r.user, before: before.get(r.user), after: r.score }));
            return { status: 200, body: { regraded: q.candidates, changed: attempts.length, attempts } };
        },
        /** ?dry_run=1: what correct() would reply, with names, classes and ranks; nothing kept. */
        preview(body, l, err) {
            const saved = { rows: structuredClone(rows), questions: structuredClone(questions), sent: corrections.length };
            const reply = this.correct(body, l, err);
            rows.splice(0, rows.length, ...saved.rows);
            questions = saved.questions;
            corrections.length = saved.sent;
            if (reply.status !== 200) return reply;
            previews.push(body);
            for (const change of reply.body.attempts) {
                const row = rows.find((r) => r.user === change.user);
                Object.assign(change, { full_name: row.full_name, username: row.username, class_before: row.classification,
                    class_after: row.classification, rank_before: row.class_rank, rank_after: row.class_rank });
            }
            return { status: 200, body: { ...reply.body, dry_run: true, ranks_moved: 0 } };
        },
        previews,
        review() {
            return {
                attempt: 31, with_key: true,
                questions: [
                    { n: 0, stem: 'Chi bộ sinh hoạt thường lệ bao lâu một lần?', format: 'plain',
                        options: [{ text: 'Mỗi quý', chosen: false, correct: false }, { text: 'Mỗi tháng', chosen: true, correct: true },
                            { text: 'Mỗi tuần', chosen: false, correct: false }],
                        explanation: 'Điều 24, Điều lệ Đảng: chi bộ sinh hoạt thường lệ mỗi tháng một lần.' },
                    { n: 1, stem: '<b>Năm</b> thành lập Đảng<script>bad()</script>', format: 'html',
                        options: [{ text: '1945', chosen: true, correct: false }, { text: '<i>1930</i>', chosen: false, correct: true }] },
                    { n: 2, stem: 'Đảng viên dự bị có thời gian dự bị bao lâu?', format: 'plain',
                        options: [{ text: '12 tháng', chosen: false, correct: true }, { text: '6 tháng', chosen: false, correct: false }] },
                ],
            };
        },
    };
}
