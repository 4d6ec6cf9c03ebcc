// One question of a paper as the candidate sees it: its number and points, the flag button, the
// stem and options through the whitelist builder of content.js, its pictures, "choose one / choose
// many", the options (radio buttons or check boxes, each with a strike-out button) and "clear
// choice". The candidate's exam screen and the lecturer's previews build their cards here, so a
// preview is the exam screen's own rendering; what a click does is the caller's.
import { h, setLabel, uid } from '../dom.js';
import { getLang } from '../i18n.js';
import { richText, mediaSources, mediaUrl, paperImage } from './content.js';
import { formatPoints } from './format.js';
import { letter } from '../views/bank_common.js';

/**
 * The card of question q ({stem, format, multiple, points, options: [{id, text}], media}) at
 * position i of total. on: {choose(ids), toggle(id), flag(), strike(id)}: what the controls do.
 * Returns {el, heading, options: [{id, li}], update(answer, struck)}: update shows answer
 * ({choice: [ids], flag}) and the options struck(id) says are struck out.
 */
export function questionCard(q, i, total, on) {
    const sources = mediaSources(q.media);
    const used = new Set();
    const titleId = uid('question');
    const stem = h('div', { class: 'question-text' }, richText(q.stem, q.format, sources, used));
    const flagButton = h('button', {
        type: 'button', class: 'btn btn-small btn-secondary flag-button', t: 'exam.flag',
        on: { click: () => on.flag() },
    });
    const clearButton = h('button', {
        type: 'button', class: 'btn btn-small btn-secondary clear-button', t: 'exam.clear_choice',
        on: { click: () => on.choose([]) },
    });
    const optionEls = (q.options || []).map((o, k) => optionItem(q, o, k, sources, used, on));
    const extraImages = (q.media || []).map((m) => ({ url: mediaUrl(m), name: (m && m.name) || '' }))
        .filter((m) => m.url && !used.has(m.url))
        .map((m) => paperImage(m.url, m.name));
    // A group of controls, not a list: a role on a <ul> would leave its items outside any list.
    const list = h('div', {
        class: 'exam-options', role: q.multiple ? 'group' : 'radiogroup', 'aria-labelledby': titleId,
    }, optionEls.map((o) => o.li));
    const el = h('article', { class: 'question-card', dataset: { n: String(i) }, 'aria-labelledby': titleId },
        h('header', { class: 'question-head' },
            h('h2', { class: 'question-number', id: titleId, tabindex: '-1',
                t: { key: 'exam.question_of', params: { number: i + 1, total } } }),
            q.points !== undefined ? h('span', { class: 'question-points',
                t: { key: 'exam.points', params: { points: formatPoints(q.points, getLang()) } } }) : null,
            flagButton),
        stem,
        extraImages.length ? h('div', { class: 'question-images' }, extraImages) : null,
        h('p', { class: 'question-mode', t: q.multiple ? 'exam.choose_many' : 'exam.choose_one' }),
        list,
        h('div', { class: 'question-foot' }, clearButton));
    return {
        el,
        heading: el.querySelector('.question-number'),
        options: optionEls.map((o) => ({ id: o.id, li: o.li })),
        update(answer, struck) {
            const a = answer || { choice: [], flag: false };
            for (const o of optionEls) o.update(a.choice.includes(o.id), struck(o.id));
            flagButton.setAttribute('aria-pressed', String(a.flag));
            setLabel(flagButton, a.flag ? 'exam.flagged' : 'exam.flag');
            clearButton.disabled = !a.choice.length;
            el.classList.toggle('is-flagged', a.flag);
            el.classList.toggle('is-answered', a.choice.length > 0);
        },
    };
}

function optionItem(q, o, k, sources, used, on) {
    const id = String(o.id);
    const text = h('span', { class: 'option-text' }, richText(o.text, q.format, sources, used));
    const mark = h('span', { class: 'option-letter', 'aria-hidden': 'true' }, letter(k));
    let control;
    let input = null;
    if (q.multiple) {
        input = h('input', { type: 'checkbox', class: 'option-check', on: { change: () => on.toggle(id) } });
        control = h('label', { class: 'option-choice' }, input, mark, text);
    } else {
        control = h('button', {
            type: 'button', class: 'option-choice', role: 'radio', 'aria-checked': 'false',
            on: { click: () => on.choose([id]) },
        }, h('span', { class: 'option-radio', 'aria-hidden': 'true' }), mark, text);
    }
    const strike = h('button', {
        type: 'button', class: 'strike-button', 'aria-pressed': 'false',
        ta: { 'aria-label': { key: 'exam.strike_option', params: { letter: letter(k) } }, title: 'exam.strike' },
        on: { click: () => on.strike(id) },
    }, '✕');
    const li = h('div', { class: 'exam-option', dataset: { optionId: id } }, control, strike);
    li.addEventListener('contextmenu', (event) => {
        event.preventDefault();
        event.stopPropagation(); // striking out is not an integrity signal
        on.strike(id);
    });
    return {
        id,
        li,
        update(chosen, struck) {
            li.classList.toggle('is-chosen', chosen);
            li.classList.toggle('is-struck', struck);
            strike.setAttribute('aria-pressed', String(struck));
            if (input) input.checked = chosen;
            else control.setAttribute('aria-checked', String(chosen));
        },
    };
}
