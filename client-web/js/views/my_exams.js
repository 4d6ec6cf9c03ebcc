// The candidate's exams on the home page (GET /api/my/exams), each with "Vào thi" when the room is
// open or the attempt is running, and the link to an exam's feedback survey once it is submitted
// (GET /api/my/surveys).
import { h, clear } from '../dom.js';
import { api, listOf, errorMessage } from '../api.js';
import { has, getLang } from '../i18n.js';
import { notice, loading } from '../ui.js';
import { resultScore } from './exam.js';

const RUNNING = ['waiting', 'in_progress', 'paused'];
const FINISHED = ['submitted', 'auto_submitted', 'voided'];

/** The label of an exam state (draft, scheduled, open, closed); unknown ones as sent. */
export function examStateLabel(state) {
    return has(`exam.state.${state}`) ? `exam.state.${state}` : { text: String(state || '') };
}

/** The label of an attempt state (waiting, in_progress, ..., voided); unknown ones as sent. */
export function attemptStateLabel(state) {
    return has(`exam.attempt_state.${state}`) ? `exam.attempt_state.${state}` : { text: String(state || '') };
}

function className(value) {
    if (!value) return '';
    if (typeof value === 'string') return value;
    return [value.code, value.name].filter(Boolean).join(' — ');
}

/** What a candidate can do with an exam: 'enter', 'done' or 'closed'. */
export function examAction(exam) {
    const attempt = exam.attempt || null;
    if (attempt && RUNNING.includes(attempt.state)) return 'enter';
    if (attempt && FINISHED.includes(attempt.state) && exam.state !== 'open') return 'done';
    if (exam.state === 'open') return attempt && FINISHED.includes(attempt.state) ? 'done' : 'enter';
    return 'closed';
}

/** The survey link of a submitted exam, or "answered"; null when the exam has no open survey. */
function surveyLink(entry) {
    if (!entry) return null;
    return entry.answered
        ? h('span', { class: 'badge badge-note my-exam-survey', t: 'survey.answered_badge' })
        : h('a', { class: 'btn btn-small btn-primary my-exam-survey', href: `#/surveys/${encodeURIComponent(entry.exam_id)}`, t: 'survey.answer_link' });
}

function examItem(exam, survey) {
    const action = examAction(exam);
    const attempt = exam.attempt || null;
    return h('li', { class: 'my-exam', dataset: { examId: String(exam.id) } },
        h('div', { class: 'my-exam-main' },
            h('h3', { class: 'my-exam-title' }, exam.title || ''),
            h('p', { class: 'my-exam-meta' },
                exam.class ? h('span', {}, className(exam.class)) : null,
                exam.duration_minutes ? h('span', { t: { key: 'exam.duration', params: { minutes: exam.duration_minutes } } }) : null,
                h('span', { class: 'badge badge-info', t: examStateLabel(exam.state) }),
                attempt ? h('span', { class: 'badge badge-note', t: attemptStateLabel(attempt.state) }) : null,
                exam.start_code ? h('span', { class: 'badge badge-note', t: 'exam.needs_code' }) : null)),
        action === 'enter'
            ? h('a', { class: 'btn btn-primary', href: `#/exam/${encodeURIComponent(exam.id)}`, t: 'exam.enter' })
            : h('div', { class: 'my-exam-side' },
                h('span', { class: 'my-exam-note', t: action === 'done' ? 'exam.already_done' : 'exam.not_open' }),
                resultBox(exam.result),
                surveyLink(survey)));
}

/**
 * What the server lets the candidate see of their result ({attempt, score, scale, passed,
 * classification, review_available}, or null): the score, pass or fail, the class, and the link
 * to the review when it is open.
 */
function resultBox(result) {
    if (!result || typeof result !== 'object') return null;
    const lang = getLang();
    const score = resultScore(result, lang);
    const c = result.classification && typeof result.classification === 'object' ? result.classification : null;
    const classText = c ? (lang === 'en' ? c.en || c.vi : c.vi || c.en) : '';
    return h('div', { class: 'my-exam-result' },
        score ? h('span', { class: 'my-exam-score', t: { key: 'exam.result_score', params: { score } } }) : null,
        typeof result.passed === 'boolean'
            ? h('span', { class: ['badge', result.passed ? 'badge-on' : 'badge-off', 'my-exam-passed'], t: result.passed ? 'exam.passed' : 'exam.failed' })
            : null,
        classText ? h('span', { class: 'badge badge-info my-exam-class' }, String(classText)) : null,
        result.review_available && result.attempt !== undefined && result.attempt !== null
            ? h('a', { class: 'btn btn-small btn-secondary my-exam-review', href: `#/review/${encodeURIComponent(result.attempt)}`, t: 'exam.review' })
            : null);
}

/** The "my exams" card; fills itself in, a failure shows inside it only. */
export function myExamsSection(ctx) {
    const body = h('div', { class: 'my-exams-body' }, loading());
    Promise.all([
        api.myExams({ signal: ctx.signal }),
        // The exams show even when the surveys cannot be read.
        api.mySurveys({ signal: ctx.signal }).catch(() => ({ surveys: [] })),
    ]).then(([reply, surveyReply]) => {
        const exams = listOf(reply, 'exams');
        const surveys = new Map(listOf(surveyReply, 'surveys').map((s) => [String(s.exam_id), s]));
        clear(body, exams.length
            ? h('ul', { class: 'my-exam-list' }, exams.map((exam) => examItem(exam, surveys.get(String(exam.id)))))
            : h('p', { class: 'muted', t: 'exam.my_exams_empty' }));
    }).catch((error) => {
        if (ctx.signal.aborted) return;
        clear(body, notice('error', errorMessage(error)));
    });
    return h('section', { class: 'card my-exams' }, h('h2', { t: 'exam.my_exams' }), body);
}
