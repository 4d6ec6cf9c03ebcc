// A candidate answers the feedback survey of an exam they submitted (#/surveys/:exam): one choice
// from Rất không đồng ý to Rất đồng ý per statement and an optional comment, sent once. The
// server keeps the answers without the candidate's name.
import { h, uid } from '../dom.js';
import { api, listOf, errorMessage } from '../api.js';
import { page, notice, messageSlot, setBusy } from '../ui.js';

/** The Likert values and their labels. */
export const LIKERT = [
    { value: 1, label: 'survey.likert_1' },
    { value: 2, label: 'survey.likert_2' },
    { value: 3, label: 'survey.likert_3' },
    { value: 4, label: 'survey.likert_4' },
    { value: 5, label: 'survey.likert_5' },
];

export default {
    title: 'survey.answer_title',
    async render(ctx) {
        const reply = await api.mySurveys({ signal: ctx.signal });
        const entry = listOf(reply, 'surveys').find((s) => String(s.exam_id) === String(ctx.params.exam));
        return answerPage(ctx, entry || null);
    },
};

function itemFieldset(text, index) {
    const name = uid(`survey-item-${index}`);
    return h('fieldset', { class: 'survey-item' },
        h('legend', {}, `${index + 1}. `, text),
        h('div', { class: 'likert-row' }, LIKERT.map(({ value, label }) => {
            const id = `${name}-${value}`;
            return h('span', { class: 'likert-choice' },
                h('input', { type: 'radio', name, id, value: String(value) }),
                h('label', { for: id, t: label }));
        })));
}

function answerPage(ctx, entry) {
    const home = h('a', { class: 'btn btn-secondary', href: '#/', t: 'survey.back_home' });
    if (!entry) return page(ctx, { title: 'survey.answer_title', actions: home }, notice('info', 'survey.not_available'));
    if (entry.answered) return page(ctx, { title: 'survey.answer_title', actions: home }, notice('success', 'survey.already_answered'));
    const { signal } = ctx;
    const { survey } = entry;
    const messages = messageSlot();
    const fieldsets = survey.items.map(itemFieldset);
    const commentId = uid('survey-comment');
    const comment = survey.comment ? h('textarea', { id: commentId, rows: '4', maxlength: '2000' }) : null;
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', t: 'survey.send' });
    const form = h('form', {
        class: 'card form-card survey-answer',
        noValidate: true,
        on: {
            submit: async (event) => {
                event.preventDefault();
                const answers = fieldsets.map((set) => {
                    const chosen = set.querySelector('input:checked');
                    return chosen ? Number(chosen.value) : null;
                });
                messages.hide();
                setBusy(submit, true);
                try {
                    await api.answerSurvey(entry.exam_id, { answers, comment: comment ? comment.value.trim() : '' }, { signal });
                    form.replaceWith(notice('success', 'survey.thanks'));
                } catch (error) {
                    if (signal.aborted) return;
                    setBusy(submit, false);
                    messages.show('error', errorMessage(error));
                }
            },
        },
    },
    h('p', { class: 'field-hint', t: 'survey.anonymous_note' }),
    fieldsets,
    comment ? h('div', { class: 'field' }, h('label', { for: commentId, t: 'survey.comment_label' }), comment) : null,
    messages.el,
    h('div', { class: 'form-actions' }, submit));
    return page(ctx, {
        title: { key: 'survey.answer_heading', params: { title: { text: entry.exam_title } } },
        actions: home,
    }, h('h2', { class: 'section-title' }, survey.title), form);
}
