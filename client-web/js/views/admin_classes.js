// Admin: courses (khoá học) and their classes (lớp). Lists both, with a form to add or edit each;
// a class's name leads to its page (learners, staff, roster upload).
import { h, setLabel } from '../dom.js';
import { api, errorMessage, listOf } from '../api.js';
import { page, field, textInput, select, messageSlot, setBusy, cleanText } from '../ui.js';

export const COURSE_KINDS = ['admission', 'new_member', 'cell_secretary', 'professional', 'update'];

export default {
    title: 'classes.title',
    async render(ctx) {
        const options = { signal: ctx.signal };
        const [courses, classes, rooms, units] = await Promise.all([
            api.listCourses(options), api.listClasses(options), api.listRooms(options), api.listUnits(options)]);
        return classesPage(ctx, {
            courses: listOf(courses, 'courses'),
            classes: listOf(classes, 'classes'),
            rooms: listOf(rooms, 'rooms'),
            units: listOf(units, 'units'),
        });
    },
};

/** "02/03/2026" from "2026-03-02"; "" for none. */
export function dayText(iso) {
    return iso ? iso.split('-').reverse().join('/') : '';
}

/** A form with labelled fields that creates or edits one record; the server names a bad field. */
function recordForm({ title, fields, required, submitLabel, onSave, messages }) {
    const formMessages = messageSlot();
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', t: submitLabel });
    let editing = null;
    const heading = h('h2', { class: 'form-title', t: title.add });
    const form = h('form', { class: 'card form-card add-form', hidden: true, noValidate: true },
        heading,
        formMessages.el,
        h('div', { class: 'form-grid' }, Object.values(fields).map((f) => f.el)),
        h('div', { class: 'form-actions' },
            submit,
            h('button', { type: 'button', class: 'btn btn-secondary', t: 'common.cancel', on: { click: () => close() } })));

    function open(record) {
        editing = record || null;
        setLabel(heading, editing ? title.edit : title.add);
        for (const [name, f] of Object.entries(fields)) {
            f.setError(null);
            f.input.value = editing && editing[name] !== null && editing[name] !== undefined ? String(editing[name]) : '';
        }
        formMessages.hide();
        form.hidden = false;
        Object.values(fields)[0].input.focus();
    }

    function close() {
        form.hidden = true;
    }

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        formMessages.hide();
        messages.hide();
        const body = {};
        for (const [name, f] of Object.entries(fields)) {
            f.setError(null);
            body[name] = cleanText(f.input.value);
        }
        const missing = required.filter((k) => !body[k]);
        for (const k of missing) fields[k].setError('common.required');
        if (missing.length) {
            fields[missing[0]].input.focus();
            return;
        }
        setBusy(submit, true);
        try {
            await onSave(body, editing);
            setBusy(submit, false);
            close();
        } catch (error) {
            setBusy(submit, false);
            const target = error.details && fields[error.details.field] ? error.details.field : null;
            const message = error.code === 'invalid_field' ? 'classes.invalid' : errorMessage(error);
            if (target) {
                fields[target].setError(message);
                fields[target].input.focus();
            } else {
                formMessages.show('error', message);
            }
        }
    });
    return { form, open };
}

function classesPage(ctx, data) {
    const { signal } = ctx;
    let { courses, classes } = data;
    const messages = messageSlot();
    const dateInput = () => h('input', { type: 'date', min: '1900-01-01', max: '2199-12-31' });

    const courseFields = {
        code: field({ label: 'classes.course_code', input: textInput({ maxlength: '32', autocapitalize: 'characters' }) }),
        name: field({ label: 'classes.course_name', input: textInput({ maxlength: '200', spellcheck: 'true' }) }),
        kind: field({ label: 'classes.kind', input: select(COURSE_KINDS.map((k) => ({ value: k, label: `classes.kind_${k}` }))) }),
        starts_on: field({ label: 'classes.starts_on', input: dateInput() }),
        ends_on: field({ label: 'classes.ends_on', input: dateInput() }),
    };
    const courseForm = recordForm({
        title: { add: 'classes.add_course', edit: 'classes.edit_course' },
        fields: courseFields,
        required: ['code', 'name', 'kind'],
        submitLabel: 'classes.save',
        messages,
        async onSave(body, editing) {
            const { course } = editing
                ? await api.updateCourse(editing.id, body, { signal })
                : await api.createCourse(body, { signal });
            courses = editing ? courses.map((c) => (c.id === course.id ? course : c)) : [course, ...courses];
            renderCourses();
            fillCourseSelect();
            messages.show('success', { key: 'classes.course_saved', params: { code: course.code } });
        },
    });

    const classFields = {
        course_id: field({ label: 'classes.course', input: h('select') }),
        code: field({ label: 'classes.class_code', input: textInput({ maxlength: '32', autocapitalize: 'characters' }) }),
        name: field({ label: 'classes.class_name', input: textInput({ maxlength: '200', spellcheck: 'true' }) }),
        room_id: field({
            label: 'classes.room',
            input: select([{ value: '', label: 'classes.no_room' },
                ...data.rooms.map((r) => ({ value: String(r.id), label: { text: r.name } }))]),
        }),
        unit_code: field({
            label: 'classes.organiser',
            input: select([{ value: '', label: 'classes.no_organiser' },
                ...data.units.filter((u) => !u.parent_code)
                    .map((u) => ({ value: u.code, label: { text: `${u.code} — ${u.name}` } }))]),
            hint: 'classes.organiser_hint',
        }),
        starts_on: field({ label: 'classes.starts_on', input: dateInput() }),
        ends_on: field({ label: 'classes.ends_on', input: dateInput() }),
    };
    const classForm = recordForm({
        title: { add: 'classes.add_class', edit: 'classes.edit_class' },
        fields: classFields,
        required: ['course_id', 'code', 'name'],
        submitLabel: 'classes.save',
        messages,
        async onSave(body, editing) {
            const sent = {
                ...body,
                course_id: Number(body.course_id),
                room_id: body.room_id ? Number(body.room_id) : null,
                unit_code: body.unit_code || null,
            };
            const reply = editing
                ? await api.updateClass(editing.id, sent, { signal })
                : await api.createClass(sent, { signal });
            const saved = reply.class;
            classes = editing ? classes.map((c) => (c.id === saved.id ? saved : c)) : [saved, ...classes];
            renderClasses();
            messages.show('success', { key: 'classes.class_saved', params: { code: saved.code } });
        },
    });

    function fillCourseSelect() {
        classFields.course_id.input.replaceChildren(
            ...courses.map((c) => h('option', { value: String(c.id), t: { text: `${c.code} — ${c.name}` } })));
    }

    const roomNames = new Map(data.rooms.map((r) => [r.id, r.name]));
    // Lecturers see the lists and open a class (conduct grades, materials); only admins edit.
    const isAdmin = ctx.user.role === 'admin';
    const courseBody = h('tbody');
    const classBody = h('tbody');

    function renderCourses() {
        const rows = courses.map((c) => h('tr', {},
            h('td', { class: 'cell-code' }, c.code),
            h('td', {}, c.name),
            h('td', { t: `classes.kind_${c.kind}` }),
            h('td', {}, [dayText(c.starts_on), c.ends_on ? ` – ${dayText(c.ends_on)}` : '']),
            h('td', {}, isAdmin && h('button', {
                type: 'button', class: 'btn btn-small btn-secondary', t: 'classes.edit',
                on: { click: () => courseForm.open(c) },
            }))));
        if (!rows.length) rows.push(h('tr', { class: 'empty-row' }, h('td', { colspan: '5', t: 'classes.no_courses' })));
        courseBody.replaceChildren(...rows);
    }

    function renderClasses() {
        const rows = classes.map((c) => h('tr', { dataset: { id: String(c.id) } },
            h('td', { class: 'cell-code' }, `${c.course.code}/${c.code}`),
            h('td', {}, h('a', { href: `#/admin/classes/${c.id}` }, c.name)),
            h('td', { class: 'cell-number' }, String(c.learners)),
            h('td', {}, roomNames.get(c.room_id) || ''),
            h('td', {}, isAdmin && h('button', {
                type: 'button', class: 'btn btn-small btn-secondary', t: 'classes.edit',
                on: {
                    click: async () => {
                        // The list lacks the dates and the organiser: edit the whole class.
                        const full = (await api.getClass(c.id, { signal })).class;
                        classForm.open({ ...full, course_id: full.course.id });
                    },
                },
            }))));
        if (!rows.length) rows.push(h('tr', { class: 'empty-row' }, h('td', { colspan: '5', t: 'classes.no_classes' })));
        classBody.replaceChildren(...rows);
    }

    fillCourseSelect();
    renderCourses();
    renderClasses();

    const table = (caption, headers, body) => h('div', { class: 'table-wrap' },
        h('table', { class: 'data-table classes-table' },
            h('caption', { class: 'visually-hidden', t: caption }),
            h('thead', {}, h('tr', {}, headers.map((c) => h('th', { scope: 'col', t: c })))),
            body));

    return page(ctx, {
        title: 'classes.title',
        actions: isAdmin && [
            h('button', { type: 'button', class: 'btn btn-secondary', t: 'classes.add_course', on: { click: () => courseForm.open() } }),
            h('button', {
                type: 'button', class: 'btn btn-primary', t: 'classes.add_class',
                on: {
                    click: () => {
                        if (!courses.length) return messages.show('warning', 'classes.need_course');
                        return classForm.open();
                    },
                },
            }),
        ],
    },
    messages.el,
    courseForm.form,
    classForm.form,
    h('h2', { class: 'section-title', t: 'classes.classes' }),
    table('classes.classes', ['classes.class_code', 'classes.class_name', 'classes.learners', 'classes.room', 'classes.actions'], classBody),
    h('h2', { class: 'section-title', t: 'classes.courses' }),
    table('classes.courses', ['classes.course_code', 'classes.course_name', 'classes.kind', 'classes.dates', 'classes.actions'], courseBody));
}
