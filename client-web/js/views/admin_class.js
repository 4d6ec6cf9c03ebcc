// Admin: one class. Its learners (enroll an account, withdraw), its staff (lecturer, proctor,
// homeroom duties) and the roster upload: check the file first (the server's report names each
// bad row and field), then import; the new accounts' initial passwords are shown once, to print
// or save as CSV for the login cards. Lecturers see the learners and record conduct grades
// (class_conduct.js); the other forms are the administrator's.
import { h, setLabel, uid } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { getLang } from '../i18n.js';
import { page, field, textInput, select, messageSlot, setBusy, cleanText } from '../ui.js';
import { download } from './banks.js';
import { dayText } from './admin_classes.js';
import { conductSection } from './class_conduct.js';
import { courseMaterialsSection } from './course_materials.js';
import { attendanceSection } from './class_attendance.js';

const DUTIES = ['lecturer', 'proctor', 'homeroom'];
const ROSTER_FIELDS = ['full_name', 'birth_date', 'gender', 'unit', 'position', 'phone', 'list_number'];

export default {
    title: 'class.title',
    async render(ctx) {
        const reply = await api.getClass(ctx.params.id, { signal: ctx.signal });
        return classPage(ctx, reply.class);
    },
};

/** The roster's new accounts as CSV for Excel (BOM, CRLF, every cell quoted). */
export function accountsCsv(accounts) {
    const quote = (value) => `"${String(value ?? '').replace(/"/g, '""')}"`;
    const head = ['STT', 'Họ và tên', 'Ngày sinh', 'Đơn vị', 'Tài khoản', 'Mật khẩu ban đầu'];
    const lines = [head, ...accounts.map((a) => [a.list_number, a.full_name, dayText(a.birth_date), a.unit,
        a.username, a.initial_password])];
    return `\ufeff${lines.map((cells) => cells.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** The problems of a roster report as a table, each message in the UI language. */
function problemsTable(problems) {
    const lang = getLang();
    return h('div', { class: 'table-wrap report-table-wrap' },
        h('table', { class: 'data-table report-table roster-problems' },
            h('caption', { class: 'visually-hidden', t: 'class.roster_problems' }),
            h('thead', {}, h('tr', {},
                ['class.problem_row', 'class.problem_field', 'class.problem_message'].map((c) => h('th', { scope: 'col', t: c })))),
            h('tbody', {}, problems.map((p) => h('tr', { class: `problem-${p.level}` },
                h('td', { class: 'cell-number' }, p.row > 0 ? String(p.row) : '—'),
                h('td', { t: ROSTER_FIELDS.includes(p.field) ? `class.roster_field_${p.field}` : { text: '—' } }),
                h('td', {},
                    h('span', { class: 'problem-level', t: p.level === 'error' ? 'class.level_error' : 'class.level_warning' }),
                    ' ', lang === 'en' ? p.en : p.vi))))));
}

/** The summary and problems of a roster report. */
function reportView(report, imported) {
    const s = report.summary;
    const errors = report.problems.filter((p) => p.level === 'error').length;
    return h('section', { class: 'card report-card roster-report', 'aria-live': 'polite' },
        h('h3', { class: 'form-title', t: imported ? 'class.roster_imported' : 'class.roster_checked' }),
        h('p', {
            class: ['report-summary', errors ? 'has-errors' : 'no-errors'],
            t: {
                key: errors ? 'class.roster_summary_errors' : 'class.roster_summary',
                params: { errors, created: s.created, updated: s.updated, unchanged: s.unchanged, units: s.units_created },
            },
        }),
        report.problems.length ? problemsTable(report.problems) : null);
}

function classPage(ctx, initial) {
    const { signal } = ctx;
    let current = initial;
    const messages = messageSlot();
    const heading = h('p', { class: 'class-meta' });
    const learnerBody = h('tbody');
    const staffList = h('ul', { class: 'staff-list' });
    const isAdmin = ctx.user.role === 'admin';
    let gradeLabels = new Map();

    function renderMeta() {
        const params = { course: current.course.name, code: `${current.course.code}/${current.code}`, learners: current.learners };
        if (current.starts_on) params.dates = `${dayText(current.starts_on)} – ${dayText(current.ends_on)}`;
        setLabel(heading, { key: current.starts_on ? 'class.meta_dates' : 'class.meta', params });
    }

    function genderLabel(g) {
        return g === 'male' || g === 'female' ? `class.gender_${g}` : { text: '' };
    }

    function renderLearners() {
        const rows = current.enrollments.map((e) => h('tr', { class: e.status === 'withdrawn' ? 'is-withdrawn' : null },
            h('td', { class: 'cell-number' }, e.list_number === null ? '' : String(e.list_number)),
            h('td', {}, h('span', { class: 'learner-name' }, e.full_name), h('br'), h('span', { class: 'muted' }, e.username)),
            h('td', {}, dayText(e.birth_date)),
            h('td', { t: genderLabel(e.gender) }),
            h('td', {}, e.unit_name || ''),
            h('td', {}, e.position || ''),
            h('td', {}, e.seat_label || ''),
            h('td', { t: { text: gradeLabels.get(e.conduct_grade) || e.conduct_grade || '' } }),
            h('td', {}, e.status === 'withdrawn' || !isAdmin
                ? h('span', { class: 'muted', t: e.status === 'withdrawn' ? 'class.withdrawn' : 'class.enrolled' })
                : h('button', {
                    type: 'button',
                    class: 'btn btn-small btn-secondary',
                    t: 'class.withdraw',
                    ta: { 'aria-label': { key: 'class.withdraw_named', params: { name: e.full_name } } },
                    on: { click: (event) => change(event.currentTarget, () => api.withdrawLearner(current.id, e.user_id, { signal })) },
                }))));
        if (!rows.length) rows.push(h('tr', { class: 'empty-row' }, h('td', { colspan: '9', t: 'class.no_learners' })));
        learnerBody.replaceChildren(...rows);
    }

    function renderStaff() {
        const items = current.staff.map((s) => h('li', {},
            h('span', { t: `class.duty_${s.duty}` }), ': ', s.full_name, ' ',
            h('span', { class: 'muted' }, `(${s.username})`), ' ',
            isAdmin && h('button', {
                type: 'button',
                class: 'btn btn-small btn-secondary',
                t: 'class.remove',
                on: { click: (event) => change(event.currentTarget, () => api.removeStaff(current.id, s.user_id, s.duty, { signal })) },
            })));
        if (!items.length) items.push(h('li', { class: 'muted', t: 'class.no_staff' }));
        staffList.replaceChildren(...items);
    }

    function render() {
        renderMeta();
        renderLearners();
        renderStaff();
    }

    /** Runs a change that answers with the class, then shows the class again. */
    async function change(button, send) {
        messages.hide();
        setBusy(button, true);
        try {
            current = (await send()).class;
            render();
        } catch (error) {
            if (signal.aborted) return;
            setBusy(button, false);
            messages.show('error', errorMessage(error));
        }
    }

    const enrollUser = field({ label: 'field.username', input: textInput({ maxlength: '64' }) });
    const enrollButton = h('button', { type: 'submit', class: 'btn btn-secondary', t: 'class.enroll' });
    const enrollForm = h('form', {
        class: 'inline-form',
        noValidate: true,
        on: {
            submit: (event) => {
                event.preventDefault();
                const username = cleanText(enrollUser.input.value);
                if (!username) return enrollUser.setError('common.required');
                enrollUser.setError(null);
                return change(enrollButton, () => api.enrollLearner(current.id, { username }, { signal })).then(() => {
                    enrollUser.input.value = '';
                    setBusy(enrollButton, false);
                });
            },
        },
    }, enrollUser.el, enrollButton);

    const staffUser = field({ label: 'field.username', input: textInput({ maxlength: '64' }) });
    const staffDuty = field({ label: 'class.duty', input: select(DUTIES.map((d) => ({ value: d, label: `class.duty_${d}` }))) });
    const staffButton = h('button', { type: 'submit', class: 'btn btn-secondary', t: 'class.add_staff' });
    const staffForm = h('form', {
        class: 'inline-form',
        noValidate: true,
        on: {
            submit: (event) => {
                event.preventDefault();
                const username = cleanText(staffUser.input.value);
                if (!username) return staffUser.setError('common.required');
                staffUser.setError(null);
                return change(staffButton, () => api.addStaff(current.id, { username, duty: staffDuty.input.value }, { signal }))
                    .then(() => {
                        staffUser.input.value = '';
                        setBusy(staffButton, false);
                    });
            },
        },
    }, staffUser.el, staffDuty.el, staffButton);

    render();

    /** After a conduct change: the learners table shows the new grades in the UI language. */
    function conductChanged(listing) {
        const lang = getLang();
        gradeLabels = new Map(listing.grades.map((g) => [g.key, lang === 'en' ? g.en : g.vi]));
        const byUser = new Map(listing.entries.map((e) => [e.user_id, e.grade]));
        current.enrollments = current.enrollments.map((e) => (byUser.has(e.user_id) ? { ...e, conduct_grade: byUser.get(e.user_id) } : e));
        renderLearners();
    }

    return page(ctx, {
        title: { text: current.name },
        actions: isAdmin ? h('a', { class: 'btn btn-secondary', href: '#/admin/classes', t: 'class.back' }) : null,
    },
    heading,
    messages.el,
    isAdmin && rosterCard(ctx, () => current, async () => {
        current = (await api.getClass(current.id, { signal })).class;
        render();
    }),
    h('h2', { class: 'section-title', t: 'class.learners' }),
    isAdmin && enrollForm,
    h('div', { class: 'table-wrap' },
        h('table', { class: 'data-table learners-table' },
            h('caption', { class: 'visually-hidden', t: 'class.learners' }),
            h('thead', {}, h('tr', {}, ['class.col_number', 'class.col_name', 'class.col_birth_date', 'class.col_gender',
                'class.col_unit', 'class.col_position', 'class.col_seat', 'class.col_conduct', 'class.col_status']
                .map((c) => h('th', { scope: 'col', t: c })))),
            learnerBody)),
    attendanceSection(ctx, {
        classId: current.id,
        roomId: current.room_id || 0,
        canPlan: true,
        async seated() {
            current = (await api.getClass(current.id, { signal })).class;
            render();
        },
    }),
    conductSection(ctx, { classId: current.id, courseId: current.course.id, isAdmin, changed: conductChanged }),
    courseMaterialsSection(ctx, { courseId: current.course.id }),
    h('h2', { class: 'section-title', t: 'class.staff' }),
    staffList,
    isAdmin && staffForm);
}

/** The roster upload: check (dry run), then import, then the new accounts shown once. */
function rosterCard(ctx, currentClass, reload) {
    const { signal } = ctx;
    const messages = messageSlot();
    const fileField = field({
        label: 'class.roster_file',
        input: h('input', { type: 'file', accept: '.csv,.xlsx,text/csv', class: 'file-input' }),
        hint: 'class.roster_hint',
    });
    const createUnits = h('input', { type: 'checkbox', id: uid('create-units') });
    const checkButton = h('button', { type: 'button', class: 'btn btn-secondary', t: 'class.roster_check' });
    const importButton = h('button', { type: 'button', class: 'btn btn-primary', t: 'class.roster_import', disabled: true });
    const reportSlot = h('div', { class: 'report-slot' });
    const accountsSlot = h('div', { class: 'accounts-slot' });
    let checked = false;

    function file() {
        return fileField.input.files && fileField.input.files[0];
    }

    function params(dryRun) {
        const chosen = file();
        return {
            format: /\.xlsx$/i.test(chosen.name) ? 'xlsx' : 'csv',
            name: chosen.name,
            dry_run: dryRun,
            create_units: createUnits.checked,
        };
    }

    function stale() {
        checked = false;
        importButton.disabled = true;
        reportSlot.replaceChildren();
    }
    fileField.input.addEventListener('change', stale);
    createUnits.addEventListener('change', stale);

    async function send(button, dryRun) {
        messages.hide();
        if (!file()) {
            fileField.setError('class.roster_choose');
            fileField.input.focus();
            return;
        }
        fileField.setError(null);
        setBusy(button, true);
        try {
            const report = await api.importRoster(currentClass().id, file(), params(dryRun), { signal });
            setBusy(button, false);
            reportSlot.replaceChildren(reportView(report, !dryRun));
            checked = dryRun && !report.errors;
            importButton.disabled = !checked;
            if (!dryRun) {
                showAccounts(report.accounts || []);
                fileField.input.value = '';
                await reload();
            }
        } catch (error) {
            if (signal.aborted) return;
            setBusy(button, false);
            importButton.disabled = true;
            if (error.code === 'roster_has_errors' && error.details.problems) {
                reportSlot.replaceChildren(reportView(error.details, false));
            } else {
                messages.show('error', errorMessage(error));
            }
        }
    }
    checkButton.addEventListener('click', () => send(checkButton, true));
    importButton.addEventListener('click', () => send(importButton, false));

    function showAccounts(accounts) {
        if (!accounts.length) {
            accountsSlot.replaceChildren();
            return;
        }
        const downloadButton = h('button', { type: 'button', class: 'btn btn-primary', t: 'class.accounts_download' });
        const downloadMessages = messageSlot();
        downloadButton.addEventListener('click', () => download({
            messages: downloadMessages,
            button: downloadButton,
            signal,
            fetchFile: async () => ({ blob: new Blob([accountsCsv(accounts)], { type: 'text/csv;charset=utf-8' }) }),
            fallbackName: `tai-khoan-lop-${currentClass().code}.csv`,
            done: 'class.accounts_downloaded',
        }));
        const titleId = uid('accounts-title');
        const box = h('section', { class: 'secret-box accounts-box', 'aria-labelledby': titleId, tabindex: '-1' },
            h('h3', { class: 'secret-title', id: titleId, t: { key: 'class.accounts_title', params: { count: accounts.length } } }),
            h('p', { class: 'secret-warning', t: 'class.accounts_once' }),
            h('div', { class: 'table-wrap' },
                h('table', { class: 'data-table accounts-table' },
                    h('caption', { class: 'visually-hidden', t: 'class.accounts_caption' }),
                    h('thead', {}, h('tr', {}, ['class.col_number', 'class.col_name', 'class.col_birth_date', 'field.username',
                        'class.col_password'].map((c) => h('th', { scope: 'col', t: c })))),
                    h('tbody', {}, accounts.map((a) => h('tr', {},
                        h('td', { class: 'cell-number' }, String(a.list_number)),
                        h('td', {}, a.full_name),
                        h('td', {}, dayText(a.birth_date)),
                        h('td', {}, h('code', {}, a.username)),
                        h('td', {}, h('code', { class: 'secret-value' }, a.initial_password))))))),
            downloadMessages.el,
            h('div', { class: 'secret-actions' },
                downloadButton,
                h('button', { type: 'button', class: 'btn btn-secondary', t: 'class.accounts_print', on: { click: () => window.print() } }),
                h('button', {
                    type: 'button',
                    class: 'btn btn-secondary',
                    t: 'secret.done',
                    on: { click: () => accountsSlot.replaceChildren() },
                })));
        accountsSlot.replaceChildren(box);
        box.focus();
    }

    return h('section', { class: 'card form-card roster-card' },
        h('h2', { class: 'form-title', t: 'class.roster_title' }),
        h('p', { class: 'field-hint', t: 'class.roster_intro' }),
        messages.el,
        fileField.el,
        h('div', { class: 'check-row' }, createUnits, h('label', { for: createUnits.id, t: 'class.roster_create_units' })),
        h('div', { class: 'form-actions' }, checkButton, importButton),
        reportSlot,
        accountsSlot);
}

