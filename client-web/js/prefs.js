// Display preferences kept in localStorage and shown as classes on <html>:
// "text-large" (bigger type for old classroom screens), "contrast-high", and "exam-one-page"
// (the exam screen shows every question at once instead of one at a time).
const PREFS = {
    largeText: { storage: 'phongthi.largeText', className: 'text-large' },
    highContrast: { storage: 'phongthi.highContrast', className: 'contrast-high' },
    examOnePage: { storage: 'phongthi.examOnePage', className: 'exam-one-page' }, // every question on one page
};

function read(name) {
    try {
        return localStorage.getItem(PREFS[name].storage) === '1';
    } catch {
        return false;
    }
}

/** Whether a preference ('largeText' or 'highContrast') is on. */
export function getPref(name) {
    return document.documentElement.classList.contains(PREFS[name].className);
}

/** Turn a preference on or off, remember it and apply it. */
export function setPref(name, on) {
    document.documentElement.classList.toggle(PREFS[name].className, on);
    try {
        if (on) localStorage.setItem(PREFS[name].storage, '1');
        else localStorage.removeItem(PREFS[name].storage);
    } catch {
        // Applies to this visit only.
    }
}

/** Apply the remembered preferences; call once at start-up. */
export function applyStoredPrefs() {
    for (const name of Object.keys(PREFS)) {
        document.documentElement.classList.toggle(PREFS[name].className, read(name));
    }
}
