// The review of an attempt (GET /api/attempts/{id}/review): the paper in the candidate's order,
// their choices, the correct options and the explanations. A candidate reaches it once the exam
// is closed and lets them (the server decides); staff at any time. Texts go through the same
// whitelist builder as the exam screen (exam/content.js).
import { h } from '../dom.js';
import { api } from '../api.js';
import { page } from '../ui.js';
import { richText } from '../exam/content.js';

const LETTERS = 'ABCDEFGHIJ';

export default {
    title: 'review.title',
    async render(ctx) {
        const reply = await api.attemptReview(ctx.params.attempt, { signal: ctx.signal });
        return reviewPage(ctx, reply || {});
    },
};

function reviewPage(ctx, reply) {
    const questions = Array.isArray(reply.questions) ? reply.questions : [];
    const back = ctx.user.role === 'candidate'
        ? h('a', { class: 'btn btn-secondary', href: '#/', t: 'common.back_home' })
        : h('a', { class: 'btn btn-secondary', href: '#/exams', t: 'exams.back' });
    return page(ctx, { title: 'review.title', actions: [back] },
        h('p', { class: 'muted review-legend', t: reply.with_key === false ? 'review.legend_no_key' : 'review.legend' }),
        questions.length
            ? h('ol', { class: 'review-list' }, questions.map((q, i) => questionItem(q, i, questions.length)))
            : h('p', { class: 'muted', t: 'review.empty' }));
}

function questionItem(q, i, total) {
    const sources = new Map(); // the review carries no pictures: img elements are dropped
    const options = Array.isArray(q.options) ? q.options : [];
    const answered = options.some((o) => o.chosen);
    const right = options.length > 0 && options.every((o) => Boolean(o.chosen) === Boolean(o.correct));
    const hasKey = options.some((o) => o.correct !== undefined);
    let verdict = null;
    if (!answered) verdict = h('span', { class: 'badge badge-note', t: 'review.unanswered' });
    else if (hasKey) verdict = h('span', { class: ['badge', right ? 'badge-on' : 'badge-off'], t: right ? 'review.right' : 'review.wrong' });
    return h('li', { class: 'card review-question', dataset: { n: String(q.n ?? i) } },
        h('div', { class: 'review-head' },
            h('h2', { class: 'review-number', t: { key: 'review.question', params: { n: i + 1, total } } }),
            verdict),
        h('div', { class: 'question-text' }, richText(q.stem, q.format, sources)),
        h('ul', { class: 'review-options' }, options.map((o, k) => h('li', {
            class: ['review-option', o.chosen ? 'is-chosen' : null, o.correct ? 'is-correct' : null],
        },
        h('span', { class: 'option-letter' }, LETTERS[k] || String(k + 1)),
        h('span', { class: 'option-text' }, richText(o.text, q.format, sources)),
        h('span', { class: 'review-marks' },
            o.chosen ? h('span', { class: 'badge badge-info review-chosen', t: 'review.your_choice' }) : null,
            o.correct ? h('span', { class: 'badge badge-on review-correct', t: 'review.correct' }) : null)))),
        q.explanation
            ? h('div', { class: 'review-explanation' },
                h('strong', { t: 'review.explanation' }), ' ',
                h('span', {}, richText(q.explanation, q.format, sources)))
            : null);
}
