// The account page: change one's own password (shown first, and only, while the account must
// change its password) and one's signed-in sessions.
import { h } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { page, notice, field, messageSlot, setBusy } from '../ui.js';
import { mySessionsCard } from './my_sessions.js';

export const MIN_PASSWORD_LENGTH = 8;
/** Staff (admin, lecturer, proctor) need longer passwords; the server also refuses common ones. */
export const MIN_STAFF_PASSWORD_LENGTH = 12;

/** The fewest characters a password of `role` needs. */
export function minPasswordLength(role) {
    return role && role !== 'candidate' ? MIN_STAFF_PASSWORD_LENGTH : MIN_PASSWORD_LENGTH;
}

/** Whether an API error refuses a chosen password (the message names the rule). */
export function isPasswordRefusal(error) {
    return error.code === 'weak_password' || String(error.code || '').startsWith('password_');
}

export default {
    title: 'password.title',
    render(ctx) {
        const { signal } = ctx;
        const forced = Boolean(ctx.user.must_change_password);
        const min = minPasswordLength(ctx.user.role);
        const input = (autocomplete, autofocus) => h('input', {
            type: 'password',
            autocomplete,
            maxlength: '256',
            dataset: autofocus ? { autofocus: '' } : {},
        });
        const oldField = field({ label: 'field.old_password', input: input('current-password', true) });
        const newField = field({
            label: 'field.new_password',
            input: input('new-password'),
            hint: { key: min > MIN_PASSWORD_LENGTH ? 'password.rule_staff' : 'password.rule', params: { min } },
        });
        const confirmField = field({ label: 'field.confirm_password', input: input('new-password') });
        const fields = [oldField, newField, confirmField];
        const messages = messageSlot();
        const submit = h('button', { type: 'submit', class: 'btn btn-primary', t: 'password.submit' });

        function check() {
            for (const f of fields) f.setError(null);
            const errors = [];
            if (!oldField.input.value) errors.push([oldField, 'common.required']);
            if ([...newField.input.value].length < min) {
                errors.push([newField, { key: 'error.weak_password_min', params: { min } }]);
            } else if (confirmField.input.value !== newField.input.value) {
                errors.push([confirmField, 'password.mismatch']);
            }
            for (const [f, message] of errors) f.setError(message);
            if (errors.length) errors[0][0].input.focus();
            return errors.length === 0;
        }

        async function onSubmit(event) {
            event.preventDefault();
            messages.hide();
            if (!check()) return;
            setBusy(submit, true);
            try {
                await api.changePassword(oldField.input.value, newField.input.value, { signal });
            } catch (error) {
                if (signal.aborted) return;
                setBusy(submit, false);
                if (error.code === 'bad_credentials') {
                    oldField.setError('password.old_wrong');
                    oldField.input.focus();
                } else if (isPasswordRefusal(error)) {
                    newField.setError(errorMessage(error));
                    newField.input.focus();
                } else {
                    messages.show('error', errorMessage(error));
                }
                return;
            }
            setBusy(submit, false);
            for (const f of fields) f.input.value = '';
            if (forced) {
                ctx.setUser({ ...ctx.user, must_change_password: false });
                ctx.flash('success', 'password.changed');
                ctx.navigate('/');
            } else {
                messages.show('success', 'password.changed');
            }
        }

        return page(ctx, { title: 'password.title' },
            forced ? notice('warning', 'password.forced') : null,
            messages.el,
            h('form', { class: 'card form-card narrow', noValidate: true, on: { submit: onSubmit } },
                fields.map((f) => f.el),
                h('div', { class: 'form-actions' },
                    submit,
                    forced ? null : h('a', { class: 'btn btn-secondary', href: '#/', t: 'common.cancel' }))),
            forced ? null : mySessionsCard(ctx));
    },
};
