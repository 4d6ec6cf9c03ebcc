// Admin: list, filter and search accounts; add an account; reset a password; disable / enable;
// revoke one account's sessions or everyone's.
import { h, setLabel } from '../dom.js';
import { api, errorMessage } from '../api.js';
import {
    page, field, textInput, select, messageSlot, setBusy, confirmDialog, secretBox,
    roleLabel, fold, cleanText,
} from '../ui.js';
import { MIN_PASSWORD_LENGTH, minPasswordLength, isPasswordRefusal } from './password.js';

export const ROLES = ['admin', 'lecturer', 'proctor', 'candidate'];
const COLUMNS = ['field.username', 'field.full_name', 'field.role', 'field.unit', 'users.col_state', 'users.col_actions'];

export default {
    title: 'users.title',
    async render(ctx) {
        const [{ users }, { units }] = await Promise.all([
            api.listUsers({ signal: ctx.signal }),
            api.listUnits({ signal: ctx.signal }),
        ]);
        return usersPage(ctx, users, units);
    },
};

function usersPage(ctx, users, units) {
    const { signal } = ctx;
    const rows = new Map(); // user id -> {user, tr, haystack}
    const messages = messageSlot();
    const secrets = h('div', { class: 'secrets' });
    const tbody = h('tbody');
    const emptyRow = h('tr', { class: 'empty-row', hidden: true },
        h('td', { colspan: String(COLUMNS.length), t: 'users.none_match' }));
    const count = h('p', { class: 'toolbar-count', 'aria-live': 'polite' });

    const roleFilter = select(
        [{ value: '', label: 'users.all_roles' }, ...ROLES.map((r) => ({ value: r, label: `role.${r}` }))],
        { on: { change: applyFilter } });
    const search = textInput({
        type: 'search',
        class: 'search-input',
        ta: { placeholder: 'users.search_placeholder' },
        on: { input: applyFilter },
    });
    const roleFilterField = field({ label: 'users.filter_role', input: roleFilter });
    const searchField = field({ label: 'users.search', input: search });

    const form = addUserForm(ctx, units, {
        onCreated(response) {
            putRow(response.user);
            sortRows();
            applyFilter();
            if (response.initial_password) {
                showSecret('users.created_secret_title',
                    { key: 'users.created_secret_intro', params: { username: response.user.username } },
                    response.initial_password);
            } else {
                messages.show('success', { key: 'users.created', params: { username: response.user.username } });
            }
        },
    });
    const addButton = h('button', {
        type: 'button',
        class: 'btn btn-primary',
        'aria-expanded': 'false',
        t: 'users.add',
        on: { click: () => form.toggle(true) },
    });
    form.onToggle = (open) => {
        addButton.setAttribute('aria-expanded', String(open));
        addButton.hidden = open;
        if (!open) addButton.focus();
    };

    function showSecret(title, intro, secret) {
        messages.hide();
        const box = secretBox({ title, intro, secret });
        secrets.prepend(box);
        box.focus();
        box.scrollIntoView({ block: 'nearest' });
    }

    function putRow(user) {
        const existing = rows.get(user.id);
        const tr = userRow(user);
        if (existing) existing.tr.replaceWith(tr);
        else tbody.insertBefore(tr, emptyRow);
        const unit = user.unit ? `${user.unit.code} ${user.unit.name}` : '';
        rows.set(user.id, { user, tr, haystack: fold(`${user.username} ${user.full_name} ${unit}`) });
    }

    function sortRows() {
        const sorted = [...rows.values()].sort((a, b) => a.user.username.localeCompare(b.user.username));
        for (const row of sorted) tbody.insertBefore(row.tr, emptyRow);
    }

    function applyFilter() {
        const role = roleFilter.value;
        const words = fold(search.value).split(/\s+/).filter(Boolean);
        let shown = 0;
        for (const { user, tr, haystack } of rows.values()) {
            const visible = (!role || user.role === role) && words.every((w) => haystack.includes(w));
            tr.hidden = !visible;
            if (visible) shown += 1;
        }
        emptyRow.hidden = shown > 0;
        setLabel(emptyRow.firstChild, rows.size ? 'users.none_match' : 'users.empty');
        setLabel(count, { key: 'users.count', params: { shown, total: rows.size } });
    }

    function userRow(user) {
        const self = ctx.user && user.id === ctx.user.id;
        const state = [
            user.disabled
                ? h('span', { class: 'badge badge-off', t: 'users.state_disabled' })
                : h('span', { class: 'badge badge-on', t: 'users.state_active' }),
            user.must_change_password
                ? h('span', { class: 'badge badge-note', t: 'users.state_must_change' })
                : null,
        ];
        // Resetting one's own password would end one's own session: offer the normal change instead.
        const reset = self
            ? h('a', { class: 'btn btn-small btn-secondary', href: '#/password', t: 'nav.password' })
            : h('button', {
                type: 'button',
                class: 'btn btn-small btn-secondary',
                t: 'users.reset_password',
                ta: { title: { key: 'users.reset_password_for', params: { username: user.username } } },
                on: { click: () => resetPassword(user, reset) },
            });
        let toggle = null;
        if (!self) {
            toggle = h('button', {
                type: 'button',
                class: ['btn', 'btn-small', user.disabled ? 'btn-secondary' : 'btn-danger-outline'],
                t: user.disabled ? 'users.enable' : 'users.disable',
                ta: {
                    title: {
                        key: user.disabled ? 'users.enable_for' : 'users.disable_for',
                        params: { username: user.username },
                    },
                },
                on: { click: () => setDisabled(user, !user.disabled, toggle) },
            });
        }
        // One's own sessions are ended from the account page ("sign out of the other devices").
        const revoke = self ? null : h('button', {
            type: 'button',
            class: 'btn btn-small btn-secondary',
            t: 'sessions.revoke_user',
            ta: { title: { key: 'sessions.revoke_user_for', params: { username: user.username } } },
            on: { click: () => revokeSessions(user, revoke) },
        });
        return h('tr', { class: user.disabled ? 'row-disabled' : null, dataset: { username: user.username } },
            h('td', { class: 'cell-username' },
                h('span', {}, user.username),
                self ? h('span', { class: 'badge badge-self', t: 'users.you' }) : null),
            h('td', { class: 'cell-name' }, user.full_name),
            h('td', { class: 'cell-role', t: roleLabel(user.role) }),
            h('td', { class: 'cell-unit' }, user.unit
                ? [h('span', { class: 'unit-code' }, user.unit.code), ' ', h('span', {}, user.unit.name)]
                : h('span', { class: 'muted', t: 'users.no_unit_short' })),
            h('td', { class: 'cell-state' }, h('div', { class: 'state-stack' }, state)),
            h('td', { class: 'cell-actions' }, h('div', { class: 'row-actions' }, reset, revoke, toggle)));
    }

    async function revokeSessions(user, button) {
        setBusy(button, true);
        try {
            const { revoked } = await api.revokeUserSessions(user.id, { signal });
            messages.show('success', { key: 'sessions.revoked_user', params: { username: user.username, count: revoked } });
        } catch (error) {
            if (!signal.aborted) messages.show('error', errorMessage(error));
        }
        setBusy(button, false);
    }

    async function revokeAll() {
        const ok = await confirmDialog({
            title: 'sessions.revoke_all_title',
            body: 'sessions.revoke_all_body',
            confirm: 'sessions.revoke_all',
            danger: true,
        });
        if (!ok || signal.aborted) return;
        setBusy(revokeAllButton, true);
        try {
            const { revoked } = await api.revokeAllSessions({ signal });
            messages.show('success', { key: 'sessions.revoked_all', params: { count: revoked } });
        } catch (error) {
            if (!signal.aborted) messages.show('error', errorMessage(error));
        }
        setBusy(revokeAllButton, false);
    }
    const revokeAllButton = h('button', {
        type: 'button',
        class: 'btn btn-danger-outline',
        t: 'sessions.revoke_all',
        on: { click: revokeAll },
    });

    async function resetPassword(user, button) {
        const ok = await confirmDialog({
            title: 'users.reset_confirm_title',
            body: { key: 'users.reset_confirm_body', params: { username: user.username, name: user.full_name } },
            confirm: 'users.reset_password',
        });
        if (!ok || signal.aborted) return;
        setBusy(button, true);
        try {
            const response = await api.resetPassword(user.id, null, { signal });
            // The server now requires a password change at the next login.
            putRow({ ...user, must_change_password: true });
            applyFilter();
            if (response && response.initial_password) {
                showSecret('users.reset_secret_title',
                    { key: 'users.reset_secret_intro', params: { username: user.username } },
                    response.initial_password);
            } else {
                messages.show('success', { key: 'users.reset_done', params: { username: user.username } });
            }
        } catch (error) {
            if (signal.aborted) return;
            setBusy(button, false);
            messages.show('error', errorMessage(error));
        }
    }

    async function setDisabled(user, disable, button) {
        if (disable) {
            const ok = await confirmDialog({
                title: 'users.disable_confirm_title',
                body: { key: 'users.disable_confirm_body', params: { username: user.username, name: user.full_name } },
                confirm: 'users.disable',
                danger: true,
            });
            if (!ok || signal.aborted) return;
        }
        setBusy(button, true);
        try {
            const response = disable
                ? await api.disableUser(user.id, { signal })
                : await api.enableUser(user.id, { signal });
            putRow(response.user);
            applyFilter();
            messages.show('success', {
                key: disable ? 'users.disabled_done' : 'users.enabled_done',
                params: { username: user.username },
            });
        } catch (error) {
            if (signal.aborted) return;
            setBusy(button, false);
            messages.show('error', errorMessage(error));
        }
    }

    tbody.append(emptyRow);
    for (const user of users) putRow(user);
    sortRows();
    applyFilter();

    const table = h('div', { class: 'table-wrap' },
        h('table', { class: 'data-table users-table' },
            h('caption', { class: 'visually-hidden', t: 'users.table_caption' }),
            h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col', t: c })))),
            tbody));

    return page(ctx, { title: 'users.title', actions: [addButton, revokeAllButton] },
        messages.el,
        secrets,
        form.el,
        h('div', { class: 'toolbar' }, roleFilterField.el, searchField.el, count),
        table);
}

function addUserForm(ctx, units, { onCreated }) {
    const { signal } = ctx;
    const sortedUnits = [...units].sort((a, b) => a.code.localeCompare(b.code));
    const fields = {
        username: field({
            label: 'field.username',
            input: textInput({ autocapitalize: 'none', maxlength: '64' }),
            hint: 'users.username_hint',
        }),
        full_name: field({ label: 'field.full_name', input: textInput({ maxlength: '128', spellcheck: 'true' }) }),
        role: field({
            label: 'field.role',
            input: select(ROLES.map((r) => ({ value: r, label: `role.${r}` }))),
        }),
        unit_code: field({
            label: 'field.unit',
            input: select([
                { value: '', label: 'users.no_unit' },
                ...sortedUnits.map((u) => ({ value: u.code, label: { text: `${u.code} — ${u.name}` } })),
            ]),
        }),
        password: field({
            label: 'users.password_optional',
            input: h('input', { type: 'text', autocomplete: 'new-password', spellcheck: 'false', maxlength: '256' }),
            hint: { key: 'users.password_hint', params: { min: MIN_PASSWORD_LENGTH, staff: minPasswordLength('admin') } },
        }),
    };
    fields.role.input.value = 'candidate';
    const messages = messageSlot();
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', t: 'users.create' });
    const cancel = h('button', {
        type: 'button',
        class: 'btn btn-secondary',
        t: 'common.cancel',
        on: { click: () => control.toggle(false) },
    });

    function reset() {
        fields.username.input.value = '';
        fields.full_name.input.value = '';
        fields.password.input.value = '';
        fields.role.input.value = 'candidate';
        fields.unit_code.input.value = '';
        for (const f of Object.values(fields)) f.setError(null);
        messages.hide();
    }

    function check(values) {
        const errors = [];
        if (!values.username) errors.push(['username', 'common.required']);
        if (!values.full_name) errors.push(['full_name', 'common.required']);
        const min = minPasswordLength(values.role);
        if (values.password && [...values.password].length < min) {
            errors.push(['password', { key: 'error.weak_password_min', params: { min } }]);
        }
        for (const [name, message] of errors) fields[name].setError(message);
        if (errors.length) fields[errors[0][0]].input.focus();
        return errors.length === 0;
    }

    async function onSubmit(event) {
        event.preventDefault();
        for (const f of Object.values(fields)) f.setError(null);
        messages.hide();
        const values = {
            username: cleanText(fields.username.input.value),
            full_name: cleanText(fields.full_name.input.value),
            role: fields.role.input.value,
            unit_code: fields.unit_code.input.value,
            password: fields.password.input.value,
        };
        if (!check(values)) return;
        const body = { username: values.username, full_name: values.full_name, role: values.role };
        if (values.unit_code) body.unit_code = values.unit_code;
        if (values.password) body.password = values.password;
        setBusy(submit, true);
        try {
            const response = await api.createUser(body, { signal });
            setBusy(submit, false);
            control.toggle(false);
            onCreated(response);
        } catch (error) {
            if (signal.aborted) return;
            setBusy(submit, false);
            const message = errorMessage(error);
            // The server names the field for invalid_field and unknown_unit.
            const target = error.code === 'username_taken' ? 'username'
                : isPasswordRefusal(error) ? 'password'
                    : error.details.field;
            if (target && fields[target]) {
                fields[target].setError(message);
                fields[target].input.focus();
            } else {
                messages.show('error', message);
            }
        }
    }

    const el = h('form', { class: 'card form-card add-form', hidden: true, noValidate: true, on: { submit: onSubmit } },
        h('h2', { class: 'form-title', t: 'users.add_title' }),
        messages.el,
        h('div', { class: 'form-grid' },
            fields.username.el, fields.full_name.el, fields.role.el, fields.unit_code.el, fields.password.el),
        h('div', { class: 'form-actions' }, submit, cancel));

    const control = {
        el,
        onToggle: null,
        toggle(open) {
            if (!open) reset();
            el.hidden = !open;
            if (control.onToggle) control.onToggle(open);
            if (open) fields.username.input.focus();
        },
    };
    return control;
}
