// Staff: the results of an exam (GET /api/exams/{id}/results, docs/EXAMS.md "Grading and
// results"): the class table in list order, or by rank, with absent learners as "Vắng", and the
// summary (learners, graded, absent, mean, pass rate, count per classification).
import { h } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { getLang, has } from '../i18n.js';
import { page, field, select } from '../ui.js';
import { formatDuration, formatDateTime, formatPoints } from '../exam/format.js';
import { attemptStateLabel } from './my_exams.js';
import { reportsSection } from './exam_reports.js';

const STATISTICS_ROLES = ['admin', 'lecturer'];
const FINISHED = ['submitted', 'auto_submitted'];
const COLUMNS = [
    ['results.col_number', 'cell-number'], ['results.col_name', ''], ['results.col_birth_date', 'cell-date'],
    ['results.col_unit', ''], ['results.col_variant', 'cell-number'], ['results.col_score', 'cell-number'],
    ['results.col_class', ''], ['results.col_rank', 'cell-number'], ['results.col_unit_rank', 'cell-number'],
    ['results.col_time', 'cell-number'], ['results.col_submitted_at', 'cell-date'],
];

export default {
    title: 'results.title',
    async render(ctx) {
        const reply = await api.examResults(ctx.params.id, { signal: ctx.signal });
        return resultsPage(ctx, reply || {});
    },
};

const isNumber = (v) => v !== null && v !== undefined && v !== '' && Number.isFinite(Number(v));

/** "dd/mm/yyyy" from the server's "yyyy-mm-dd"; other text as it is. */
export function formatBirthDate(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value || ''));
    return m ? `${m[3]}/${m[2]}/${m[1]}` : String(value || '');
}

/** The rows in list order, or by class rank (unranked rows last, in list order). */
export function sortRows(rows, by) {
    const listOrder = (a, b) => (Number(a.list_number) || 1e9) - (Number(b.list_number) || 1e9);
    const sorted = [...rows];
    if (by !== 'rank') return sorted.sort(listOrder);
    return sorted.sort((a, b) => {
        const ra = isNumber(a.class_rank) ? Number(a.class_rank) : Infinity;
        const rb = isNumber(b.class_rank) ? Number(b.class_rank) : Infinity;
        return ra !== rb ? ra - rb : listOrder(a, b);
    });
}

/** A classification as a label in the UI language: the server's own words for it. */
export function classLabel(classification, lang) {
    if (!classification) return { text: '' };
    const text = lang === 'en' ? classification.en || classification.vi : classification.vi || classification.en;
    return { text: String(text || classification.key || '') };
}

function classBadge(classification) {
    if (!classification) return null;
    return h('span', {
        class: ['badge', classification.passed ? 'badge-on' : 'badge-off', 'result-class'],
        dataset: { class: String(classification.key || '') },
        t: classLabel(classification, getLang()),
    });
}

function resultsPage(ctx, reply) {
    const { user } = ctx;
    const lang = getLang();
    const exam = reply.exam || {};
    const rows = Array.isArray(reply.rows) ? reply.rows : [];
    const summary = reply.summary || {};
    const examId = ctx.params.id;

    const order = select([{ value: 'list', label: 'results.sort_list' }, { value: 'rank', label: 'results.sort_rank' }],
        { class: 'results-sort' });
    if (ctx.query.get('sort') === 'rank') order.value = 'rank';
    const tbody = h('tbody');

    function scoreCell(row) {
        if (row.state === 'absent') return h('span', { class: 'badge badge-off result-absent', t: 'results.absent' });
        if (isNumber(row.score)) return h('strong', { class: 'result-score' }, formatPoints(row.score, lang));
        if (FINISHED.includes(row.state)) return h('span', { class: 'muted', t: 'results.not_graded' });
        return h('span', { class: 'badge badge-note', t: attemptStateLabel(row.state) });
    }

    function tableRow(row) {
        const unit = row.unit || row.unit_code || '';
        return h('tr', { class: row.state === 'absent' ? 'row-absent' : null, dataset: { user: String(row.user) } },
            h('td', { class: 'cell-number' }, isNumber(row.list_number) && Number(row.list_number) > 0 ? String(row.list_number) : ''),
            h('td', { class: 'cell-name' }, row.full_name || row.username || ''),
            h('td', { class: 'cell-date' }, formatBirthDate(row.birth_date)),
            h('td', { class: 'cell-unit', title: row.unit_code || null }, unit),
            h('td', { class: 'cell-number cell-variant' }, row.variant || ''),
            h('td', { class: 'cell-number cell-score' }, scoreCell(row)),
            h('td', { class: 'cell-class' }, classBadge(row.classification)),
            h('td', { class: 'cell-number cell-rank' }, isNumber(row.class_rank) ? String(row.class_rank) : ''),
            h('td', { class: 'cell-number cell-unit-rank' }, isNumber(row.unit_rank) ? String(row.unit_rank) : ''),
            h('td', { class: 'cell-number cell-time' }, isNumber(row.time_used_ms) ? formatDuration(row.time_used_ms) : ''),
            h('td', { class: 'cell-date cell-submitted' }, row.submitted_at ? formatDateTime(row.submitted_at, lang) : ''));
    }

    function fill() {
        const sorted = sortRows(rows, order.value);
        tbody.replaceChildren(...(sorted.length
            ? sorted.map(tableRow)
            : [h('tr', { class: 'empty-row' }, h('td', { colspan: String(COLUMNS.length), t: 'results.empty' }))]));
    }
    order.addEventListener('change', fill);
    fill();

    const actions = [
        h('a', { class: 'btn btn-secondary', href: '#/exams', t: 'exams.back' }),
        exam.state && exam.state !== 'draft'
            ? h('a', { class: 'btn btn-secondary', href: `#/exams/${encodeURIComponent(examId)}/room`, t: 'exams.room' }) : null,
        STATISTICS_ROLES.includes(user.role)
            ? h('a', { class: 'btn btn-primary', href: `#/exams/${encodeURIComponent(examId)}/statistics`, t: 'results.statistics' }) : null,
        STATISTICS_ROLES.includes(user.role)
            ? h('a', { class: 'btn btn-secondary', href: `#/exams/${encodeURIComponent(examId)}/survey`, t: 'survey.link' }) : null,
    ].filter(Boolean);

    const sortField = field({ label: 'results.sort_by', input: order });
    return page(ctx, { title: { key: 'results.page_title', params: { title: { text: exam.title || `#${examId}` } } }, actions },
        summarySection(summary, exam, lang),
        h('div', { class: 'toolbar' }, sortField.el),
        h('div', { class: 'table-wrap' },
            h('table', { class: 'data-table results-table' },
                h('caption', { class: 'visually-hidden', t: 'results.table_caption' }),
                h('thead', {}, h('tr', {}, COLUMNS.map(([label, cls]) => h('th', { scope: 'col', class: cls || null, t: label })))),
                tbody)),
        reply.rules && reply.rules.name
            ? h('p', { class: 'muted results-rules', t: { key: 'results.rules', params: { name: { text: reply.rules.name } } } }) : null,
        reportsSection({ examId, role: user.role, signal: ctx.signal }));
}

function summarySection(summary, exam, lang) {
    const term = (label, value, cls) => [h('dt', { t: label }), h('dd', { class: cls }, value)];
    const dash = '—';
    const mean = isNumber(summary.mean) ? formatPoints(Math.round(Number(summary.mean) * 100) / 100, lang) : dash;
    const rate = isNumber(summary.pass_rate)
        ? new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(Number(summary.pass_rate))
        : dash;
    // The classes in the rules' order, best first, each with the rules' own words.
    const perClass = Array.isArray(summary.per_class) ? summary.per_class : [];
    const classItems = perClass.map((entry) => {
        const label = entry.vi || entry.en ? classLabel(entry, lang)
            : has(`results.class.${entry.key}`) ? `results.class.${entry.key}` : { text: String(entry.key) };
        return h('li', { class: 'summary-class', dataset: { class: entry.key } },
            h('span', { class: 'summary-class-name', t: label }), ' ',
            h('strong', { class: 'summary-class-count' }, String(Number(entry.count) || 0)));
    });
    const scale = isNumber(exam.scale) ? ` / ${formatPoints(exam.scale, lang)}` : '';
    return h('section', { class: 'card results-summary', 'aria-labelledby': 'results-summary-title' },
        h('h2', { id: 'results-summary-title', t: 'results.summary' }),
        h('dl', { class: 'details summary-details' },
            term('results.learners', String(Number(summary.learners) || 0), 'summary-learners'),
            term('results.graded', String(Number(summary.graded) || 0), 'summary-graded'),
            term('results.absent_count', String(Number(summary.absent) || 0), 'summary-absent'),
            term('results.mean', `${mean}${mean === dash ? '' : scale}`, 'summary-mean'),
            term('results.pass_rate', rate, 'summary-pass-rate')),
        classItems.length ? h('ul', { class: 'summary-classes' }, classItems) : null);
}

/** The exams list and the room link here; exported so they build the same href. */
export function resultsHref(examId) {
    return `#/exams/${encodeURIComponent(examId)}/results`;
}

