// The candidate's answer file (docs/EXAMS.md, "Answer files"), without the DOM so it is tested in
// Node: when the network does not come back, the exam screen saves this JSON for the proctor to
// upload. It holds, per question, the newest state the browser knows (saved or not) as positions
// and the paper's option ids; never a question or option text.

export const ANSWER_FILE_FORMAT = 'phongthi-answers';
export const ANSWER_FILE_VERSION = 1;

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

/** A data: URL of the file (the CSP allows data:, not blob:). */
export function answerFileUrl(file) {
    return `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(file))}`;
}

/** What an uploaded file says, checked only for shape (the server checks the rest); null when it is not an answer file. */
export function readAnswerFile(text) {
    let data;
    try {
        data = JSON.parse(text);
    } catch {
        return null;
    }
    if (!data || typeof data !== 'object' || Array.isArray(data) || data.format !== ANSWER_FILE_FORMAT) return null;
    return data;
}
