// Start-up, the page shell (settings bar, header, main, footer) and the hash router.
//
// Each view's render(ctx) gets:
//   ctx.user        the logged-in user (null on public pages)
//   ctx.params      ":name" parts of the route path;  ctx.query  URLSearchParams after "?"
//   ctx.signal      AbortSignal, aborted when the user leaves the page (pass it to api calls,
//                   stop timers on it)
//   ctx.navigate(path, {replace})     go to another page
//   ctx.takeFlash() a notice left by the previous page, or null (page() in ui.js shows it)
//   ctx.flash(kind, label)            leave a notice for the next page
//   ctx.setUser(user)                 replace the logged-in user (e.g. after a password change)
//   ctx.loggedIn(loginResponse)       store the session and go on
//   ctx.info()      Promise of /api/info (null when unreachable)
import { h, clear } from './dom.js';
import { LANGS, getLang, setLang, onLangChange, resolve } from './i18n.js';
import { api, ApiError, errorMessage, getToken, setToken, clearToken, onUnauthenticated } from './api.js';
import { applyStoredPrefs, getPref, setPref } from './prefs.js';
import { createRouter, currentLocation, go } from './router.js';
import { routes } from './routes.js';
import { notFound, forbidden } from './views/message.js';
import { notice, loading, roleLabel, page } from './ui.js';

const LOADING_DELAY_MS = 200;

const state = {
    user: null,
    flash: null,
    nextPath: null,
    controller: null,
    route: null,
    title: null,
};
const router = createRouter(routes);
let infoPromise = null;
let booted = false;

applyStoredPrefs();
document.documentElement.lang = getLang();
const shell = buildShell();

function buildShell() {
    const main = h('main', { id: 'main', class: 'app-main', tabindex: '-1' });
    const header = h('header', { class: 'app-header', hidden: true });
    const footer = h('footer', { class: 'app-footer' });
    const skip = h('button', {
        type: 'button',
        class: 'skip-link',
        t: 'app.skip_to_content',
        on: { click: () => main.focus() },
    });
    const root = document.getElementById('app');
    clear(root, skip, settingsBar(), header, main, footer);
    root.removeAttribute('aria-busy');
    return { main, header, footer };
}

/** Language, text size and contrast switches: on every page, before and after login. */
function settingsBar() {
    const langButtons = LANGS.map((lang) => h('button', {
        type: 'button',
        class: 'seg-button',
        lang,
        'aria-pressed': String(lang === getLang()),
        t: `lang.${lang}`,
        dataset: { lang },
        on: { click: () => setLang(lang) },
    }));
    onLangChange((lang) => {
        for (const b of langButtons) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
    });
    const toggle = (pref, label) => {
        const button = h('button', {
            type: 'button',
            class: 'toggle-button',
            'aria-pressed': String(getPref(pref)),
            t: label,
            dataset: { pref },
            on: {
                click: () => {
                    const on = !getPref(pref);
                    setPref(pref, on);
                    button.setAttribute('aria-pressed', String(on));
                },
            },
        });
        return button;
    };
    return h('div', { class: 'settings-bar' },
        h('div', { class: 'container settings-inner' },
            h('div', { class: 'seg-group', role: 'group', ta: { 'aria-label': 'settings.language' } },
                langButtons),
            toggle('largeText', 'settings.large_text'),
            toggle('highContrast', 'settings.high_contrast')));
}

function renderHeader() {
    const { header } = shell;
    const user = state.user;
    if (!user || (state.route && state.route.public)) {
        header.hidden = true;
        header.replaceChildren();
        return;
    }
    const forced = Boolean(user.must_change_password);
    const navItems = forced ? [] : routes.filter((r) => r.nav && allowed(r, user));
    const nav = h('nav', { class: 'app-nav', ta: { 'aria-label': 'nav.label' } },
        navItems.map((r) => h('a', {
            href: `#${r.path}`,
            class: 'nav-link',
            'aria-current': r === state.route ? 'page' : false,
            t: r.nav,
        })));
    const who = h('div', { class: 'user-box' },
        h('span', { class: 'user-name' }, user.full_name || user.username),
        h('span', { class: 'user-meta' },
            h('span', { t: roleLabel(user.role) }),
            user.unit ? h('span', { class: 'user-unit', title: user.unit.name }, user.unit.name) : null));
    const logout = h('button', {
        type: 'button',
        class: 'btn btn-header',
        t: 'nav.logout',
        on: { click: logoutNow },
    });
    header.hidden = false;
    clear(header, h('div', { class: 'container header-inner' },
        h('a', { class: 'brand', href: '#/' },
            h('img', { class: 'brand-logo', src: '/favicon.svg', alt: '', width: 28, height: 28 }),
            h('span', { class: 'brand-name', t: 'app.name' })),
        nav,
        h('div', { class: 'header-user' },
            who,
            forced ? null : h('a', { class: 'btn btn-header', href: '#/password', t: 'nav.password' }),
            logout)));
}

function renderFooter(info) {
    const label = info && info.version
        ? { key: 'footer.version', params: { version: info.version } }
        : 'footer.plain';
    clear(shell.footer, h('div', { class: 'container' }, h('span', { t: label })));
}

function allowed(route, user) {
    return !route.roles || (user && route.roles.includes(user.role));
}

function updateTitle() {
    const name = resolve('app.name');
    document.title = state.title ? `${resolve(state.title)} · ${name}` : name;
}

/** Go to a path; redirects replace the history entry. */
function navigate(path, { replace = false } = {}) {
    if (go(path, { replace })) render();
}

function render() {
    const { path, query } = currentLocation();
    const match = router.match(path);
    const route = match ? match.route : null;
    const user = state.user;

    if (route && !route.public && !user) {
        state.nextPath = path;
        navigate('/login', { replace: true });
        return;
    }
    if (route && route.public && user) {
        navigate('/', { replace: true });
        return;
    }
    if (user && user.must_change_password && path !== '/password') {
        navigate('/password', { replace: true });
        return;
    }
    let view = notFound;
    if (route) view = allowed(route, user) ? route.view : forbidden;
    show(view, route, match ? match.params : {}, query);
}

function show(view, route, params, query) {
    if (state.controller) state.controller.abort();
    const controller = new AbortController();
    state.controller = controller;
    state.route = route;
    state.title = view.title;
    updateTitle();
    renderHeader();

    const ctx = makeContext(controller, params, query);
    const { main } = shell;
    const spinner = setTimeout(() => clear(main, loading()), LOADING_DELAY_MS);
    controller.signal.addEventListener('abort', () => clearTimeout(spinner));

    Promise.resolve()
        .then(() => view.render(ctx))
        .then((node) => {
            if (controller.signal.aborted) return;
            clearTimeout(spinner);
            clear(main, node);
            focusPage(main);
        })
        .catch((error) => {
            if (controller.signal.aborted) return;
            clearTimeout(spinner);
            clear(main, failurePage(ctx, error, () => show(view, route, params, query)));
        });
}

function focusPage(main) {
    const target = main.querySelector('[data-autofocus]') || main.querySelector('.page-title');
    if (target) target.focus({ preventScroll: true });
    window.scrollTo(0, 0);
}

function failurePage(ctx, error, retry) {
    if (error && error.code === 'forbidden') return forbidden.render(ctx);
    if (!(error instanceof ApiError)) console.error(error); // a bug in the client: keep the details
    return page(ctx, { title: 'message.load_failed_title' },
        notice('error', errorMessage(error)),
        h('p', {}, h('button', { type: 'button', class: 'btn btn-primary', t: 'common.retry', on: { click: retry } })));
}

function makeContext(controller, params, query) {
    return {
        user: state.user,
        params,
        query,
        signal: controller.signal,
        navigate,
        info: () => infoPromise,
        takeFlash() {
            const flash = state.flash;
            state.flash = null;
            return flash ? notice(flash.kind, flash.label) : null;
        },
        flash(kind, label) {
            state.flash = { kind, label };
        },
        setUser(user) {
            state.user = user;
            renderHeader();
        },
        loggedIn(response) {
            setToken(response.token);
            state.user = response.user;
            const next = state.nextPath && state.nextPath !== '/login' ? state.nextPath : '/';
            state.nextPath = null;
            navigate(next, { replace: true });
        },
    };
}

async function logoutNow() {
    try {
        await api.logout();
    } catch {
        // The token is dropped locally whatever the server says.
    }
    clearToken();
    state.user = null;
    state.flash = { kind: 'success', label: 'login.logged_out' };
    navigate('/login');
}

function sessionLost() {
    state.user = null;
    state.flash = { kind: 'warning', label: 'login.session_expired' };
    const { path } = currentLocation();
    if (path !== '/login') state.nextPath = path;
    if (booted) navigate('/login', { replace: true }); // during start-up boot() renders next

}

function start() {
    onLangChange(updateTitle);
    onUnauthenticated(sessionLost);
    renderFooter(null);
    boot();
}

/** Load server info and the session (if a token is stored), then show the page. */
async function boot() {
    infoPromise = api.info().catch(() => null);
    infoPromise.then(renderFooter);
    if (getToken()) {
        try {
            const { user } = await api.me();
            state.user = user;
        } catch (error) {
            if (error.code !== 'unauthenticated' && error.code !== 'http_401') {
                // Server unreachable or failing: say so and offer a retry rather than a login form.
                showStartupError(error);
                return;
            }
        }
    }
    if (!booted) {
        booted = true;
        window.addEventListener('hashchange', render);
    }
    render();
}

function showStartupError(error) {
    state.title = 'message.load_failed_title';
    updateTitle();
    const ctx = makeContext(new AbortController(), {}, new URLSearchParams());
    clear(shell.main, failurePage(ctx, error, () => {
        clear(shell.main, loading());
        boot();
    }));
}

start();
