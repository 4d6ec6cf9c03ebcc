// The report of an exam's feedback survey (#/exams/:id/survey/report): responses, per statement
// the count of each answer and the mean (1 to 5), the comments in sorted order, and the CSV.
import { h } from '../dom.js';
import { api } from '../api.js';
import { getLang } from '../i18n.js';
import { page, messageSlot } from '../ui.js';
import { download } from './banks.js';
import { LIKERT } from './survey_answer.js';

export default {
    title: 'survey.report_title',
    async render(ctx) {
        const report = await api.surveyReport(ctx.params.id, { signal: ctx.signal });
        return reportPage(ctx, report);
    },
};

function meanText(mean) {
    if (mean === null || mean === undefined) return '—';
    return new Intl.NumberFormat(getLang() === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(mean);
}

function reportPage(ctx, report) {
    const { signal } = ctx;
    const examId = ctx.params.id;
    const messages = messageSlot();
    const csvButton = h('button', { type: 'button', class: 'btn btn-secondary', t: 'survey.download_csv' });
    csvButton.addEventListener('click', () => download({
        messages,
        button: csvButton,
        signal,
        fetchFile: () => api.surveyReportFile(examId, 'csv', { signal }),
        fallbackName: `khao-sat-${examId}.csv`,
        done: 'survey.downloaded',
    }));
    const table = h('div', { class: 'table-wrap' },
        h('table', { class: 'data-table survey-report-table' },
            h('caption', { class: 'visually-hidden', t: 'survey.report_title' }),
            h('thead', {}, h('tr', {},
                h('th', { scope: 'col', t: 'survey.col_item' }),
                LIKERT.map(({ label }) => h('th', { scope: 'col', class: 'cell-number', t: label })),
                h('th', { scope: 'col', class: 'cell-number', t: 'survey.col_answered' }),
                h('th', { scope: 'col', class: 'cell-number', t: 'survey.col_mean' }))),
            h('tbody', {}, report.items.map((item, index) => h('tr', {},
                h('th', { scope: 'row' }, `${index + 1}. `, item.text),
                item.counts.map((count) => h('td', { class: 'cell-number' }, String(count))),
                h('td', { class: 'cell-number' }, String(item.answered)),
                h('td', { class: 'cell-number survey-mean' }, meanText(item.mean)))))));
    const comments = report.comments.length
        ? h('ul', { class: 'survey-comments' }, report.comments.map((c) => h('li', {}, c)))
        : h('p', { class: 'muted', t: 'survey.no_comments' });
    return page(ctx, {
        title: { key: 'survey.report_heading', params: { title: { text: report.survey.title } } },
        actions: [h('a', { class: 'btn btn-secondary', href: `#/exams/${encodeURIComponent(examId)}/survey`, t: 'survey.back_edit' }), csvButton],
    },
    h('p', { class: 'survey-responses', t: { key: 'survey.responses', params: { count: report.survey.responses } } }),
    messages.el,
    table,
    h('h2', { class: 'section-title', t: 'survey.comments' }),
    comments);
}
