// The WebSocket to /ws (docs/PROTOCOL.md), without the DOM so it runs under Node in the tests.
//
// Socket: hello with the session token, reconnect with backoff (0.5 s doubling to 10 s, jittered),
// ping every 15 s for the clock offset and to notice a dead line. ExamConnection (candidates)
// joins an exam and keeps the answer outbox (outbox.js); RoomWatch (staff) watches a room.
// Both report through on(event, fn).
import { getToken } from '../api.js';
import { getLang } from '../i18n.js';
import { Outbox, ClockOffset, backoffDelay, mergeAnswers, saveState, monotonicNow } from './outbox.js';
import { buildAnswerFile } from './answer_file.js';

export const PING_MS = 15000;
const SILENCE_MS = 40000; // no message for this long: the line is dead, reconnect
const MAX_QUEUED_EVENTS = 100;

/** ws://host/ws or wss://host/ws for the page's own address. */
export function socketUrl(loc = globalThis.location) {
    return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/ws`;
}

class Emitter {
    constructor() {
        this.handlers = new Map();
    }

    on(event, fn) {
        if (!this.handlers.has(event)) this.handlers.set(event, new Set());
        this.handlers.get(event).add(fn);
        return () => this.handlers.get(event).delete(fn);
    }

    emit(event, data) {
        for (const fn of this.handlers.get(event) || []) fn(data);
    }
}

/**
 * One authenticated connection that comes back by itself.
 * options: url, token, lang (the UI language for the server's messages; the page's by default),
 * WebSocket (constructor), now(), random(), timers {setTimeout, clearTimeout,
 * setInterval, clearInterval}. Events: 'open' (welcome received), 'down', 'message' (every frame),
 * 'unauthenticated'.
 */
export class Socket extends Emitter {
    constructor(options = {}) {
        super();
        this.url = options.url || socketUrl();
        this.token = options.token || null;
        this.lang = options.lang || null;
        this.WebSocket = options.WebSocket || globalThis.WebSocket;
        this.now = options.now || monotonicNow;
        this.random = options.random || Math.random;
        this.timers = options.timers || globalThis;
        this.ws = null;
        this.ready = false; // welcome received
        this.stopped = true;
        this.failures = 0;
        this.retryTimer = null;
        this.pingTimer = null;
        this.pingId = 0;
        this.pings = new Map(); // id -> client time sent
        this.lastHeard = 0;
        this.clock = new ClockOffset();
        this.user = null;
    }

    start() {
        if (!this.stopped) return;
        this.stopped = false;
        this.connect();
    }

    stop() {
        this.stopped = true;
        this.timers.clearTimeout(this.retryTimer);
        this.timers.clearInterval(this.pingTimer);
        if (this.ws) {
            const ws = this.ws;
            this.ws = null;
            try {
                ws.close(1000);
            } catch {
                // Already closed.
            }
        }
        this.ready = false;
    }

    /** The server's clock now (ms since epoch). */
    serverNow() {
        return this.now() + this.clock.value;
    }

    connect() {
        if (this.stopped) return;
        let ws;
        try {
            ws = new this.WebSocket(this.url);
        } catch {
            this.scheduleRetry();
            return;
        }
        this.ws = ws;
        ws.onopen = () => {
            if (ws !== this.ws) return;
            this.lastHeard = this.now();
            this.send({ t: 'hello', token: this.token !== null ? this.token : getToken(), lang: this.lang || getLang() });
            this.ping();
            this.timers.clearInterval(this.pingTimer);
            this.pingTimer = this.timers.setInterval(() => this.tick(), PING_MS);
        };
        ws.onmessage = (event) => {
            if (ws !== this.ws) return;
            this.lastHeard = this.now();
            let msg;
            try {
                msg = JSON.parse(event.data);
            } catch {
                return;
            }
            if (!msg || typeof msg !== 'object') return;
            this.receive(msg);
        };
        ws.onclose = () => {
            if (ws !== this.ws) return;
            this.down();
        };
        ws.onerror = () => {
            // onclose follows.
        };
    }

    receive(msg) {
        if (msg.t === 'pong') {
            const sent = this.pings.get(msg.id);
            this.pings.delete(msg.id);
            if (sent !== undefined && Number.isFinite(msg.server_time)) this.clock.addPing(sent, this.now(), msg.server_time);
        } else if (msg.t === 'welcome') {
            this.ready = true;
            this.failures = 0;
            this.user = msg.user || null;
            if (Number.isFinite(msg.server_time)) this.clock.addPlain(this.now(), msg.server_time);
            this.emit('open', msg);
        } else if (msg.t === 'error' && msg.code === 'unauthenticated') {
            this.emit('unauthenticated', msg);
            this.stop();
            return;
        } else if (Number.isFinite(msg.server_time) && (msg.t === 'paper' || msg.t === 'clock' || msg.t === 'waiting')) {
            this.clock.addPlain(this.now(), msg.server_time);
        }
        this.emit('message', msg);
    }

    tick() {
        if (this.now() - this.lastHeard > SILENCE_MS && this.ws) {
            // A cable pulled out: the browser may not notice for minutes.
            const ws = this.ws;
            try {
                ws.close();
            } catch {
                // Ignore.
            }
            this.down();
            return;
        }
        this.ping();
    }

    ping() {
        this.pingId += 1;
        this.pings.set(this.pingId, this.now());
        if (this.pings.size > 20) this.pings.delete(this.pings.keys().next().value);
        this.send({ t: 'ping', id: this.pingId });
    }

    down() {
        const wasReady = this.ready;
        this.ws = null;
        this.ready = false;
        this.timers.clearInterval(this.pingTimer);
        this.pings.clear();
        if (wasReady || this.failures === 0) this.emit('down');
        this.scheduleRetry();
    }

    scheduleRetry() {
        if (this.stopped) return;
        const delay = backoffDelay(this.failures, this.random);
        this.failures += 1;
        this.timers.clearTimeout(this.retryTimer);
        this.retryTimer = this.timers.setTimeout(() => this.connect(), delay);
    }

    /** Send one message; false when not connected. */
    send(msg) {
        const ws = this.ws;
        if (!ws || ws.readyState !== 1) return false;
        try {
            ws.send(JSON.stringify(msg));
            return true;
        } catch {
            return false;
        }
    }

    get connected() {
        return this.ready;
    }
}

/**
 * A candidate's attempt at one exam. options: as Socket, plus exam (id), startCode, storage
 * (localStorage by default). Events:
 *   paper {paper, answers: Map n -> {choice, flag, seq, pending}}   waiting {exam}
 *   clock {deadline, paused, reason}   submitted {...message}   taken_over   resume_pending
 *   voided {reason}   error {code, message}   submit_refused {code, message} (then error too)
 *   save 'saved'|'saving'|'offline'
 *   nack {seq, code, message, entry}   connection true|false
 */
export class ExamConnection extends Emitter {
    constructor(options = {}) {
        super();
        this.exam = options.exam;
        this.startCode = options.startCode || null;
        this.storage = options.storage !== undefined ? options.storage : safeLocalStorage();
        this.socket = options.socket || new Socket(options);
        this.outbox = null;
        this.paper = null;
        this.saved = new Map(); // n -> {choice, flag, seq}: what the server holds, as far as this page knows
        this.deadline = null;
        this.paused = false;
        this.pausedRemaining = null;
        this.done = false;
        this.submitWanted = false;
        this.events = [];
        this.lastState = null;
        this.socket.on('open', () => {
            this.emit('connection', true);
            this.join();
        });
        this.socket.on('down', () => {
            this.emit('connection', false);
            this.updateSave();
        });
        this.socket.on('message', (msg) => this.receive(msg));
        this.socket.on('unauthenticated', (msg) => this.emit('error', { code: 'unauthenticated', message: msg.message }));
    }

    start() {
        this.socket.start();
    }

    stop() {
        this.socket.stop();
    }

    serverNow() {
        return this.socket.serverNow();
    }

    get connected() {
        return this.socket.connected;
    }

    /** Join (again), e.g. with a start code typed after start_code_required. */
    join(startCode) {
        if (startCode !== undefined) this.startCode = startCode || null;
        if (this.done) return;
        const msg = { t: 'join', exam: this.exam };
        if (this.startCode) msg.start_code = this.startCode;
        this.socket.send(msg);
    }

    receive(msg) {
        switch (msg.t) {
            case 'waiting':
                this.emit('waiting', msg);
                break;
            case 'paper':
                this.onPaper(msg);
                break;
            case 'ack':
                this.onAck(msg);
                break;
            case 'nack':
                this.onNack(msg);
                break;
            case 'clock':
                this.onClock(msg);
                break;
            case 'submitted':
                this.done = true;
                this.submitWanted = false;
                this.emit('submitted', msg);
                this.stop();
                break;
            case 'taken_over':
                this.done = true;
                this.emit('taken_over', msg);
                this.stop();
                break;
            case 'resume_pending':
                this.emit('resume_pending', msg);
                break;
            case 'voided':
                this.done = true;
                this.emit('voided', msg);
                this.stop();
                break;
            case 'error':
                if (this.submitWanted && this.paper && (msg.code === 'not_running' || msg.code === 'taken_over')) {
                    // The submit found no running attempt here: nothing to retry.
                    this.submitWanted = false;
                    this.emit('submit_refused', { code: msg.code, message: msg.message || '' });
                }
                this.emit('error', { code: msg.code, message: msg.message || '' });
                break;
            default:
                break;
        }
    }

    onPaper(paper) {
        if (!this.outbox || this.outbox.key !== `phongthi.outbox.${paper.attempt}`) {
            this.outbox = new Outbox(paper.attempt, this.storage);
        }
        if (!this.paper || this.paper.attempt !== paper.attempt) this.saved.clear();
        this.outbox.noteServerSeq(paper.last_seq);
        for (const a of paper.answers || []) {
            this.outbox.noteServerSeq(a.seq);
            this.noteSaved(a);
        }
        this.paper = paper;
        this.deadline = paper.deadline;
        this.paused = Boolean(paper.paused);
        this.pausedRemaining = this.paused ? paper.deadline - paper.server_time : null;
        this.emit('paper', { paper, answers: mergeAnswers(paper.answers, this.outbox.pending()) });
        if (!this.paused) this.outbox.release();
        this.replay();
        this.flushEvents();
        if (this.submitWanted) this.sendSubmit();
        this.updateSave();
    }

    onAck(msg) {
        if (!this.outbox) return;
        const entry = this.outbox.ack(msg.seq);
        if (!entry) return;
        // A stale ack: the server holds a newer state of that question, which this page may not know.
        if (!msg.stale) this.noteSaved(entry);
        this.updateSave();
    }

    /** Remember a state of question n the server holds (the highest seq wins). */
    noteSaved(a) {
        const n = Number(a.n);
        const seq = Number(a.seq) || 0;
        if (!Number.isInteger(n) || n < 0) return;
        const known = this.saved.get(n);
        if (known && known.seq >= seq) return;
        this.saved.set(n, { choice: Array.isArray(a.choice) ? a.choice.map(String) : [], flag: Boolean(a.flag), seq });
    }

    /** Per question, the newest state this browser knows, saved or not: Map n -> {choice, flag, seq, pending}. */
    newestAnswers() {
        const saved = [...this.saved].map(([n, a]) => ({ n, ...a }));
        return mergeAnswers(saved, this.outbox ? this.outbox.pending() : []);
    }

    /**
     * The answer file of docs/EXAMS.md ("Answer files") for this attempt, or null before the
     * paper: positions, option ids, flags and seqs only, never a text of the paper.
     */
    answerFile(username, savedAt = this.socket.now()) {
        if (!this.paper) return null;
        return buildAnswerFile({
            exam: this.paper.exam && this.paper.exam.id !== undefined ? this.paper.exam.id : this.exam,
            attempt: this.paper.attempt,
            username,
            savedAt,
            answers: this.newestAnswers(),
        });
    }

    onNack(msg) {
        if (!this.outbox) return;
        const entry = this.outbox.nack(msg.seq, msg.code);
        if (!entry) return;
        this.emit('nack', { seq: msg.seq, code: msg.code, message: msg.message || '', entry });
        this.updateSave();
    }

    onClock(msg) {
        const wasPaused = this.paused;
        if (Number.isFinite(msg.deadline)) this.deadline = msg.deadline;
        this.paused = Boolean(msg.paused);
        const now = Number.isFinite(msg.server_time) ? msg.server_time : this.serverNow();
        this.pausedRemaining = this.paused ? this.deadline - now : null;
        this.emit('clock', { deadline: this.deadline, paused: this.paused, reason: msg.reason || '' });
        if (wasPaused && !this.paused && this.outbox) {
            this.outbox.release();
            this.replay();
        }
    }

    /** Send every unacked answer in seq order. */
    replay() {
        if (!this.outbox || !this.paper) return;
        for (const entry of this.outbox.sendable()) this.sendAnswer(entry);
    }

    sendAnswer(entry) {
        return this.socket.send({ t: 'answer', n: entry.n, choice: entry.choice, flag: entry.flag, seq: entry.seq });
    }

    /** The candidate changed question n: store it, then send it. Returns the entry. */
    answer(n, choice, flag) {
        if (!this.outbox || this.done) return null;
        const entry = this.outbox.add(n, choice, flag);
        if (this.paper && this.socket.connected) this.sendAnswer(entry);
        this.updateSave();
        return entry;
    }

    /** Hand in; sent now, or after the next paper when offline. */
    submit() {
        this.submitWanted = true;
        if (this.paper && this.socket.connected) this.sendSubmit();
    }

    /** Every answer sent before it on this connection is saved first (docs/PROTOCOL.md). */
    sendSubmit() {
        this.socket.send({ t: 'submit' });
    }

    /** An integrity signal; kept in memory and sent later when offline. */
    sendEvent(kind, detail) {
        const msg = { t: 'event', kind, at: this.socket.now() };
        if (detail) msg.detail = String(detail);
        if (this.paper && this.socket.connected && this.socket.send(msg)) return;
        this.events.push(msg);
        if (this.events.length > MAX_QUEUED_EVENTS) this.events.shift();
    }

    flushEvents() {
        const queued = this.events;
        this.events = [];
        for (const msg of queued) if (!this.socket.send(msg)) this.events.push(msg);
    }

    /** Milliseconds left on the server's clock (frozen while paused), or null before the paper. */
    remaining() {
        if (this.deadline === null) return null;
        if (this.paused && this.pausedRemaining !== null) return Math.max(0, this.pausedRemaining);
        return Math.max(0, this.deadline - this.serverNow());
    }

    get saveState() {
        return saveState(this.socket.connected && Boolean(this.paper), this.outbox ? this.outbox.size : 0);
    }

    updateSave() {
        const state = this.saveState;
        if (state !== this.lastState) {
            this.lastState = state;
            this.emit('save', state);
        }
    }
}

/**
 * A proctor's live view of one exam room. Events: room, candidate, alert, room_state (the
 * messages as sent), connection true|false, error {code, message}.
 */
export class RoomWatch extends Emitter {
    constructor(options = {}) {
        super();
        this.exam = options.exam;
        this.socket = options.socket || new Socket(options);
        this.socket.on('open', () => this.socket.send({ t: 'watch', exam: this.exam }));
        this.socket.on('down', () => this.emit('connection', false));
        this.socket.on('unauthenticated', (msg) => this.emit('error', { code: 'unauthenticated', message: msg.message }));
        this.socket.on('message', (msg) => {
            if (msg.t === 'room') this.emit('connection', true);
            if (['room', 'candidate', 'alert', 'room_state'].includes(msg.t)) this.emit(msg.t, msg);
            else if (msg.t === 'error') this.emit('error', { code: msg.code, message: msg.message || '' });
        });
    }

    start() {
        this.socket.start();
    }

    stop() {
        this.socket.stop();
    }

    /** Ask for the room again (it opened after a refused watch); later reconnects watch by themselves. */
    rewatch() {
        if (this.socket.connected) this.socket.send({ t: 'watch', exam: this.exam });
    }

    serverNow() {
        return this.socket.serverNow();
    }
}

function safeLocalStorage() {
    try {
        return globalThis.localStorage || null;
    } catch {
        return null;
    }
}
