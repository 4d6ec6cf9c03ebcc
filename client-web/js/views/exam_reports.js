// Staff: the downloads of an exam's reports (docs/REPORTS.md): the score report, the unit notices,
// the item analysis, certificates, login cards, the printable papers with their keys, and the
// signed result bundle. Each kind
// offers the roles and formats the server allows; the file comes through the API as a download.
import { h } from '../dom.js';
import { api } from '../api.js';
import { messageSlot } from '../ui.js';
import { download } from './banks.js';

const ALL_STAFF = ['admin', 'lecturer', 'proctor'];
const BUILDERS = ['admin', 'lecturer'];

/** Each kind: its label and hint, the roles that may download it, its formats (first = default). */
export const REPORT_KINDS = [
    { kind: 'class', label: 'reports.class', hint: 'reports.class_hint', roles: ALL_STAFF, formats: ['xlsx', 'pdf', 'csv'] },
    { kind: 'units', label: 'reports.units', hint: 'reports.units_hint', roles: ALL_STAFF, formats: ['pdf', 'zip'] },
    { kind: 'items', label: 'reports.items', hint: 'reports.items_hint', roles: BUILDERS, formats: ['pdf', 'xlsx'] },
    { kind: 'certificates', label: 'reports.certificates', hint: 'reports.certificates_hint', roles: BUILDERS, formats: ['pdf'] },
    { kind: 'cards', label: 'reports.cards', hint: 'reports.cards_hint', roles: ALL_STAFF, formats: ['pdf'] },
    { kind: 'papers', label: 'reports.papers', hint: 'reports.papers_hint', roles: BUILDERS, formats: ['pdf'] },
    { kind: 'keys', label: 'reports.keys', hint: 'reports.keys_hint', roles: BUILDERS, formats: ['pdf'] },
    // The signed result bundle (docs/DEPLOY.md) that carries the results to the provincial office.
    {
        kind: 'bundle', label: 'reports.bundle', hint: 'reports.bundle_hint', roles: BUILDERS, formats: ['ptkq'],
        fetch: (examId, options) => api.resultBundle(examId, options),
    },
];

/** The kinds a role may download. */
export function kindsFor(role) {
    return REPORT_KINDS.filter((k) => k.roles.includes(role));
}

/** The section of download buttons for exam `examId`, as `role` sees it. */
export function reportsSection({ examId, role, signal }) {
    const messages = messageSlot();
    const reset = h('input', { type: 'checkbox', id: 'cards-reset' });
    const rows = kindsFor(role).map((k) => h('tr', { dataset: { kind: k.kind } },
        h('th', { scope: 'row' }, h('span', { class: 'report-name', t: k.label }), h('span', { class: 'muted report-hint', t: k.hint })),
        h('td', { class: 'report-buttons' },
            k.formats.map((format) => {
                const button = h('button', {
                    type: 'button',
                    class: 'btn btn-small btn-secondary',
                    dataset: { format },
                    ta: { 'aria-label': { key: 'reports.download_as', params: { format: format.toUpperCase() } } },
                    on: {
                        click: () => download({
                            messages,
                            button,
                            signal,
                            fetchFile: () => (k.fetch ? k.fetch(examId, { signal }) : api.examReport(examId, k.kind,
                                { format, reset: k.kind === 'cards' && reset.checked }, { signal })),
                            fallbackName: `exam-${examId}-${k.kind}.${format}`,
                            done: 'reports.downloaded',
                        }),
                    },
                }, format.toUpperCase());
                return button;
            }),
            k.kind === 'cards' && BUILDERS.includes(role)
                ? h('span', { class: 'report-check' }, reset, h('label', { for: reset.id, t: 'reports.cards_reset' }))
                : null)));
    return h('section', { class: 'card reports-section', 'aria-labelledby': 'reports-title' },
        h('h2', { id: 'reports-title', class: 'form-title', t: 'reports.title' }),
        messages.el,
        h('table', { class: 'reports-table' }, h('tbody', {}, rows)));
}
