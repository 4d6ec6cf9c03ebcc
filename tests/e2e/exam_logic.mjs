// Unit checks of the exam client's DOM-free logic in Node: the answer outbox (seq numbering,
// replay order, ack / stale / nack, persistence across a reload, merge rules), backoff, the clock
// offset, ExamConnection driven through a fake WebSocket, and the answer file built from what the
// browser knows. Run: node exam_logic.mjs
import assert from 'node:assert/strict';
import { test, run } from './lib/harness.mjs';
import {
    Outbox, outboxKey, mergeAnswers, saveState, ClockOffset, backoffDelay,
} from '../../client-web/js/exam/outbox.js';
import { ExamConnection, RoomWatch, socketUrl } from '../../client-web/js/exam/connection.js';
import {
    buildAnswerFile, answerFileName, answerFileUrl, readAnswerFile, sealAnswerFile, SEAL_ALGORITHM,
} from '../../client-web/js/exam/answer_file.js';
import {
    generateKeyPairSync, createPublicKey, diffieHellman, hkdfSync, createDecipheriv, webcrypto,
} from 'node:crypto';

/** A Storage stand-in (getItem/setItem/removeItem over a Map). */
function memoryStorage() {
    const map = new Map();
    return {
        map,
        getItem: (k) => (map.has(k) ? map.get(k) : null),
        setItem: (k, v) => map.set(k, String(v)),
        removeItem: (k) => map.delete(k),
    };
}

test('outbox: seqs continue after the paper last_seq and the largest local seq', () => {
    const storage = memoryStorage();
    const box = new Outbox(12, storage);
    box.noteServerSeq(40);
    assert.equal(box.add(0, ['a'], false).seq, 41);
    assert.equal(box.add(3, [], true).seq, 42);
    box.noteServerSeq(30); // an older paper does not go back
    assert.equal(box.add(1, ['b', 'c'], false).seq, 43);
    assert.equal(outboxKey(12), 'phongthi.outbox.12');
    const stored = JSON.parse(storage.getItem('phongthi.outbox.12'));
    assert.deepEqual(stored.map((e) => e.seq), [41, 42, 43]);
    assert.deepEqual(stored[1], { n: 3, choice: [], flag: true, seq: 42 });
});

test('outbox: stored before it is sent; ack, ack stale and nack drop; nack paused holds', () => {
    const storage = memoryStorage();
    const box = new Outbox(5, storage);
    box.noteServerSeq(10);
    for (let n = 0; n < 5; n++) box.add(n, [`o${n}`], false); // 11..15
    assert.ok(box.ack(11));
    assert.ok(box.ack(12)); // stale acks are acks too
    assert.equal(box.ack(12), null, 'a second ack of the same seq changes nothing');
    assert.equal(box.nack(13, 'time_over').seq, 13);
    assert.equal(box.nack(14, 'paused').held, true);
    assert.deepEqual(box.pending().map((e) => e.seq), [14, 15]);
    assert.deepEqual(box.sendable().map((e) => e.seq), [15]);
    box.release();
    assert.deepEqual(box.sendable().map((e) => e.seq), [14, 15]);
    box.ack(14);
    box.ack(15);
    assert.equal(box.size, 0);
    assert.equal(storage.getItem('phongthi.outbox.5'), null, 'an empty outbox leaves no key');
});

test('outbox: a reload (new instance, same storage) keeps the answers, the held mark and the numbering', () => {
    const storage = memoryStorage();
    const first = new Outbox(7, storage);
    first.noteServerSeq(20);
    first.add(2, ['x'], false); // 21
    first.add(4, ['y'], true); // 22
    first.add(2, ['z'], false); // 23
    first.ack(21);
    first.nack(22, 'paused');
    const reloaded = new Outbox(7, storage);
    assert.deepEqual(reloaded.pending().map((e) => [e.seq, e.n, e.held]), [[22, 4, true], [23, 2, false]]);
    reloaded.noteServerSeq(21); // the server's paper after reconnect
    assert.equal(reloaded.add(9, [], false).seq, 24);
    assert.equal(new Outbox(8, storage).size, 0, 'another attempt has its own key');
    storage.setItem('phongthi.outbox.9', '{broken');
    assert.equal(new Outbox(9, storage).size, 0, 'unreadable storage is an empty outbox');
});

test('merge: the outbox wins over the paper only with a higher seq; the newest local state of a question wins', () => {
    const paper = [
        { n: 0, choice: ['a'], flag: false, seq: 17 },
        { n: 1, choice: ['b'], flag: true, seq: 30 },
        { n: 2, choice: ['c'], flag: false, seq: 5 },
    ];
    const outbox = [
        { n: 0, choice: ['a2'], flag: true, seq: 31 },
        { n: 1, choice: ['old'], flag: false, seq: 25 }, // already superseded on the server
        { n: 3, choice: ['d'], flag: false, seq: 32 },
        { n: 3, choice: [], flag: true, seq: 33 },
    ];
    const merged = mergeAnswers(paper, outbox);
    assert.deepEqual(merged.get(0), { choice: ['a2'], flag: true, seq: 31, pending: true });
    assert.deepEqual(merged.get(1), { choice: ['b'], flag: true, seq: 30, pending: false });
    assert.deepEqual(merged.get(2), { choice: ['c'], flag: false, seq: 5, pending: false });
    assert.deepEqual(merged.get(3), { choice: [], flag: true, seq: 33, pending: true });
    assert.equal(merged.has(4), false);
});

test('save state, backoff and clock offset', () => {
    assert.equal(saveState(true, 0), 'saved');
    assert.equal(saveState(true, 2), 'saving');
    assert.equal(saveState(false, 0), 'offline');
    assert.equal(saveState(false, 3), 'offline');
    assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map((i) => backoffDelay(i, () => 1)), [500, 1000, 2000, 4000, 8000, 10000, 10000]);
    assert.deepEqual([0, 4, 9].map((i) => backoffDelay(i, () => 0)), [250, 4000, 5000]);
    const clock = new ClockOffset();
    assert.equal(clock.value, 0);
    clock.addPlain(1000, 6000);
    assert.equal(clock.value, 5000, 'a paper time counts until a ping sample exists');
    clock.addPing(2000, 2400, 7300); // rtt 400 -> 7300 + 200 - 2400 = 5100
    clock.addPing(3000, 3100, 8040); // rtt 100 -> 8040 + 50 - 3100 = 4990
    clock.addPing(4000, 4900, 9800); // rtt 900
    assert.equal(clock.value, 4990, 'the lowest round trip wins');
    clock.addPlain(5000, 50000);
    assert.equal(clock.value, 4990);
    assert.equal(socketUrl({ protocol: 'https:', host: 'thi.lan:8443' }), 'wss://thi.lan:8443/ws');
    assert.equal(socketUrl({ protocol: 'http:', host: '10.0.0.2' }), 'ws://10.0.0.2/ws');
});

// ---------- ExamConnection over a fake WebSocket and fake timers ----------

function fakeWorld() {
    const world = { sockets: [], time: 1000, timers: [], timerId: 0 };
    class FakeSocket {
        constructor(url) {
            this.url = url;
            this.readyState = 0;
            this.sent = [];
            world.sockets.push(this);
        }

        send(text) {
            this.sent.push(JSON.parse(text));
        }

        close() {
            if (this.readyState === 3) return;
            this.readyState = 3;
            if (this.onclose) this.onclose({});
        }

        // test side
        open() {
            this.readyState = 1;
            this.onopen({});
        }

        deliver(msg) {
            this.onmessage({ data: JSON.stringify(msg) });
        }

        of(type) {
            return this.sent.filter((m) => m.t === type);
        }
    }
    const add = (fn, ms, repeat) => {
        world.timerId += 1;
        world.timers.push({ id: world.timerId, at: world.time + ms, fn, repeat: repeat ? ms : 0 });
        return world.timerId;
    };
    const cancel = (id) => {
        world.timers = world.timers.filter((t) => t.id !== id);
    };
    world.timersApi = {
        setTimeout: (fn, ms) => add(fn, ms, false),
        clearTimeout: cancel,
        setInterval: (fn, ms) => add(fn, ms, true),
        clearInterval: cancel,
    };
    /** Move the clock forward, running due timers. */
    world.advance = (ms) => {
        const end = world.time + ms;
        for (;;) {
            const due = world.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
            if (!due) break;
            world.time = due.at;
            if (due.repeat) due.at += due.repeat;
            else cancel(due.id);
            due.fn();
        }
        world.time = end;
    };
    world.WebSocket = FakeSocket;
    world.last = () => world.sockets[world.sockets.length - 1];
    return world;
}

const PAPER = {
    t: 'paper', attempt: 12, exam: { id: 7, title: 'Kiểm tra', variant: '102' },
    server_time: 1_000_000, deadline: 1_000_000 + 45 * 60000, paused: false, last_seq: 40,
    questions: [0, 1, 2].map((n) => ({ n, stem: `Q${n}`, format: 'plain', multiple: false, points: 1,
        options: [{ id: `a${n}`, text: 'A' }, { id: `b${n}`, text: 'B' }], media: [] })),
    answers: [{ n: 0, choice: ['a0'], flag: false, seq: 17 }],
};

function connect(storage = memoryStorage(), lang = undefined) {
    const world = fakeWorld();
    const conn = new ExamConnection({
        exam: 7, url: 'ws://test/ws', token: 'tok-1', lang, WebSocket: world.WebSocket, storage,
        now: () => world.time, random: () => 1, timers: world.timersApi,
    });
    const seen = [];
    for (const e of ['paper', 'waiting', 'clock', 'submitted', 'taken_over', 'resume_pending', 'voided', 'error', 'save', 'nack', 'submit_refused']) {
        conn.on(e, (data) => seen.push([e, data]));
    }
    conn.start();
    return { world, conn, seen, storage };
}

function welcome(socket) {
    socket.open();
    socket.deliver({ t: 'welcome', protocol: 1, user: { id: 5 }, server_time: 999_000 });
}

test('connection: hello with the token and the UI language, join, waiting, then the paper; answers go out numbered after last_seq', () => {
    const { world, conn, seen } = connect();
    const ws = world.last();
    assert.equal(ws.url, 'ws://test/ws');
    welcome(ws);
    assert.deepEqual(ws.sent.filter((m) => m.t !== 'ping'), [{ t: 'hello', token: 'tok-1', lang: 'vi' }, { t: 'join', exam: 7 }]);
    const english = connect(memoryStorage(), 'en').world.last();
    english.open();
    assert.deepEqual(english.of('hello'), [{ t: 'hello', token: 'tok-1', lang: 'en' }]);
    ws.deliver({ t: 'waiting', exam: { id: 7, title: 'Kiểm tra' }, server_time: 999_500 });
    assert.equal(seen.at(-1)[0], 'waiting');
    assert.equal(conn.answer(1, ['b1'], false), null, 'no answer before the paper');
    ws.deliver(PAPER);
    const paper = seen.find(([e]) => e === 'paper')[1];
    assert.deepEqual(paper.answers.get(0), { choice: ['a0'], flag: false, seq: 17, pending: false });
    assert.equal(conn.saveState, 'saved');
    conn.answer(1, ['b1'], false);
    assert.equal(conn.saveState, 'saving');
    assert.deepEqual(ws.of('answer'), [{ t: 'answer', n: 1, choice: ['b1'], flag: false, seq: 41 }]);
    ws.deliver({ t: 'ack', seq: 41 });
    assert.equal(conn.saveState, 'saved');
    assert.deepEqual(seen.filter(([e]) => e === 'save').map(([, s]) => s), ['saved', 'saving', 'saved']);
});

test('connection: offline answers are kept, then replayed in seq order after reconnect and paper', () => {
    const { world, conn, storage } = connect();
    welcome(world.last());
    world.last().deliver(PAPER);
    conn.answer(0, ['b0'], false); // 41, acked
    world.last().deliver({ t: 'ack', seq: 41 });
    world.last().close(); // the server went away
    assert.equal(conn.saveState, 'offline');
    conn.answer(1, ['a1'], true); // 42
    conn.answer(2, ['b2'], false); // 43
    conn.sendEvent('focus_lost', 'blur');
    assert.deepEqual(JSON.parse(storage.getItem('phongthi.outbox.12')).map((e) => e.seq), [42, 43]);
    world.advance(1000); // backoff 500 ms with random() = 1 -> 500 ms
    assert.equal(world.sockets.length, 2);
    const ws = world.last();
    welcome(ws);
    assert.deepEqual(ws.of('answer'), [], 'nothing is replayed before the paper');
    ws.deliver({ ...PAPER, last_seq: 41, answers: [{ n: 0, choice: ['b0'], flag: false, seq: 41 }] });
    assert.deepEqual(ws.of('answer').map((m) => [m.seq, m.n]), [[42, 1], [43, 2]]);
    assert.equal(ws.of('event')[0].kind, 'focus_lost');
    ws.deliver({ t: 'ack', seq: 42 });
    ws.deliver({ t: 'ack', seq: 43, stale: true });
    assert.equal(conn.saveState, 'saved');
    assert.equal(storage.getItem('phongthi.outbox.12'), null);
});

test('connection: a reload replays the stored outbox and shows its answers over the paper', () => {
    const storage = memoryStorage();
    storage.setItem('phongthi.outbox.12', JSON.stringify([{ n: 0, choice: ['b0'], flag: true, seq: 41 }]));
    const { world, conn, seen } = connect(storage);
    welcome(world.last());
    world.last().deliver(PAPER);
    const { answers } = seen.find(([e]) => e === 'paper')[1];
    assert.deepEqual(answers.get(0), { choice: ['b0'], flag: true, seq: 41, pending: true });
    assert.deepEqual(world.last().of('answer').map((m) => m.seq), [41]);
    assert.equal(conn.answer(2, ['a2'], false).seq, 42, 'numbering continues after the stored outbox');
});

test('connection: nack paused stays and goes again after clock paused:false; other nacks drop', () => {
    const { world, conn, seen } = connect();
    welcome(world.last());
    const ws = world.last();
    ws.deliver(PAPER);
    conn.answer(1, ['a1'], false); // 41
    conn.answer(2, ['a2'], false); // 42
    ws.deliver({ t: 'clock', deadline: PAPER.deadline, paused: true, server_time: 1_060_000, reason: 'paused' });
    ws.deliver({ t: 'nack', seq: 41, code: 'paused', message: 'tạm dừng' });
    ws.deliver({ t: 'nack', seq: 42, code: 'bad_option', message: 'sai' });
    assert.equal(conn.outbox.size, 1);
    assert.equal(conn.remaining(), 45 * 60000 - 60000, 'frozen while paused');
    assert.deepEqual(seen.filter(([e]) => e === 'nack').map(([, d]) => d.code), ['paused', 'bad_option']);
    ws.sent.length = 0;
    ws.deliver({ t: 'clock', deadline: PAPER.deadline + 120000, paused: false, server_time: 1_180_000, reason: 'resumed' });
    assert.deepEqual(ws.of('answer').map((m) => m.seq), [41]);
    ws.deliver({ t: 'ack', seq: 41 });
    assert.equal(conn.saveState, 'saved');
});

test('connection: submit has no seq and goes after the replay; it waits while offline; submitted ends the connection', () => {
    const { world, conn, seen } = connect();
    welcome(world.last());
    world.last().deliver(PAPER);
    conn.answer(1, ['a1'], false); // 41
    world.last().close();
    conn.submit();
    world.advance(1000);
    const ws = world.last();
    welcome(ws);
    ws.deliver({ ...PAPER, last_seq: 40 });
    assert.deepEqual(ws.sent.filter((m) => m.t === 'answer' || m.t === 'submit'),
        [{ t: 'answer', n: 1, choice: ['a1'], flag: false, seq: 41 }, { t: 'submit' }]);
    ws.deliver({ t: 'submitted', attempt: 12, at: 1_100_000, auto: false, answered: 2, total: 3, result: null });
    assert.equal(seen.at(-1)[0], 'submitted');
    assert.equal(ws.readyState, 3);
    world.advance(60000);
    assert.equal(world.sockets.length, 2, 'no reconnect after submitted');
});

test('connection: a submit refused with error not_running stops asking and reports it; no resend after reconnect', () => {
    const { world, conn, seen } = connect();
    welcome(world.last());
    world.last().deliver(PAPER);
    conn.submit();
    assert.deepEqual(world.last().of('submit'), [{ t: 'submit' }]);
    world.last().deliver({ t: 'error', code: 'not_running', message: 'Bài thi không còn đang diễn ra.' });
    assert.deepEqual(seen.slice(-2), [
        ['submit_refused', { code: 'not_running', message: 'Bài thi không còn đang diễn ra.' }],
        ['error', { code: 'not_running', message: 'Bài thi không còn đang diễn ra.' }],
    ]);
    assert.equal(conn.submitWanted, false);
    world.last().close();
    world.advance(1000);
    welcome(world.last());
    world.last().deliver(PAPER);
    assert.deepEqual(world.last().of('submit'), [], 'a refused submit is not sent again');
    // An error that is not about the submit leaves a wanted submit alone.
    conn.submit();
    world.last().deliver({ t: 'error', code: 'bad_request', message: 'x' });
    assert.equal(conn.submitWanted, true);
});

test('answer file: per question the newest state from the paper, the acks and the outbox; no texts', () => {
    const { world, conn, storage } = connect();
    welcome(world.last());
    assert.equal(conn.answerFile('thisinh01'), null, 'nothing before the paper');
    const ws = world.last();
    ws.deliver({ ...PAPER,
        questions: [0, 1, 2, 3].map((n) => ({ n, stem: `Câu hỏi bí mật ${n}`, format: 'plain', multiple: n === 3, points: 1,
            options: [{ id: `a${n}`, text: 'Phương án A' }, { id: `b${n}`, text: 'Phương án B' }], media: [] })),
        answers: [{ n: 0, choice: ['a0'], flag: false, seq: 17 }, { n: 2, choice: ['a2'], flag: true, seq: 30 }] });
    conn.answer(1, ['b1'], false); // 41, acked
    ws.deliver({ t: 'ack', seq: 41 });
    conn.answer(2, ['b2'], false); // 42, acked stale: the paper's seq 30 stays what the server is known to hold
    ws.deliver({ t: 'ack', seq: 42, stale: true });
    ws.close(); // offline from here
    conn.answer(0, ['b0'], true); // 43, in the outbox
    conn.answer(3, ['a3', 'b3'], false); // 44
    conn.answer(3, ['b3'], false); // 45: the newer state of question 4 wins
    const file = conn.answerFile('thisinh01', 1_764_120_000_000);
    assert.deepEqual(file, {
        format: 'phongthi-answers', version: 1, exam: 7, attempt: 12, username: 'thisinh01', saved_at: 1_764_120_000_000,
        answers: [
            { n: 0, choice: ['b0'], flag: true, seq: 43 },
            { n: 1, choice: ['b1'], flag: false, seq: 41 },
            { n: 2, choice: ['a2'], flag: true, seq: 30 },
            { n: 3, choice: ['b3'], flag: false, seq: 45 },
        ],
    });
    const text = JSON.stringify(file);
    assert.doesNotMatch(text, /Câu hỏi|Phương án|stem|text/, 'no question or option text in the file');
    // A reload (a new page on the same storage) builds the same file from the stored outbox and the next paper.
    const again = connect(storage);
    welcome(again.world.last());
    again.world.last().deliver({ ...PAPER, questions: PAPER.questions.concat([{ ...PAPER.questions[0], n: 3 }]), last_seq: 42,
        answers: [{ n: 0, choice: ['a0'], flag: false, seq: 17 }, { n: 1, choice: ['b1'], flag: false, seq: 41 },
            { n: 2, choice: ['a2'], flag: true, seq: 30 }] });
    assert.deepEqual(again.conn.answerFile('thisinh01', 1_764_120_000_000), file);
    // Name, data: URL, and reading it back.
    assert.equal(answerFileName(7, 'thisinh01', new Date(2026, 10, 26, 9, 5)), 'phongthi-7-thisinh01-20261126-0905.json');
    assert.equal(answerFileName(7, 'lê an/..', new Date(2026, 0, 2, 13, 40)), 'phongthi-7-l_an_..-20260102-1340.json');
    const url = answerFileUrl(file);
    assert.match(url, /^data:application\/json;charset=utf-8,/);
    assert.deepEqual(readAnswerFile(decodeURIComponent(url.slice(url.indexOf(',') + 1))), file);
    assert.equal(readAnswerFile('{"format":"other"}'), null);
    assert.equal(readAnswerFile('not json'), null);
    assert.deepEqual(buildAnswerFile({ exam: '7', attempt: 12, username: 'x', savedAt: 5,
        answers: new Map([[1, { choice: [], flag: true, seq: 3 }], [0, { choice: ['q'], flag: false, seq: 0 }]]) }).answers,
    [{ n: 1, choice: [], flag: true, seq: 3 }], 'entries without a seq are left out, a cleared choice stays');
});

test('answer file: sealed to the server key, only the private key opens it (ECDH P-256, HKDF-SHA256, AES-256-GCM)', async () => {
    const server = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const spki = server.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const file = buildAnswerFile({ exam: 7, attempt: 12, username: 'thisinh01', savedAt: 5,
        answers: new Map([[0, { choice: ['opt_k3'], flag: true, seq: 4 }]]) });
    const sealed = await sealAnswerFile(file, { alg: SEAL_ALGORITHM, spki }, webcrypto.subtle);
    assert.deepEqual([sealed.format, sealed.version, sealed.alg, sealed.exam, sealed.attempt, sealed.username],
        ['phongthi-answers-sealed', 2, SEAL_ALGORITHM, 7, 12, 'thisinh01']);
    // '_' is outside the base64 alphabet, so the sealed text cannot hold this id by chance.
    assert.ok(!JSON.stringify(sealed).includes('opt_k3'), 'no option id in the clear');
    assert.deepEqual(readAnswerFile(JSON.stringify(sealed)), sealed, 'the proctor page accepts it');

    // Opened the way the server does (server/exams/answer_file_crypto.cpp), with Node's OpenSSL.
    const epk = createPublicKey({ key: Buffer.from(sealed.epk, 'base64'), format: 'der', type: 'spki' });
    const secret = diffieHellman({ privateKey: server.privateKey, publicKey: epk });
    const key = Buffer.from(hkdfSync('sha256', secret, 'phongthi-answers', 'phongthi answer file v2', 32));
    const data = Buffer.from(sealed.data, 'base64');
    const open = (aad) => {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
        decipher.setAAD(Buffer.from(aad));
        decipher.setAuthTag(data.subarray(data.length - 16));
        return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString();
    };
    assert.deepEqual(JSON.parse(open('phongthi-answers:7:12')), file);
    assert.throws(() => open('phongthi-answers:7:13'), 'bound to its exam and attempt');

    assert.equal(await sealAnswerFile(file, { alg: SEAL_ALGORITHM, spki }, null), null, 'no WebCrypto (plain HTTP): null');
    assert.equal(await sealAnswerFile(file, null, webcrypto.subtle), null, 'no key in the paper: null');
    assert.equal(await sealAnswerFile(file, { alg: 'RSA', spki }, webcrypto.subtle), null, 'another algorithm: null');
});

test('connection: backoff doubles to 10 s; a dead line is noticed by silence; unauthenticated stops', () => {
    const { world, seen } = connect();
    const times = [];
    for (let i = 0; i < 7; i++) {
        const before = world.sockets.length;
        world.last().close();
        const start = world.time;
        while (world.sockets.length === before) world.advance(50);
        times.push(world.time - start);
    }
    assert.deepEqual(times, [500, 1000, 2000, 4000, 8000, 10000, 10000]);
    welcome(world.last());
    const ws = world.last();
    world.advance(15000);
    const ping = ws.of('ping').at(-1);
    ws.deliver({ t: 'pong', id: ping.id, server_time: world.time + 5000 });
    assert.equal(world.sockets.length, 8);
    world.advance(60000); // no message at all: reconnect
    assert.equal(world.sockets.length >= 9, true);
    const again = world.last();
    again.open();
    again.deliver({ t: 'error', code: 'unauthenticated', message: 'x' });
    assert.equal(seen.at(-1)[1].code, 'unauthenticated');
    const count = world.sockets.length;
    world.advance(60000);
    assert.equal(world.sockets.length, count, 'no reconnect without a session');
});

test('connection: join errors (start code) reach the page; join again with the code', () => {
    const { world, conn, seen } = connect();
    welcome(world.last());
    world.last().deliver({ t: 'error', code: 'start_code_required', message: 'Cần mã' });
    assert.deepEqual(seen.at(-1), ['error', { code: 'start_code_required', message: 'Cần mã' }]);
    conn.join('482913');
    assert.deepEqual(world.last().of('join').at(-1), { t: 'join', exam: 7, start_code: '482913' });
});

test('room watch: watch after welcome, feed events', () => {
    const world = fakeWorld();
    const watch = new RoomWatch({ exam: 7, url: 'ws://x/ws', token: 't', WebSocket: world.WebSocket,
        now: () => world.time, random: () => 1, timers: world.timersApi });
    const got = [];
    for (const e of ['room', 'candidate', 'alert', 'room_state', 'connection']) watch.on(e, (m) => got.push(e));
    watch.start();
    welcome(world.last());
    assert.deepEqual(world.last().of('watch'), [{ t: 'watch', exam: 7 }]);
    world.last().deliver({ t: 'error', code: 'exam_not_open', message: 'chưa mở' });
    watch.rewatch(); // the proctor opened the room
    assert.deepEqual(world.last().of('watch'), [{ t: 'watch', exam: 7 }, { t: 'watch', exam: 7 }]);
    world.last().deliver({ t: 'room', exam: {}, candidates: [], server_time: 1 });
    world.last().deliver({ t: 'alert', user: 5 });
    world.last().close();
    assert.deepEqual(got, ['connection', 'room', 'alert', 'connection']);
    watch.stop();
});

await run();
