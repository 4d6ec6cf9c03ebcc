// Question-bank logic without the DOM: levels, formats, answer letters, the weight helper, and
// where a server validation problem belongs in the edit form. Shared by banks.js and bank_*.js.

/** The exam-matrix levels in order, with their catalogue labels. */
export const LEVELS = Object.freeze([
    { value: 'nhan_biet', label: 'bank.level_nhan_biet' },
    { value: 'thong_hieu', label: 'bank.level_thong_hieu' },
    { value: 'van_dung', label: 'bank.level_van_dung' },
    { value: 'van_dung_cao', label: 'bank.level_van_dung_cao' },
]);

/** The label of a level key; unknown keys show as sent. */
export function levelLabel(level) {
    const found = LEVELS.find((l) => l.value === level);
    return found ? found.label : { text: String(level || '') };
}

/** Formats the server exports (docx is import-only). Names are the same in every language. */
export const EXPORT_FORMATS = Object.freeze([
    { value: 'json', label: { text: 'JSON (PhòngThi)' } },
    { value: 'gift', label: { text: 'GIFT (Moodle)' } },
    { value: 'aiken', label: { text: 'Aiken' } },
    { value: 'xml', label: { text: 'Moodle XML' } },
    { value: 'csv', label: { text: 'CSV' } },
    { value: 'xlsx', label: { text: 'Excel (.xlsx)' } },
]);

/** Formats the server reads; the empty value lets it detect the format from the name and bytes. */
export const IMPORT_FORMATS = Object.freeze([
    { value: '', label: 'bank.format_auto' },
    ...EXPORT_FORMATS,
    { value: 'docx', label: { text: 'Word (.docx)' } },
]);

export const IMPORT_ACCEPT = '.json,.gift,.txt,.xml,.csv,.xlsx,.docx';
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;

/** "A", "B", ... for option i (0-based). */
export function letter(i) {
    return String.fromCharCode(65 + i);
}

/** Letters of the options with a positive weight: "B" or "A, C". Empty when none. */
export function correctLetters(options) {
    return (options || []).map((o, i) => (Number(o.weight) > 0 ? letter(i) : null)).filter(Boolean).join(', ');
}

/**
 * Weights for the chosen correct options: 100 for one, equal shares adding up to exactly 100
 * (2 decimals, the rounding left on the last one) for several. Options not chosen keep a negative
 * weight (a penalty) and otherwise get 0.
 */
export function weightsFor(options, correct) {
    const chosen = [...correct].filter((i) => i >= 0 && i < options.length).sort((a, b) => a - b);
    const share = chosen.length ? Math.floor((10000 / chosen.length)) / 100 : 0;
    const last = chosen.length ? Math.round((100 - share * (chosen.length - 1)) * 100) / 100 : 0;
    return options.map((o, i) => {
        const at = chosen.indexOf(i);
        if (at === -1) return Number(o.weight) < 0 ? Number(o.weight) : 0;
        return at === chosen.length - 1 ? last : share;
    });
}

/**
 * Where a server problem's field ("question.options[1].weight", "question.stem") goes in the edit
 * form: {name: 'stem'|'topic'|'level'|'points'|'explanation'|'options'|'shuffle_options'} or
 * {name: 'option', index, part: 'text'|'weight'|''}; null when the form has no place for it.
 */
export function problemTarget(field) {
    const path = String(field || '').replace(/^question\./, '');
    const option = /^options\[(\d+)\](?:\.(\w+))?$/.exec(path);
    if (option) return { name: 'option', index: Number(option[1]), part: option[2] || '' };
    if (['stem', 'topic', 'level', 'points', 'explanation', 'options', 'shuffle_options'].includes(path)) {
        return { name: path };
    }
    return null;
}

/** The bank name a file suggests: its name without the extension. */
export function nameFromFile(fileName) {
    return String(fileName || '').replace(/\.[^.]+$/, '').trim();
}
