// Time and number formats of the exam screens, without the DOM.

/** "mm:ss" under an hour, "h:mm:ss" from an hour; negative counts as zero. */
export function formatDuration(ms) {
    const total = Math.max(0, Math.ceil((Number(ms) || 0) / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    const two = (n) => String(n).padStart(2, '0');
    return hours ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** A date and time (ms since epoch or ISO text) in the UI language; '' when missing. */
export function formatDateTime(value, lang) {
    if (value === null || value === undefined || value === '') return '';
    const date = new Date(typeof value === 'number' ? value : String(value));
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
        day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).format(date);
}

/** A number of points without trailing zeros, with the UI language's decimal mark. */
export function formatPoints(value, lang) {
    const n = Number(value);
    if (!Number.isFinite(n)) return '';
    return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(n);
}

/** "1, 4, 7–9" from question positions (0-based) shown 1-based. */
export function numberList(positions) {
    const sorted = [...new Set(positions)].sort((a, b) => a - b).map((n) => n + 1);
    const parts = [];
    for (let i = 0; i < sorted.length; i++) {
        let j = i;
        while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
        parts.push(j - i >= 2 ? `${sorted[i]}–${sorted[j]}` : sorted.slice(i, j + 1).join(', '));
        i = j;
    }
    return parts.join(', ');
}

/** What a key press does on the exam screen: {choose: index} | {move: ±1} | {flag: true} | null. */
export function examKey(key) {
    if (/^[1-9]$/.test(key)) return { choose: Number(key) - 1 };
    const lower = String(key).toLowerCase();
    if (lower === 'f') return { flag: true }; // F flags; the sixth option is key 6
    if (/^[a-j]$/.test(lower)) return { choose: lower.charCodeAt(0) - 97 };
    if (key === 'ArrowRight' || lower === 'n') return { move: 1 };
    if (key === 'ArrowLeft' || lower === 'p') return { move: -1 };
    return null;
}
