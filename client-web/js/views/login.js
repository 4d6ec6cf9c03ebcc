// Login: account + password, with the server's demo notice and the rate-limit countdown.
import { h, setLabel, uid } from '../dom.js';
import { api, errorMessage } from '../api.js';
import { field, textInput, messageSlot, setBusy, cleanText } from '../ui.js';

export default {
    title: 'login.title',
    render(ctx) {
        const { signal } = ctx;
        const username = textInput({
            name: 'username',
            autocomplete: 'username',
            autocapitalize: 'none',
            maxlength: '64',
            dataset: { autofocus: '' },
        });
        const password = h('input', {
            type: 'password',
            name: 'password',
            autocomplete: 'current-password',
            maxlength: '256',
        });
        const userField = field({ label: 'login.username', input: username });
        const passField = field({ label: 'login.password', input: password });
        const capsHint = h('p', { class: 'field-hint caps-hint', hidden: true, t: 'login.caps_lock' });
        passField.el.append(capsHint);
        const showId = uid('show-password');
        const showPassword = h('div', { class: 'check-row' },
            h('input', {
                type: 'checkbox',
                id: showId,
                on: { change: (e) => { password.type = e.target.checked ? 'text' : 'password'; } },
            }),
            h('label', { for: showId, t: 'login.show_password' }));
        const messages = messageSlot();
        const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', t: 'login.submit' });
        const demo = h('div', { class: 'notice notice-info demo-hint', role: 'note', hidden: true },
            h('strong', { t: 'login.demo_title' }),
            h('span', { t: 'login.demo_body' }));

        const watchCaps = (e) => {
            if (e.getModifierState) capsHint.hidden = !e.getModifierState('CapsLock');
        };
        password.addEventListener('keydown', watchCaps);
        password.addEventListener('keyup', watchCaps);

        let lockTimer = null;
        signal.addEventListener('abort', () => clearInterval(lockTimer));

        // The server refused more tries for a while: count down and keep the button off until then.
        function lockFor(seconds) {
            clearInterval(lockTimer);
            let left = seconds;
            submit.disabled = true;
            const text = messages.show('error', { key: 'error.too_many_attempts_wait', params: { seconds: left } });
            lockTimer = setInterval(() => {
                left -= 1;
                if (left > 0) {
                    setLabel(text, { key: 'error.too_many_attempts_wait', params: { seconds: left } });
                    return;
                }
                clearInterval(lockTimer);
                lockTimer = null;
                submit.disabled = false;
                messages.show('info', 'login.retry_now');
            }, 1000);
        }

        async function onSubmit(event) {
            event.preventDefault();
            if (submit.disabled) return;
            const name = cleanText(username.value);
            userField.setError(name ? null : 'login.username_required');
            passField.setError(password.value ? null : 'login.password_required');
            if (!name || !password.value) {
                (name ? password : username).focus();
                return;
            }
            messages.hide();
            setBusy(submit, true);
            try {
                const response = await api.login(name, password.value, { signal });
                ctx.loggedIn(response);
                return;
            } catch (error) {
                if (signal.aborted) return;
                setBusy(submit, false);
                const message = errorMessage(error);
                if (error.code === 'too_many_attempts' && message.params) {
                    lockFor(message.params.seconds);
                } else {
                    messages.show('error', message);
                }
                if (error.code === 'bad_credentials') {
                    password.value = '';
                    password.focus();
                }
            }
        }

        ctx.info().then((info) => {
            if (!signal.aborted && info && info.demo === true) demo.hidden = false;
        });

        return h('div', { class: 'login-wrap' },
            h('div', { class: 'card login-card' },
                h('div', { class: 'login-brand' },
                    h('img', { class: 'login-logo', src: '/favicon.svg', alt: '', width: 64, height: 64 }),
                    h('h1', { class: 'login-title', t: 'app.name' }),
                    h('p', { class: 'login-subtitle', t: 'app.tagline' })),
                ctx.takeFlash(),
                demo,
                messages.el,
                h('form', { class: 'login-form', noValidate: true, on: { submit: onSubmit } },
                    userField.el,
                    passField.el,
                    showPassword,
                    submit)));
    },
};
