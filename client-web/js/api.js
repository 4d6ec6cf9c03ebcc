// JSON over fetch to the PhòngThi server. The session token lives in sessionStorage (one tab,
// gone when the browser closes) and goes out as "Authorization: Bearer <token>".
import { getLang, has } from './i18n.js';

const TOKEN_KEY = 'phongthi.token';
const TIMEOUT_MS = 20000;

/** A failed request. code is the server's error code, or 'network' / 'timeout' / 'http_<status>'. */
export class ApiError extends Error {
    constructor(status, code, serverMessage, details, body) {
        super(`${code} (${status})`);
        this.name = 'ApiError';
        this.status = status;
        this.code = code;
        this.serverMessage = serverMessage || '';
        this.details = details || {};
        /** The whole parsed reply (e.g. the validation report that comes with invalid_questions). */
        this.body = body || null;
    }
}

export function getToken() {
    try {
        return sessionStorage.getItem(TOKEN_KEY);
    } catch {
        return null;
    }
}

export function setToken(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearToken() {
    try {
        sessionStorage.removeItem(TOKEN_KEY);
    } catch {
        // Nothing stored.
    }
}

let unauthenticatedHandler = null;

/** fn(error) runs when the server says the session is gone; the token is already cleared. */
export function onUnauthenticated(fn) {
    unauthenticatedHandler = fn;
}

/**
 * Send one request. Resolves to the parsed JSON body (null for 204), rejects with ApiError.
 * options.signal aborts it (the view that asked went away); it then rejects with code 'aborted'.
 * options.raw sends a Blob/File as it is (application/octet-stream) instead of JSON;
 * options.blob resolves to {blob, fileName} (a download) when the answer is a success;
 * options.timeoutMs replaces the 20 s limit (uploads of big files).
 */
export async function request(method, path, options = {}) {
    const { body, signal, raw, blob = false, timeoutMs = TIMEOUT_MS } = options;
    const headers = { Accept: blob ? '*/*' : 'application/json', 'Accept-Language': getLang() };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload;
    if (raw !== undefined) {
        headers['Content-Type'] = 'application/octet-stream';
        payload = raw;
    } else if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        payload = JSON.stringify(body);
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
    }, timeoutMs);
    const forwardAbort = () => controller.abort();
    if (signal) {
        if (signal.aborted) controller.abort();
        signal.addEventListener('abort', forwardAbort);
    }

    let response;
    try {
        response = await fetch(path, {
            method,
            headers,
            body: payload,
            signal: controller.signal,
            credentials: 'same-origin',
            cache: 'no-store',
        });
    } catch {
        if (signal && signal.aborted) throw new ApiError(0, 'aborted');
        throw new ApiError(0, timedOut ? 'timeout' : 'network');
    } finally {
        clearTimeout(timer);
        if (signal) signal.removeEventListener('abort', forwardAbort);
    }

    if (response.status === 204) return null;
    if (blob && response.ok) {
        try {
            return { blob: await response.blob(), fileName: dispositionFileName(response.headers.get('Content-Disposition')) };
        } catch {
            throw new ApiError(0, signal && signal.aborted ? 'aborted' : 'network');
        }
    }
    const data = await readJson(response);
    if (response.ok) return data || {};

    const err = data && data.error && typeof data.error === 'object' ? data.error : {};
    const code = typeof err.code === 'string' && err.code ? err.code : `http_${response.status}`;
    if (code === 'too_many_attempts' && err.retry_after === undefined) {
        const header = Number(response.headers.get('Retry-After'));
        if (Number.isFinite(header)) err.retry_after = header;
    }
    const error = new ApiError(response.status, code, err.message, err, data);
    // Only a lost session logs out: a 403 "bad_credentials" from a password change must not.
    const sessionLost = code === 'unauthenticated' || code === 'http_401';
    if (sessionLost && token) {
        clearToken();
        if (unauthenticatedHandler) unauthenticatedHandler(error);
    }
    throw error;
}

/** The file name in a Content-Disposition header, or null. */
export function dispositionFileName(header) {
    const m = /filename="([^"]+)"/.exec(header || '') || /filename=([^;]+)/.exec(header || '');
    return m ? m[1].trim() : null;
}

async function readJson(response) {
    try {
        return await response.json();
    } catch {
        return null;
    }
}

/** A label (see i18n.js) that explains an error to the user. */
export function errorMessage(error) {
    if (!(error instanceof ApiError)) return { key: 'error.unexpected' };
    const details = error.details;
    if (error.code === 'too_many_attempts') {
        const seconds = Math.ceil(Number(details.retry_after));
        if (Number.isFinite(seconds) && seconds > 0) {
            return { key: 'error.too_many_attempts_wait', params: { seconds } };
        }
    }
    if (error.code === 'invalid_field') {
        if (typeof details.field === 'string' && has(`field.${details.field}`)) {
            return { key: 'error.invalid_field', params: { field: { key: `field.${details.field}` } } };
        }
        return error.serverMessage ? { text: error.serverMessage } : { key: 'error.bad_request' };
    }
    if (has(`error.${error.code}`)) return { key: `error.${error.code}` };
    if (error.serverMessage) return { text: error.serverMessage };
    if (error.status) return { key: 'error.http', params: { status: error.status } };
    return { key: 'error.unexpected' };
}

const json = (method, path) => (body, options = {}) => request(method, path, { ...options, body });
const get = (path) => (options = {}) => request('GET', path, options);
const userPath = (id, action) => `/api/users/${encodeURIComponent(id)}/${action}`;
const UPLOAD_TIMEOUT_MS = 120000;

/** "?a=1&b=x" from {a: 1, b: 'x'}; empty, null and false values are left out. */
export function queryString(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
        if (v === undefined || v === null || v === '' || v === false) continue;
        q.set(k, v === true ? '1' : String(v));
    }
    const text = q.toString();
    return text ? `?${text}` : '';
}
const bankPath = (id, rest = '') => `/api/banks/${encodeURIComponent(id)}${rest}`;
const examPath = (id, rest = '') => `/api/exams/${encodeURIComponent(id)}${rest}`;
const attemptPath = (id, rest = '') => `/api/attempts/${encodeURIComponent(id)}${rest}`;

/** The list in a reply that is either a bare array or {name: [...]}. */
export function listOf(reply, name) {
    if (Array.isArray(reply)) return reply;
    return reply && Array.isArray(reply[name]) ? reply[name] : [];
}

/** The object in a reply that is either the object itself or {name: {...}}. */
export function itemOf(reply, name) {
    return reply && reply[name] && typeof reply[name] === 'object' ? reply[name] : reply;
}
const questionPath = (id, rest = '') => `/api/questions/${encodeURIComponent(id)}${rest}`;
const classPath = (id, rest = '') => `/api/classes/${encodeURIComponent(id)}${rest}`;

/** One function per endpoint. Each takes an optional last argument {signal}. */
export const api = {
    info: get('/api/info'),
    login: (username, password, options) => json('POST', '/api/login')({ username, password }, options),
    logout: (options) => request('POST', '/api/logout', options),
    me: get('/api/me'),
    changePassword: (oldPassword, newPassword, options) =>
        json('POST', '/api/me/password')({ old_password: oldPassword, new_password: newPassword }, options),
    mySessions: get('/api/me/sessions'),
    revokeOtherSessions: (options) => json('POST', '/api/me/sessions/revoke-others')({}, options),
    revokeUserSessions: (id, options) => json('POST', userPath(id, 'sessions/revoke'))({}, options),
    revokeAllSessions: (options) => json('POST', '/api/sessions/revoke-all')({}, options),
    listUsers: get('/api/users'),
    createUser: json('POST', '/api/users'),
    resetPassword: (id, password, options) =>
        json('POST', userPath(id, 'password'))(password ? { password } : {}, options),
    disableUser: (id, options) => json('POST', userPath(id, 'disable'))({}, options),
    enableUser: (id, options) => json('POST', userPath(id, 'enable'))({}, options),
    listUnits: get('/api/units'),
    createUnit: json('POST', '/api/units'),
    listBanks: get('/api/banks'),
    /** filter: {topic, level, q, retired: true, limit, offset} */
    listQuestions: (bankId, filter, options = {}) =>
        request('GET', bankPath(bankId, `/questions${queryString(filter)}`), options),
    createQuestion: (bankId, question, options = {}) =>
        request('POST', bankPath(bankId, '/questions'), { ...options, body: question }),
    getQuestion: (id, options = {}) => request('GET', questionPath(id), options),
    updateQuestion: (id, question, options = {}) =>
        request('PUT', questionPath(id), { ...options, body: question }),
    retireQuestion: (id, options = {}) => request('POST', questionPath(id, '/retire'), options),
    restoreQuestion: (id, options = {}) => request('POST', questionPath(id, '/restore'), options),
    /** params: {filename, format}; file: a File or Blob, sent as its raw bytes. */
    validateBank: (file, params, options = {}) =>
        request('POST', `/api/banks/validate${queryString(params)}`, { ...options, raw: file, timeoutMs: UPLOAD_TIMEOUT_MS }),
    /** params: {name, filename, format, partial: true} */
    importBank: (file, params, options = {}) =>
        request('POST', `/api/banks/import${queryString(params)}`, { ...options, raw: file, timeoutMs: UPLOAD_TIMEOUT_MS }),
    /** Resolves to {blob, fileName}. */
    exportBank: (bankId, format, options = {}) =>
        request('GET', bankPath(bankId, `/export${queryString({ format })}`), { ...options, blob: true, timeoutMs: UPLOAD_TIMEOUT_MS }),
    /** format: 'html' or 'pdf'; the printable review of the bank, as a download. */
    reviewBank: (bankId, format, options = {}) =>
        request('GET', bankPath(bankId, `/review${queryString({ format })}`), { ...options, blob: true, timeoutMs: UPLOAD_TIMEOUT_MS }),
    // Exams (docs/EXAMS.md).
    myExams: get('/api/my/exams'),
    listClasses: get('/api/classes'),
    listCourses: get('/api/courses'),
    createCourse: json('POST', '/api/courses'),
    updateCourse: (id, body, options = {}) =>
        request('PUT', `/api/courses/${encodeURIComponent(id)}`, { ...options, body }),
    listRooms: get('/api/rooms'),
    // Rooms, course sessions, check-in and seating (docs/CLASSES.md).
    getRoom: (id, options = {}) => request('GET', `/api/rooms/${encodeURIComponent(id)}`, options),
    createRoom: json('POST', '/api/rooms'),
    updateRoom: (id, body, options = {}) => request('PUT', `/api/rooms/${encodeURIComponent(id)}`, { ...options, body }),
    deleteRoom: (id, options = {}) => request('DELETE', `/api/rooms/${encodeURIComponent(id)}`, options),
    /** body: {label} binds the computer this request comes from to the seat; {label, clear: true} unbinds. */
    bindThisPc: (id, body, options = {}) => request('POST', `/api/rooms/${encodeURIComponent(id)}/pc`, { ...options, body }),
    classSessions: (id, options = {}) => request('GET', classPath(id, '/sessions'), options),
    addSession: (id, body, options = {}) => request('POST', classPath(id, '/sessions'), { ...options, body }),
    sessionRoll: (id, options = {}) => request('GET', `/api/sessions/${encodeURIComponent(id)}/attendance`, options),
    /** body: {code, method: barcode|qr} or {user_id, method: manual}. */
    checkIn: (id, body, options = {}) => request('POST', `/api/sessions/${encodeURIComponent(id)}/check-ins`, { ...options, body }),
    undoCheckIn: (id, userId, options = {}) =>
        request('DELETE', `/api/sessions/${encodeURIComponent(id)}/check-ins/${encodeURIComponent(userId)}`, options),
    classAttendance: (id, options = {}) => request('GET', classPath(id, '/attendance'), options),
    /** body: {mode: list_order|random|spread_units}. */
    seatClass: (id, body, options = {}) => request('POST', classPath(id, '/seating'), { ...options, body }),
    /** body: {label} (empty: the first free seat). */
    seatLearner: (id, userId, body, options = {}) =>
        request('POST', classPath(id, `/seats/${encodeURIComponent(userId)}`), { ...options, body }),
    approveSeatPc: (examId, userId, options = {}) =>
        request('POST', examPath(examId, `/candidates/${encodeURIComponent(userId)}/approve-pc`), { ...options, body: {} }),
    getClass: (id, options = {}) => request('GET', classPath(id), options),
    createClass: json('POST', '/api/classes'),
    updateClass: (id, body, options = {}) => request('PUT', classPath(id), { ...options, body }),
    enrollLearner: (id, body, options = {}) => request('POST', classPath(id, '/enrollments'), { ...options, body }),
    withdrawLearner: (id, userId, options = {}) =>
        request('POST', classPath(id, `/enrollments/${encodeURIComponent(userId)}/withdraw`), options),
    addStaff: (id, body, options = {}) => request('POST', classPath(id, '/staff'), { ...options, body }),
    removeStaff: (id, userId, duty, options = {}) =>
        request('DELETE', classPath(id, `/staff/${encodeURIComponent(userId)}/${encodeURIComponent(duty)}`), options),
    importRoster: (id, file, params, options = {}) =>
        request('POST', `${classPath(id, '/roster')}${queryString(params)}`, { ...options, raw: file, timeoutMs: UPLOAD_TIMEOUT_MS }),
    // Conduct grades and closing courses (docs/COURSE.md).
    getConduct: (id, options = {}) => request('GET', classPath(id, '/conduct'), options),
    setConduct: (id, userId, body, options = {}) =>
        request('PUT', classPath(id, `/conduct/${encodeURIComponent(userId)}`), { ...options, body }),
    fillConduct: (id, body, options = {}) => request('POST', classPath(id, '/conduct/fill'), { ...options, body }),
    closeCourse: (id, options = {}) => request('POST', `/api/courses/${encodeURIComponent(id)}/close`, { ...options, body: {} }),
    reopenCourse: (id, options = {}) => request('POST', `/api/courses/${encodeURIComponent(id)}/reopen`, { ...options, body: {} }),
    // Feedback surveys of exams (docs/COURSE.md).
    getSurvey: (examId, options = {}) => request('GET', examPath(examId, '/survey'), options),
    saveSurvey: (examId, body, options = {}) => request('PUT', examPath(examId, '/survey'), { ...options, body }),
    /** action: close or reopen. */
    surveyAction: (examId, action, options = {}) => request('POST', examPath(examId, `/survey/${action}`), { ...options, body: {} }),
    surveyReport: (examId, options = {}) => request('GET', examPath(examId, '/survey/report'), options),
    /** Resolves to {blob, fileName}. */
    surveyReportFile: (examId, format, options = {}) =>
        request('GET', examPath(examId, `/survey/report${queryString({ format })}`), { ...options, blob: true }),
    mySurveys: get('/api/my/surveys'),
    answerSurvey: (examId, body, options = {}) => request('POST', examPath(examId, '/survey/answers'), { ...options, body }),
    // Course materials (docs/COURSE.md).
    courseMaterials: (courseId, options = {}) => request('GET', `/api/courses/${encodeURIComponent(courseId)}/materials`, options),
    /** params: {title, description, name}; file: a File, sent as its raw bytes. */
    uploadMaterial: (courseId, file, params, options = {}) =>
        request('POST', `/api/courses/${encodeURIComponent(courseId)}/materials${queryString(params)}`, { ...options, raw: file, timeoutMs: UPLOAD_TIMEOUT_MS }),
    deleteMaterial: (id, options = {}) => request('DELETE', `/api/materials/${encodeURIComponent(id)}`, options),
    /** Resolves to {blob, fileName}. */
    materialFile: (id, options = {}) =>
        request('GET', `/api/materials/${encodeURIComponent(id)}/file`, { ...options, blob: true, timeoutMs: UPLOAD_TIMEOUT_MS }),
    myMaterials: get('/api/my/materials'),
    listExams: (classId, options = {}) => request('GET', `/api/exams${queryString({ class: classId })}`, options),
    getExam: (id, options = {}) => request('GET', examPath(id), options),
    createExam: json('POST', '/api/exams'),
    updateExam: (id, exam, options = {}) => request('PUT', examPath(id), { ...options, body: exam }),
    /** action: publish, open, start, pause, resume, extend ({minutes, reason}), close. */
    examAction: (id, action, body, options = {}) =>
        request('POST', examPath(id, `/${action}`), { ...options, body: body || {} }),
    startCode: (id, options = {}) => request('GET', examPath(id, '/start-code'), options),
    examRoom: (id, options = {}) => request('GET', examPath(id, '/room'), options),
    /** {room: {id, name, rows, cols} | null, seats: [{row, col, label, disabled}]} */
    roomLayout: (id, options = {}) => request('GET', examPath(id, '/layout'), options),
    /** A QR code of `text` as an SVG file; resolves to {blob}. */
    qrSvg: (text, options = {}) => request('GET', `/api/qr.svg${queryString({ text })}`, { ...options, blob: true }),
    /** {urls: [...]}: the server's LAN addresses with its port, which candidates can type. */
    serverUrls: (options = {}) => request('GET', '/api/server/urls', options),
    /** file: the parsed answer file (docs/EXAMS.md "Answer files"); resolves to {merged, stale, refused}. */
    uploadAnswerFile: (id, file, options = {}) =>
        request('POST', examPath(id, '/answer-files'), { ...options, body: file }),
    /** action: pause, resume, extend, submit, void, approve-move, irregularity. */
    attemptAction: (id, action, body, options = {}) =>
        request('POST', attemptPath(id, `/${action}`), { ...options, body: body || {} }),
    // Grading and results (docs/EXAMS.md "Grading and results").
    examResults: (id, options = {}) => request('GET', examPath(id, '/results'), options),
    examStatistics: (id, options = {}) => request('GET', examPath(id, '/statistics'), options),
    /** body: {question_id, correct:[indexes] | void:"full_credit"|"drop" | restore:true, reason} */
    correctKey: (id, body, options = {}) => request('POST', examPath(id, '/key-corrections'), { ...options, body }),
    /** The same body: what the correction would change (before/after of each attempt), nothing written. */
    previewKeyCorrection: (id, body, options = {}) =>
        request('POST', examPath(id, '/key-corrections?dry_run=1'), { ...options, body }),
    /** params: {seed} or {variant}: a paper drawn as a candidate would get it, with its key. */
    previewPaper: (id, params, options = {}) =>
        request('GET', examPath(id, `/preview-paper${queryString(params)}`), options),
    attemptReview: (id, options = {}) => request('GET', attemptPath(id, '/review'), options),
    /** kind: class, units, items, certificates, cards, papers, keys (docs/REPORTS.md); params:
     * {format, reset}. Resolves to {blob, fileName}. */
    examReport: (id, kind, params, options = {}) =>
        request('GET', examPath(id, `/reports/${encodeURIComponent(kind)}${queryString(params)}`), { ...options, blob: true, timeoutMs: UPLOAD_TIMEOUT_MS }),
    /** The closed exam's signed result bundle (docs/DEPLOY.md), as a download. */
    resultBundle: (id, options = {}) =>
        request('GET', examPath(id, '/result-bundle'), { ...options, blob: true, timeoutMs: UPLOAD_TIMEOUT_MS }),
    reportHeader: get('/api/settings/report-header'),
    saveReportHeader: (header, options = {}) => request('PUT', '/api/settings/report-header', { ...options, body: header }),
    certificateTemplate: get('/api/settings/certificate-template'),
    saveCertificateTemplate: (template, options = {}) =>
        request('PUT', '/api/settings/certificate-template', { ...options, body: template }),
    listBackups: get('/api/backups'),
    saveBackupSchedule: json('PUT', '/api/settings/backup-schedule'),
    resetBackupSchedule: (options = {}) => request('DELETE', '/api/settings/backup-schedule', options),
    createBackup: (options = {}) => request('POST', '/api/backups', { ...options, body: {}, timeoutMs: UPLOAD_TIMEOUT_MS }),
    /** Resolves to {blob, fileName}. */
    downloadBackup: (name, options = {}) =>
        request('GET', `/api/backups/${encodeURIComponent(name)}`, { ...options, blob: true, timeoutMs: UPLOAD_TIMEOUT_MS }),
    /** filter: {actor, action (or a family "exam."), target, from, to (ISO), before (id), limit} */
    auditLog: (filter, options = {}) => request('GET', `/api/audit${queryString(filter)}`, options),
};
