// JSON over fetch to the PhòngThi server. The session token lives in sessionStorage (one tab,
// gone when the browser closes) and goes out as "Authorization: Bearer <token>".
import { getLang, has } from './i18n.js';

const TOKEN_KEY = 'phongthi.token';
const TIMEOUT_MS = 20000;

/** A failed request. code is the server's error code, or 'network' / 'timeout' / 'http_<status>'. */
export class ApiError extends Error {
    constructor(status, code, serverMessage, details) {
        super(`${code} (${status})`);
        this.name = 'ApiError';
        this.status = status;
        this.code = code;
        this.serverMessage = serverMessage || '';
        this.details = details || {};
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
 */
export async function request(method, path, options = {}) {
    const { body, signal } = options;
    const headers = { Accept: 'application/json', 'Accept-Language': getLang() };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload;
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        payload = JSON.stringify(body);
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
    }, TIMEOUT_MS);
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
    const data = await readJson(response);
    if (response.ok) return data || {};

    const err = data && data.error && typeof data.error === 'object' ? data.error : {};
    const code = typeof err.code === 'string' && err.code ? err.code : `http_${response.status}`;
    if (code === 'too_many_attempts' && err.retry_after === undefined) {
        const header = Number(response.headers.get('Retry-After'));
        if (Number.isFinite(header)) err.retry_after = header;
    }
    const error = new ApiError(response.status, code, err.message, err);
    // Only a lost session logs out: a 403 "bad_credentials" from a password change must not.
    const sessionLost = code === 'unauthenticated' || code === 'http_401';
    if (sessionLost && token) {
        clearToken();
        if (unauthenticatedHandler) unauthenticatedHandler(error);
    }
    throw error;
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

/** One function per endpoint. Each takes an optional last argument {signal}. */
export const api = {
    info: get('/api/info'),
    login: (username, password, options) => json('POST', '/api/login')({ username, password }, options),
    logout: (options) => request('POST', '/api/logout', options),
    me: get('/api/me'),
    changePassword: (oldPassword, newPassword, options) =>
        json('POST', '/api/me/password')({ old_password: oldPassword, new_password: newPassword }, options),
    listUsers: get('/api/users'),
    createUser: json('POST', '/api/users'),
    resetPassword: (id, password, options) =>
        json('POST', userPath(id, 'password'))(password ? { password } : {}, options),
    disableUser: (id, options) => json('POST', userPath(id, 'disable'))({}, options),
    enableUser: (id, options) => json('POST', userPath(id, 'enable'))({}, options),
    listUnits: get('/api/units'),
    createUnit: json('POST', '/api/units'),
};
