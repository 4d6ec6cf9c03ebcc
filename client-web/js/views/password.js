// Change one's own password; shown first (and only) while the account must change its password.
import { h } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { page, notice, field, messageSlot, setBusy } from '../ui.js';

export const MIN_PASSWORD_LENGTH = 8;

export default {
    title: 'password.title',
    render(ctx) {
        const { signal } = ctx;
        const forced = Boolean(ctx.user.must_change_password);
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
            hint: { key: 'password.rule', params: { min: MIN_PASSWORD_LENGTH } },
        });
        const confirmField = field({ label: 'field.confirm_password', input: input('new-password') });
        const fields = [oldField, newField, confirmField];
        const messages = messageSlot();
        const submit = h('button', { type: 'submit', class: 'btn btn-primary', t: 'password.submit' });

        function check() {
            for (const f of fields) f.setError(null);
            const errors = [];
            if (!oldField.input.value) errors.push([oldField, 'common.required']);
            if (newField.input.value.length < MIN_PASSWORD_LENGTH) {
                errors.push([newField, { key: 'error.weak_password_min', params: { min: MIN_PASSWORD_LENGTH } }]);
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
                } else if (error.code === 'weak_password') {
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
                    forced ? null : h('a', { class: 'btn btn-secondary', href: '#/', t: 'common.cancel' }))));
    },
};
