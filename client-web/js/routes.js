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
import adminAudit from './views/admin_audit.js';
import adminBackups from './views/admin_backups.js';
import adminReportSettings from './views/admin_report_settings.js';
import adminClasses from './views/admin_classes.js';
import adminClass from './views/admin_class.js';
import adminRooms from './views/admin_rooms.js';
import adminRoom from './views/admin_room.js';
import checkin from './views/checkin.js';
import banks from './views/banks.js';
import bankImport from './views/bank_import.js';
import bankQuestions from './views/bank_questions.js';
import exam from './views/exam.js';
import exams from './views/exams.js';
import examEdit from './views/exam_edit.js';
import examRoom from './views/exam_room.js';
import examScreen from './views/exam_screen.js';
import examResults from './views/exam_results.js';
import examStatistics from './views/exam_statistics.js';
import review from './views/review.js';
import surveyEdit from './views/survey_edit.js';
import surveyReport from './views/survey_report.js';
import surveyAnswer from './views/survey_answer.js';

const STAFF = ['admin', 'lecturer'];
const PROCTORS = ['admin', 'lecturer', 'proctor'];

export const routes = [
    { path: '/login', view: login, public: true },
    { path: '/', view: home, nav: 'nav.home' },
    { path: '/admin/users', view: adminUsers, roles: ['admin'], nav: 'nav.users' },
    { path: '/admin/units', view: adminUnits, roles: ['admin'], nav: 'nav.units' },
    { path: '/admin/classes', view: adminClasses, roles: STAFF, nav: 'nav.classes' },
    { path: '/admin/classes/:id', view: adminClass, roles: STAFF },
    { path: '/admin/rooms', view: adminRooms, roles: ['admin'], nav: 'nav.rooms' },
    { path: '/admin/rooms/:id', view: adminRoom, roles: ['admin'] }, // "new" for a new room
    { path: '/banks', view: banks, roles: STAFF, nav: 'nav.banks' },
    { path: '/banks/import', view: bankImport, roles: STAFF }, // before /banks/:id, which would match it
    { path: '/banks/:id', view: bankQuestions, roles: STAFF },
    { path: '/exams', view: exams, roles: PROCTORS, nav: 'nav.exams' },
    { path: '/exams/new', view: examEdit, roles: STAFF },
    { path: '/exams/:id/edit', view: examEdit, roles: STAFF },
    { path: '/exams/:id/room', view: examRoom, roles: PROCTORS },
    { path: '/exams/:id/screen', view: examScreen, roles: PROCTORS },
    { path: '/exams/:id/results', view: examResults, roles: PROCTORS },
    { path: '/exams/:id/statistics', view: examStatistics, roles: STAFF },
    { path: '/exams/:id/survey', view: surveyEdit, roles: STAFF },
    { path: '/exams/:id/survey/report', view: surveyReport, roles: STAFF },
    { path: '/checkin', view: checkin, roles: PROCTORS, nav: 'nav.checkin' },
    // The administrator's own pages come last in the navigation.
    { path: '/admin/audit', view: adminAudit, roles: ['admin'], nav: 'nav.audit' },
    { path: '/admin/backups', view: adminBackups, roles: ['admin'], nav: 'nav.backups' },
    { path: '/admin/report-settings', view: adminReportSettings, roles: ['admin'], nav: 'nav.report_settings' },
    { path: '/review/:attempt', view: review }, // the server decides who may see it
    { path: '/exam/:id', view: exam, roles: ['candidate'] },
    { path: '/surveys/:exam', view: surveyAnswer, roles: ['candidate'] },
    { path: '/password', view: password },
];
