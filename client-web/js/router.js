// Hash routes: "#/admin/users", "#/exam/:id" (params), optional "?a=b" query after the path.

/** Compile route patterns once; match(path) returns {route, params} or null. */
export function createRouter(routes) {
    const compiled = routes.map((route) => {
        const names = [];
        const pattern = route.path
            .split('/')
            .map((part) => {
                if (part.startsWith(':')) {
                    names.push(part.slice(1));
                    return '([^/]+)';
                }
                return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            })
            .join('/');
        return { route, names, regex: new RegExp(`^${pattern}/?$`) };
    });
    return {
        match(path) {
            for (const { route, names, regex } of compiled) {
                const m = regex.exec(path);
                if (!m) continue;
                const params = {};
                names.forEach((name, i) => {
                    params[name] = decodeURIComponent(m[i + 1]);
                });
                return { route, params };
            }
            return null;
        },
    };
}

/** The current location as {path, query}; an empty hash is "/". */
export function currentLocation() {
    const raw = location.hash.replace(/^#/, '');
    const [path, query = ''] = raw.split('?');
    return { path: path.startsWith('/') ? path : '/', query: new URLSearchParams(query) };
}

/** Go to a path. replace: overwrite the history entry (for redirects). Returns true when the
 *  hash changed without a hashchange event (replace), so the caller must render itself. */
export function go(path, { replace = false } = {}) {
    const target = `#${path}`;
    if (location.hash === target) return true;
    if (replace) {
        history.replaceState(null, '', target);
        return true;
    }
    location.hash = target;
    return false;
}
