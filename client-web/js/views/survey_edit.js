// A lecturer's feedback survey of one exam (#/exams/:id/survey): a title, Likert statements (one
// per line) and whether a free comment is asked for. Once someone has answered, the questions are
// fixed: the page only closes or reopens the survey and links to the report.
import { h, uid } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { page, field, textInput, messageSlot, setBusy, cleanText } from '../ui.js';

/** The most statements a survey takes (the server's limit). */
const MAX_ITEMS = 20;

export default {
    title: 'survey.edit_title',
    async render(ctx) {
        const [exam, reply] = await Promise.all([
            api.getExam(ctx.params.id, { signal: ctx.signal }),
            api.getSurvey(ctx.params.id, { signal: ctx.signal }),
        ]);
        return editPage(ctx, exam.exam || exam, reply.survey);
    },
};

function editPage(ctx, exam, initial) {
    const { signal } = ctx;
    const examId = ctx.params.id;
    let survey = initial;
    const messages = messageSlot();
    const status = h('p', { class: 'survey-status', 'aria-live': 'polite' });
    const title = field({ label: 'survey.field_title', input: textInput({ maxlength: '200' }) });
    const items = field({
        label: 'survey.field_items',
        input: h('textarea', { rows: '6', maxlength: '10000' }),
        hint: 'survey.items_hint',
    });
    const comment = h('input', { type: 'checkbox', id: uid('survey-comment'), checked: true });
    const saveButton = h('button', { type: 'submit', class: 'btn btn-primary', t: 'survey.save' });
    const closeButton = h('button', { type: 'button', class: 'btn btn-secondary' });
    const reportLink = h('a', { class: 'btn btn-secondary', href: `#/exams/${encodeURIComponent(examId)}/survey/report`, t: 'survey.report' });

    function render() {
        const locked = Boolean(survey && survey.responses > 0);
        title.input.value = survey ? survey.title : '';
        items.input.value = survey ? survey.items.join('\n') : '';
        comment.checked = survey ? survey.comment : true;
        for (const input of [title.input, items.input]) input.readOnly = locked;
        comment.disabled = locked;
        saveButton.hidden = locked;
        closeButton.hidden = !survey;
        reportLink.hidden = !survey;
        closeButton.dataset.action = survey && survey.closed ? 'reopen' : 'close';
        closeButton.replaceChildren(h('span', { t: survey && survey.closed ? 'survey.reopen' : 'survey.close' }));
        status.replaceChildren(h('span', {
            t: !survey ? 'survey.none'
                : { key: locked ? 'survey.locked' : 'survey.editable', params: { count: survey.responses } },
        }), survey && survey.closed ? h('span', { class: 'badge badge-off', t: 'survey.closed' }) : null);
    }

    async function send(button, change, done) {
        messages.hide();
        setBusy(button, true);
        try {
            survey = (await change()).survey;
            render();
            messages.show('success', done);
        } catch (error) {
            if (signal.aborted) return;
            messages.show('error', errorMessage(error));
        } finally {
            setBusy(button, false);
        }
    }

    const form = h('form', {
        class: 'card form-card survey-form',
        noValidate: true,
        on: {
            submit: (event) => {
                event.preventDefault();
                const text = cleanText(title.input.value);
                const lines = items.input.value.split('\n').map(cleanText).filter(Boolean);
                title.setError(text ? null : 'common.required');
                items.setError(lines.length && lines.length <= MAX_ITEMS ? null : { key: 'survey.items_count', params: { max: MAX_ITEMS } });
                if (!text || !lines.length || lines.length > MAX_ITEMS) return;
                send(saveButton, () => api.saveSurvey(examId, { title: text, items: lines, comment: comment.checked }, { signal }), 'survey.saved');
            },
        },
    },
    title.el,
    items.el,
    h('div', { class: 'check-row' }, comment, h('label', { for: comment.id, t: 'survey.field_comment' })),
    h('p', { class: 'field-hint', t: 'survey.likert_hint' }),
    h('div', { class: 'form-actions' }, saveButton, closeButton, reportLink));

    closeButton.addEventListener('click', () => send(closeButton,
        () => api.surveyAction(examId, closeButton.dataset.action, { signal }), 'survey.saved'));

    render();
    return page(ctx, {
        title: { key: 'survey.edit_heading', params: { title: { text: exam.title || `#${examId}` } } },
        actions: h('a', { class: 'btn btn-secondary', href: `#/exams/${encodeURIComponent(examId)}/results`, t: 'survey.back_results' }),
    }, status, messages.el, form);
}
