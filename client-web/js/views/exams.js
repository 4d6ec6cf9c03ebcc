// Staff: the exams of a class (GET /api/classes, /api/exams?class=), with links to edit them
// (admin, lecturer) and to their room (every staff role).
import { h, setLabel } from '../dom.js';
import { api, listOf, errorMessage } from '../api.js';
import { page, field, messageSlot } from '../ui.js';
import { examStateLabel } from './my_exams.js';
import { resultsHref } from './exam_results.js';

const EDITORS = ['admin', 'lecturer'];
const COLUMNS = ['exams.col_title', 'exams.col_state', 'exams.col_duration', 'exams.col_actions'];

export const canEditExams = (user) => EDITORS.includes(user.role);

export default {
    title: 'exams.title',
    async render(ctx) {
        const classes = listOf(await api.listClasses({ signal: ctx.signal }), 'classes');
        return examsPage(ctx, classes);
    },
};

function classLabel(c) {
    return { text: [c.code, c.name].filter(Boolean).join(' — ') + (c.course && c.course.name ? ` (${c.course.name})` : '') };
}

function examsPage(ctx, classes) {
    const { signal, user } = ctx;
    const messages = messageSlot();
    const classSelect = h('select', {}, classes.map((c) => h('option', { value: String(c.id), t: classLabel(c) })));
    const wanted = ctx.query.get('class');
    if (wanted && classes.some((c) => String(c.id) === wanted)) classSelect.value = wanted;
    const classField = field({ label: 'exams.class', input: classSelect });
    const tbody = h('tbody');
    const count = h('p', { class: 'toolbar-count', 'aria-live': 'polite' });
    const editor = canEditExams(user);
    const newLink = h('a', { class: 'btn btn-primary', href: '#/exams/new', t: 'exams.new' });

    function examRow(exam) {
        const editable = editor && (exam.state === 'draft' || exam.state === 'scheduled');
        return h('tr', { dataset: { examId: String(exam.id) } },
            h('td', { class: 'cell-name' }, h('span', { class: 'exam-name' }, exam.title || '')),
            h('td', { class: 'cell-state' }, h('span', { class: 'badge badge-info', t: examStateLabel(exam.state) })),
            h('td', { class: 'cell-number', t: { key: 'exam.duration', params: { minutes: (exam.settings && exam.settings.duration_minutes) || 0 } } }),
            h('td', { class: 'cell-actions' }, h('div', { class: 'row-actions' },
                editable ? h('a', { class: 'btn btn-small btn-secondary', href: `#/exams/${exam.id}/edit`, t: 'exams.edit' }) : null,
                exam.state !== 'draft' ? h('a', { class: 'btn btn-small btn-primary', href: `#/exams/${exam.id}/room`, t: 'exams.room' }) : null,
                exam.state !== 'draft' && exam.state !== 'scheduled'
                    ? h('a', { class: 'btn btn-small btn-secondary', href: resultsHref(exam.id), t: 'exams.results' }) : null)));
    }

    async function load() {
        messages.hide();
        tbody.setAttribute('aria-busy', 'true');
        newLink.setAttribute('href', `#/exams/new?class=${encodeURIComponent(classSelect.value)}`);
        try {
            const exams = classSelect.value ? listOf(await api.listExams(classSelect.value, { signal }), 'exams') : [];
            tbody.replaceChildren(...(exams.length
                ? exams.map(examRow)
                : [h('tr', { class: 'empty-row' }, h('td', { colspan: String(COLUMNS.length), t: 'exams.empty' }))]));
            setLabel(count, { key: 'exams.count', params: { count: exams.length } });
        } catch (error) {
            if (signal.aborted) return;
            messages.show('error', errorMessage(error));
        } finally {
            tbody.removeAttribute('aria-busy');
        }
    }
    classSelect.addEventListener('change', load);
    load();

    return page(ctx, { title: 'exams.title', actions: editor && classes.length ? [newLink] : null },
        messages.el,
        classes.length
            ? [h('div', { class: 'toolbar' }, classField.el), count,
                h('div', { class: 'table-wrap' },
                    h('table', { class: 'data-table exams-table' },
                        h('caption', { class: 'visually-hidden', t: 'exams.title' }),
                        h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col', t: c })))),
                        tbody))]
            : h('p', { class: 'muted', t: 'exams.no_classes' }));
}
