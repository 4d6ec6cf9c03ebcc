// The candidate's answer file (docs/EXAMS.md, "Answer files"), without the DOM so it is tested in
// Node: when the network does not come back, the exam screen saves this JSON for the proctor to
// upload. It holds, per question, the newest state the browser knows (saved or not) as positions
// and the paper's option ids; never a question or option text.

export const ANSWER_FILE_FORMAT = 'phongthi-answers';
export const ANSWER_FILE_VERSION = 1;

// The sealed file (version 2): the plain file encrypted to the server's P-256 key, so that only
// the server can read it (server/exams/answer_file_crypto.hpp holds the same constants).
export const SEALED_FORMAT = 'phongthi-answers-sealed';
export const SEALED_VERSION = 2;
export const SEAL_ALGORITHM = 'ECDH-P256+HKDF-SHA256+A256GCM';
const HKDF_SALT = 'phongthi-answers';
const HKDF_INFO = 'phongthi answer file v2';

/**
 * {format, version, exam, attempt, username, saved_at, answers: [{n, choice, flag, seq}]}, the
 * answers in question order. answers: Map n -> {choice, flag, seq} (ExamConnection.newestAnswers()).
 */
export function buildAnswerFile({ exam, attempt, username, savedAt, answers }) {
    const list = [];
    for (const [n, a] of answers || []) {
        const seq = Number(a.seq);
        if (!Number.isInteger(Number(n)) || !Number.isInteger(seq) || seq <= 0) continue;
        list.push({ n: Number(n), choice: (a.choice || []).map(String), flag: Boolean(a.flag), seq });
    }
    list.sort((x, y) => x.n - y.n);
    return {
        format: ANSWER_FILE_FORMAT,
        version: ANSWER_FILE_VERSION,
        exam: Number(exam),
        attempt: Number(attempt),
        username: String(username || ''),
        saved_at: Number(savedAt),
        answers: list,
    };
}

/** phongthi-<exam>-<username>-<yyyymmdd-hhmm>.json, in the computer's local time. */
export function answerFileName(exam, username, date = new Date()) {
    const two = (n) => String(n).padStart(2, '0');
    const stamp = `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}`;
    const who = String(username || 'thisinh').replace(/[^A-Za-z0-9._-]+/g, '_');
    return `phongthi-${String(exam).replace(/[^0-9A-Za-z_-]+/g, '_')}-${who}-${stamp}.json`;
}

function toBase64(buffer) {
    const bytes = new Uint8Array(buffer);
    let text = '';
    for (let i = 0; i < bytes.length; i += 1) text += String.fromCharCode(bytes[i]);
    return btoa(text);
}

function fromBase64(text) {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/**
 * The plain file sealed to the server's key ({alg, spki} from the paper): a fresh ECDH P-256 key,
 * HKDF-SHA256 to an AES-256-GCM key, the exam and attempt bound as associated data. Resolves to
 * null when this browser cannot (no WebCrypto: WebCrypto needs HTTPS) or the key is missing or
 * of another algorithm; the caller then saves the plain file.
 */
export async function sealAnswerFile(file, key, subtle = globalThis.crypto && globalThis.crypto.subtle) {
    if (!subtle || !key || key.alg !== SEAL_ALGORITHM || typeof key.spki !== 'string') return null;
    const text = new TextEncoder();
    const curve = { name: 'ECDH', namedCurve: 'P-256' };
    const server = await subtle.importKey('spki', fromBase64(key.spki), curve, false, []);
    const own = await subtle.generateKey(curve, true, ['deriveBits']);
    const secret = await subtle.deriveBits({ name: 'ECDH', public: server }, own.privateKey, 256);
    const hkdf = await subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
    const aes = await subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: text.encode(HKDF_SALT), info: text.encode(HKDF_INFO) },
        hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const data = await subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: text.encode(`phongthi-answers:${file.exam}:${file.attempt}`) },
        aes, text.encode(JSON.stringify(file)));
    return {
        format: SEALED_FORMAT,
        version: SEALED_VERSION,
        alg: SEAL_ALGORITHM,
        exam: file.exam,
        attempt: file.attempt,
        username: file.username,
        epk: toBase64(await subtle.exportKey('spki', own.publicKey)),
        iv: toBase64(iv),
        data: toBase64(data),
    };
}

/** A data: URL of the file (the CSP allows data:, not blob:). */
export function answerFileUrl(file) {
    return `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(file))}`;
}

/** What an uploaded file says (plain or sealed), checked only for shape (the server checks and opens the rest); null when it is not an answer file. */
export function readAnswerFile(text) {
    let data;
    try {
        data = JSON.parse(text);
    } catch {
        return null;
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
    if (data.format !== ANSWER_FILE_FORMAT && data.format !== SEALED_FORMAT) return null;
    return data;
}
