// The candidate's unsent answers, without the DOM or the network, so it can be tested in Node.
//
// Every answer gets a seq (one more than any seq seen for the attempt: the paper's last_seq, the
// answers on the paper, the outbox, and what this page has numbered already). It is written to
// storage (localStorage key phongthi.outbox.<attempt>) before it is sent, and leaves the outbox
// on ack, ack stale, or nack — except a nack "paused", which stays held until the clock runs
// again. After every (re)connect and paper, pending() gives what to send again, in seq order.

export const OUTBOX_PREFIX = 'phongthi.outbox.';

/** The storage key of an attempt's outbox. */
export function outboxKey(attempt) {
    return `${OUTBOX_PREFIX}${attempt}`;
}

function cleanEntry(raw) {
    if (!raw || typeof raw !== 'object') return null;
    const n = Number(raw.n);
    const seq = Number(raw.seq);
    if (!Number.isInteger(n) || n < 0 || !Number.isInteger(seq) || seq <= 0) return null;
    return {
        n,
        choice: Array.isArray(raw.choice) ? raw.choice.map(String) : [],
        flag: Boolean(raw.flag),
        seq,
        held: Boolean(raw.held),
    };
}

export class Outbox {
    /** storage: a Storage-like object (getItem/setItem/removeItem), or null to keep it in memory. */
    constructor(attempt, storage) {
        this.key = outboxKey(attempt);
        this.storage = storage || null;
        this.entries = new Map(); // seq -> entry
        this.lastSeq = 0;
        for (const entry of this.read()) {
            this.entries.set(entry.seq, entry);
            this.lastSeq = Math.max(this.lastSeq, entry.seq);
        }
    }

    read() {
        if (!this.storage) return [];
        try {
            const list = JSON.parse(this.storage.getItem(this.key) || '[]');
            return Array.isArray(list) ? list.map(cleanEntry).filter(Boolean) : [];
        } catch {
            return [];
        }
    }

    /** Write the outbox; throws when storage refuses (full), so the caller knows it is not kept. */
    write() {
        if (!this.storage) return;
        if (!this.entries.size) {
            this.storage.removeItem(this.key);
            return;
        }
        this.storage.setItem(this.key, JSON.stringify(this.pending().map(({ n, choice, flag, seq, held }) =>
            (held ? { n, choice, flag, seq, held } : { n, choice, flag, seq }))));
    }

    /** Note seqs the server already has (the paper's last_seq and answers): numbering continues after them. */
    noteServerSeq(seq) {
        const value = Number(seq);
        if (Number.isFinite(value) && value > this.lastSeq) this.lastSeq = value;
    }

    /** Number a new answer, store it and return it ({n, choice, flag, seq}). */
    add(n, choice, flag) {
        const entry = { n, choice: [...choice].map(String), flag: Boolean(flag), seq: this.lastSeq + 1, held: false };
        this.lastSeq = entry.seq;
        this.entries.set(entry.seq, entry);
        try {
            this.write();
            entry.stored = true;
        } catch {
            entry.stored = false; // still sent; only a reload would lose it
        }
        return entry;
    }

    /** An ack (stale or not): the answer is done with. Returns the entry or null. */
    ack(seq) {
        return this.drop(seq);
    }

    /** A nack: dropped for good, except code "paused", which is held for a resend. Returns the entry or null. */
    nack(seq, code) {
        const entry = this.entries.get(Number(seq));
        if (!entry) return null;
        if (code === 'paused') {
            entry.held = true;
            this.safeWrite();
            return entry;
        }
        return this.drop(seq);
    }

    /** The clock runs again: every held answer may go out again. */
    release() {
        let changed = false;
        for (const entry of this.entries.values()) {
            if (entry.held) {
                entry.held = false;
                changed = true;
            }
        }
        if (changed) this.safeWrite();
    }

    drop(seq) {
        const entry = this.entries.get(Number(seq));
        if (!entry) return null;
        this.entries.delete(entry.seq);
        this.safeWrite();
        return entry;
    }

    safeWrite() {
        try {
            this.write();
        } catch {
            // Storage full: the in-memory outbox is still right for this page.
        }
    }

    /** Every unacked answer in seq order (held ones included). */
    pending() {
        return [...this.entries.values()].sort((a, b) => a.seq - b.seq);
    }

    /** Unacked answers that may be sent now (not held by a pause), in seq order. */
    sendable() {
        return this.pending().filter((e) => !e.held);
    }

    get size() {
        return this.entries.size;
    }
}

/**
 * The state to show for each question: the paper's saved answers with the local outbox laid over
 * them; for each question the answer with the highest seq wins. Returns Map n -> {choice, flag,
 * seq, pending} (pending: the shown state is not yet acked).
 */
export function mergeAnswers(paperAnswers, outboxEntries) {
    const out = new Map();
    for (const a of paperAnswers || []) {
        const entry = cleanEntry({ ...a, seq: a.seq || 1 });
        if (!entry) continue;
        const seq = Number(a.seq) || 0;
        const known = out.get(entry.n);
        if (!known || seq > known.seq) out.set(entry.n, { choice: entry.choice, flag: entry.flag, seq, pending: false });
    }
    for (const e of outboxEntries || []) {
        const known = out.get(e.n);
        if (!known || e.seq > known.seq) out.set(e.n, { choice: [...e.choice], flag: e.flag, seq: e.seq, pending: true });
    }
    return out;
}

/** saved (nothing unacked), saving (unacked, connected) or offline (not connected). */
export function saveState(connected, outboxSize) {
    if (!connected) return 'offline';
    return outboxSize ? 'saving' : 'saved';
}

/**
 * Milliseconds since the epoch, like Date.now(), but from the page's monotonic clock: a change of
 * this PC's date while the page is open does not move it, so time left stays right.
 */
export const monotonicNow = () => performance.timeOrigin + performance.now();

/**
 * Clock offset from ping samples: offset = server_time + rtt/2 - receive time, from the sample with
 * the lowest round trip among the last `keep`. Messages without a round trip (paper, clock) count
 * only while no ping sample exists.
 */
export class ClockOffset {
    constructor(keep = 8) {
        this.keep = keep;
        this.samples = [];
        this.fallback = null;
    }

    /** A pong: sent and received are client times (ms), serverTime the server's. */
    addPing(sentAt, receivedAt, serverTime) {
        const rtt = Math.max(0, receivedAt - sentAt);
        this.samples.push({ rtt, offset: serverTime + rtt / 2 - receivedAt });
        if (this.samples.length > this.keep) this.samples.shift();
    }

    /** A server_time in a paper or clock message received at receivedAt. */
    addPlain(receivedAt, serverTime) {
        if (Number.isFinite(serverTime)) this.fallback = serverTime - receivedAt;
    }

    /** Milliseconds to add to the client's clock to get the server's. */
    get value() {
        if (this.samples.length) {
            let best = this.samples[0];
            for (const s of this.samples) if (s.rtt < best.rtt) best = s;
            return best.offset;
        }
        return this.fallback === null ? 0 : this.fallback;
    }
}

/** Reconnect delays: 0.5 s doubling to 10 s, each jittered to between half and all of it. */
export function backoffDelay(attempt, random = Math.random) {
    const base = Math.min(10000, 500 * 2 ** Math.max(0, attempt));
    return Math.round(base / 2 + (base / 2) * random());
}
