// Unit checks of the client's DOM-free logic, run in Node: translation, error mapping, search
// folding, unit tree order, route matching, the lecturer's question preview. Run: node client_logic.mjs
import assert from 'node:assert/strict';
import { test, run } from './lib/harness.mjs';
import { t, resolve, has, getLang } from '../../client-web/js/i18n.js';
import { ApiError, errorMessage, queryString, dispositionFileName } from '../../client-web/js/api.js';
import {
    correctLetters, weightsFor, problemTarget, nameFromFile, levelLabel,
} from '../../client-web/js/views/bank_common.js';
import { fold, cleanText, roleLabel } from '../../client-web/js/ui.js';
import { treeOrder } from '../../client-web/js/views/admin_units.js';
import { createRouter } from '../../client-web/js/router.js';
import { seatTone, shortName } from '../../client-web/js/views/room_seat_map.js';
import { roomClock } from '../../client-web/js/views/exam_screen.js';
import { shuffledOrder, questionAsShown, paperQuestion } from '../../client-web/js/views/candidate_preview.js';
import { scheduleLines, wholeNumber } from '../../client-web/js/views/backup_schedule.js';

test('default language is Vietnamese and t() fills placeholders', () => {
    assert.equal(getLang(), 'vi');
    assert.equal(t('users.count', { shown: 3, total: 7 }), 'Hiển thị 3/7 người dùng');
    assert.equal(t('home.greeting', { name: 'Nguyễn Văn A' }), 'Xin chào, Nguyễn Văn A!');
});

test('t() resolves label parameters and keeps unknown placeholders and keys visible', () => {
    assert.equal(t('error.invalid_field', { field: { key: 'field.full_name' } }), 'Giá trị của “Họ và tên” không hợp lệ.');
    assert.equal(t('users.count', { shown: 1 }), 'Hiển thị 1/{total} người dùng');
    assert.equal(t('no.such_key'), 'no.such_key');
    assert.equal(resolve({ text: '<b>not markup</b>' }), '<b>not markup</b>');
    assert.equal(has('role.proctor'), true);
});

test('errorMessage maps known codes, retry_after, invalid_field, and falls back to the server text', () => {
    const err = (status, code, message, details) => new ApiError(status, code, message, details);
    assert.deepEqual(errorMessage(err(401, 'bad_credentials', 'x')), { key: 'error.bad_credentials' });
    assert.deepEqual(errorMessage(err(429, 'too_many_attempts', 'x', { retry_after: 29.2 })),
        { key: 'error.too_many_attempts_wait', params: { seconds: 30 } });
    assert.deepEqual(errorMessage(err(429, 'too_many_attempts', 'x', {})), { key: 'error.too_many_attempts' });
    assert.deepEqual(errorMessage(err(400, 'invalid_field', 'x', { field: 'unit_code' })),
        { key: 'error.invalid_field', params: { field: { key: 'field.unit_code' } } });
    assert.deepEqual(errorMessage(err(400, 'invalid_field', 'Trường lạ', { field: 'shoe_size' })), { text: 'Trường lạ' });
    assert.deepEqual(errorMessage(err(400, 'invalid_field', '', {})), { key: 'error.bad_request' });
    assert.deepEqual(errorMessage(err(418, 'teapot', 'Ấm trà')), { text: 'Ấm trà' });
    assert.deepEqual(errorMessage(err(502, 'http_502', '')), { key: 'error.http', params: { status: 502 } });
    assert.deepEqual(errorMessage(err(0, 'network')), { key: 'error.network' });
    assert.deepEqual(errorMessage(err(400, 'unknown_unit', 'x', { field: 'unit_code' })), { key: 'error.unknown_unit' });
    assert.deepEqual(errorMessage(new TypeError('bug')), { key: 'error.unexpected' });
});

test('question banks: answer letters, weight helper, where a server problem goes, query strings', () => {
    assert.equal(correctLetters([{ weight: 0 }, { weight: 100 }, { weight: 0 }]), 'B');
    assert.equal(correctLetters([{ weight: 33.33 }, { weight: -100 }, { weight: 33.33 }, { weight: 33.34 }]), 'A, C, D');
    assert.equal(correctLetters([{ weight: 0 }]), '');
    const four = [{ weight: 0 }, { weight: -50 }, { weight: 100 }, { weight: 0 }];
    assert.deepEqual(weightsFor(four, [1]), [0, 100, 0, 0]);
    assert.deepEqual(weightsFor(four, [0, 2, 3]), [33.33, -50, 33.33, 33.34]);
    assert.deepEqual(weightsFor(four, [3, 0]), [50, -50, 0, 50]);
    assert.deepEqual(weightsFor(four, []), [0, -50, 0, 0]);
    const sum = weightsFor(Array(7).fill({ weight: 0 }), [0, 1, 2, 3, 4, 5, 6]).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 100) < 1e-9, `7 shares add up to ${sum}`);
    assert.deepEqual(problemTarget('question.options[1].weight'), { name: 'option', index: 1, part: 'weight' });
    assert.deepEqual(problemTarget('question.options[0]'), { name: 'option', index: 0, part: '' });
    assert.deepEqual(problemTarget('question.options'), { name: 'options' });
    assert.deepEqual(problemTarget('question.stem'), { name: 'stem' });
    assert.equal(problemTarget('question.media[0].data'), null);
    assert.equal(problemTarget(''), null);
    assert.equal(nameFromFile('Ngân hàng Điều lệ.v2.json'), 'Ngân hàng Điều lệ.v2');
    assert.equal(levelLabel('van_dung_cao'), 'bank.level_van_dung_cao');
    assert.equal(t(levelLabel('thong_hieu')), 'Thông hiểu');
    assert.deepEqual(levelLabel('la'), { text: 'la' });
    assert.equal(queryString({ topic: 'Điều lệ Đảng', level: '', q: 'chi bộ', retired: true, offset: null, partial: false }),
        '?topic=%C4%90i%E1%BB%81u+l%E1%BB%87+%C4%90%E1%BA%A3ng&q=chi+b%E1%BB%99&retired=1');
    assert.equal(queryString({}), '');
    assert.equal(dispositionFileName('attachment; filename="bank-1.gift"'), 'bank-1.gift');
    assert.equal(dispositionFileName(null), null);
});

test('search folding ignores Vietnamese diacritics and case; typed text is NFC', () => {
    assert.equal(fold('Nguyễn Đức THẮNG'), 'nguyen duc thang');
    assert.equal(fold('Võ Thị Ánh Tuyết'.normalize('NFD')), 'vo thi anh tuyet');
    assert.equal(cleanText('  Hoàng Thị Thu Hà '.normalize('NFD')), 'Hoàng Thị Thu Hà'.normalize('NFC'));
    assert.equal(roleLabel('candidate'), 'role.candidate');
    assert.deepEqual(roleLabel('auditor'), { text: 'auditor' });
});

test('unit tree order: parents first, children by code, orphans and cycles kept', () => {
    const units = [
        { code: 'CB02', name: 'b', parent_code: 'DB' },
        { code: 'X1', name: 'cycle 1', parent_code: 'X2' },
        { code: 'DB', name: 'root', parent_code: null },
        { code: 'CB01', name: 'a', parent_code: 'DB' },
        { code: 'OR', name: 'orphan', parent_code: 'GONE' },
        { code: 'X2', name: 'cycle 2', parent_code: 'X1' },
        { code: 'CB01A', name: 'grandchild', parent_code: 'CB01' },
    ];
    const order = treeOrder(units).map(({ unit, depth }) => `${unit.code}:${depth}`);
    assert.deepEqual(order, ['DB:0', 'CB01:1', 'CB01A:2', 'CB02:1', 'OR:0', 'X1:0', 'X2:1']);
});

test('router matches paths, optional trailing slash and :params', () => {
    const a = { path: '/' };
    const b = { path: '/admin/users' };
    const c = { path: '/exam/:id/question/:n' };
    const router = createRouter([a, b, c]);
    assert.equal(router.match('/').route, a);
    assert.equal(router.match('/admin/users/').route, b);
    assert.deepEqual(router.match('/exam/42/question/7'), { route: c, params: { id: '42', n: '7' } });
    assert.deepEqual(router.match('/exam/a%20b/question/1').params.id, 'a b');
    assert.equal(router.match('/admin'), null);
    assert.equal(router.match('/admin/users/extra'), null);
});


test('seat map: the colour group of a row, a short name', () => {
    const row = (over) => ({ state: 'in_progress', connected: true, move_pending: false, ...over });
    assert.equal(seatTone(row({})), 'working');
    assert.equal(seatTone(row({ connected: false })), 'alert', 'offline while working');
    assert.equal(seatTone(row({ move_pending: true })), 'alert');
    assert.equal(seatTone(row({ state: 'paused' })), 'paused');
    assert.equal(seatTone(row({ state: 'waiting' })), 'waiting');
    assert.equal(seatTone(row({ state: 'auto_submitted', connected: false })), 'submitted', 'gone after submitting is no alert');
    assert.equal(seatTone(row({ state: 'absent', connected: false })), 'absent');
    assert.equal(seatTone(row({ state: 'voided' })), 'voided');
    assert.equal(shortName('Đặng Thị Thu Hằng'), 'Thu Hằng');
    assert.equal(shortName('  Nam '), 'Nam');
    assert.equal(shortName(null), '');
});

test('big screen: the room clock is the latest deadline of those at work, else not started / paused / ended', () => {
    const open = { state: 'open', started_at: null };
    assert.deepEqual(roomClock(null, open), { state: 'not_started' });
    assert.deepEqual(roomClock(null, { state: 'closed' }), { state: 'ended' });
    const room = (candidates, exam = {}) => ({ candidates, exam });
    assert.deepEqual(roomClock(room([
        { state: 'in_progress', deadline: 2000 },
        { state: 'in_progress', deadline: '1970-01-01T00:00:05.000Z' },
        { state: 'paused', deadline: 9000 },
        { state: 'submitted', deadline: null },
    ]), open), { deadline: 5000 });
    assert.deepEqual(roomClock(room([{ state: 'paused', deadline: 9000 }]), open), { state: 'paused' });
    assert.deepEqual(roomClock(room([{ state: 'waiting' }]), open), { state: 'not_started' });
    assert.deepEqual(roomClock(room([{ state: 'submitted' }], { started_at: 1 }), open), { state: 'ended' });
});

test('backup schedule: whole numbers within bounds; the lines say the plan, its source, next and last', () => {
    assert.equal(wholeNumber(' 30 ', 0, 10080), 30);
    assert.equal(wholeNumber('0', 0, 10080), 0);
    for (const bad of ['', '-1', '1.5', '1e3', '10081', 'ba mươi']) assert.equal(wholeNumber(bad, 0, 10080), null, bad);
    const keys = (schedule) => scheduleLines(schedule, 'vi').map((line) => line.key);
    const on = { every_minutes: 60, keep: 24, source: 'settings', next_at: '2026-11-26T10:00:00Z',
        last_at: '2026-11-26T09:00:00Z', last_name: 'phongthi-20261126-090000.db', last_error: null };
    assert.deepEqual(keys(on), ['backups.schedule_on', 'backups.source_settings', 'backups.next_at', 'backups.last_at']);
    assert.deepEqual(scheduleLines(on, 'vi')[0].params, { every: 60, keep: 24 });
    assert.equal(scheduleLines(on, 'vi')[3].params.name, 'phongthi-20261126-090000.db');
    assert.deepEqual(keys({ ...on, last_error: 'disk full' }),
        ['backups.schedule_on', 'backups.source_settings', 'backups.next_at', 'backups.last_failed']);
    assert.deepEqual(keys({ every_minutes: 0, keep: 48, source: 'options', next_at: null, last_at: null }),
        ['backups.schedule_off', 'backups.source_options']);
    assert.match(t('backups.schedule_on', { every: 60, keep: 24 }), /mỗi 60 phút.*giữ 24 bản/);
});

test('question preview: a shuffle is an order of every option; the shown question has ids and flags, no weights', () => {
    const sequence = [0.9, 0.1, 0.5];
    const order = shuffledOrder(4, () => sequence.shift());
    assert.deepEqual([...order].sort(), [0, 1, 2, 3]);
    assert.deepEqual(order, [2, 1, 0, 3]);
    assert.deepEqual(shuffledOrder(0), []);
    const question = {
        stem: 'Chi bộ sinh hoạt thường lệ bao lâu một lần?', points: 2, format: 'html',
        options: [{ text: 'Mỗi tháng', weight: 100 }, { text: 'Mỗi quý', weight: 0 }, { text: 'Mỗi năm', weight: -50 }],
    };
    const shown = questionAsShown(question, [2, 0]);
    assert.deepEqual(shown.options, [
        { id: '2', text: 'Mỗi năm', correct: false },
        { id: '0', text: 'Mỗi tháng', correct: true },
        { id: '1', text: 'Mỗi quý', correct: false }, // an option added since the order was drawn
    ]);
    assert.equal(shown.multiple, false);
    assert.equal(shown.format, 'html');
    assert.equal(questionAsShown({ ...question, options: [{ text: 'A', weight: 50 }, { text: 'B', weight: 50 }] }, [0, 1]).multiple, true);
    assert.deepEqual(paperQuestion({ n: 0, options: [{ index: 3, text: 'x', correct: true }] }).options,
        [{ index: 3, text: 'x', correct: true, id: '3' }]);
});

await run();
