// The route table: the one place to add a screen. A view module exports
// {title: label, render(ctx) -> Node | Promise<Node>}; see app.js for what ctx holds.
//   path    hash path; ":name" segments become ctx.params.name
//   public  reachable without logging in
//   roles   roles allowed (absent: every logged-in user)
//   nav     label of the header navigation link (absent: not in the navigation)
import login from './views/login.js';
import home from './views/home.js';
import password from './views/password.js';
import adminUsers from './views/admin_users.js';
import adminUnits from './views/admin_units.js';

export const routes = [
    { path: '/login', view: login, public: true },
    { path: '/', view: home, nav: 'nav.home' },
    { path: '/admin/users', view: adminUsers, roles: ['admin'], nav: 'nav.users' },
    { path: '/admin/units', view: adminUnits, roles: ['admin'], nav: 'nav.units' },
    { path: '/password', view: password },
];
