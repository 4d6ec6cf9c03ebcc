// The lecturer's previews of what a candidate sees (docs/EXAMS.md "Previews"): questions built by
// the exam screen's own card (exam/question_card.js), which the lecturer can click through
// locally (nothing is sent or saved), with the key marked only when asked for. The question
// editor shows the question being edited with its options shuffled as a paper would shuffle them;
// the exam editor shows a drawn paper.
import { h } from '../dom.js';
import { questionCard } from '../exam/question_card.js';

/** A random order of 0..n-1 (Fisher–Yates); random() gives numbers in [0, 1). */
export function shuffledOrder(n, random = Math.random) {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
}

/**
 * A question as the bank editor holds it ({stem, format, points, options: [{text, weight}],
 * media}) as a paper shows it: its options in `order` (indexes; missing ones are appended in
 * their own order), each with its index as id and whether it is correct. No weights.
 */
export function questionAsShown(question, order) {
    const options = question.options || [];
    const shown = order.filter((i) => i >= 0 && i < options.length);
    for (let i = 0; i < options.length; i++) if (!shown.includes(i)) shown.push(i);
    return {
        stem: question.stem || '',
        format: question.format === 'html' ? 'html' : 'plain',
        multiple: options.filter((o) => Number(o.weight) > 0).length > 1,
        points: question.points ?? undefined,
        media: question.media || [],
        options: shown.map((i) => ({ id: String(i), text: options[i].text || '', correct: Number(options[i].weight) > 0 })),
    };
}

/** A paper preview's question ({options: [{index, text, correct}], ...}) with option ids. */
export function paperQuestion(q) {
    return { ...q, options: (q.options || []).map((o) => ({ ...o, id: String(o.index) })) };
}

/**
 * Cards of `questions` ({stem, format, multiple, points, media, options: [{id, text, correct}]})
 * that answer, flag and strike out locally. Returns {el, showKey(on)}: showKey marks the correct
 * options (never shown unless asked: the candidate does not see them).
 */
export function previewCards(questions) {
    const answers = new Map();
    const strikes = new Map();
    const cards = [];
    const refresh = (i) => cards[i].card.update(answers.get(i), (id) => (strikes.get(i) || []).includes(id));
    const set = (i, choice, flag) => {
        answers.set(i, { choice, flag });
        refresh(i);
    };
    questions.forEach((q, i) => {
        const now = () => answers.get(i) || { choice: [], flag: false };
        const card = questionCard(q, i, questions.length, {
            choose: (ids) => set(i, ids, now().flag),
            toggle: (id) => set(i, now().choice.includes(id) ? now().choice.filter((c) => c !== id) : [...now().choice, id], now().flag),
            flag: () => set(i, now().choice, !now().flag),
            strike: (id) => {
                const list = strikes.get(i) || [];
                strikes.set(i, list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
                refresh(i);
            },
        });
        const keys = card.options.map((o, k) => {
            const correct = Boolean((q.options || [])[k] && q.options[k].correct);
            const badge = h('span', { class: 'badge badge-on preview-key', t: 'exam.preview_key', hidden: true });
            if (correct) o.li.append(badge);
            return { li: o.li, correct, badge };
        });
        cards.push({ card, keys });
        refresh(i);
    });
    const el = h('div', { class: 'exam-questions preview-questions' }, cards.map((c) => c.card.el));
    return {
        el,
        showKey(on) {
            for (const { keys } of cards) {
                for (const k of keys) {
                    k.li.classList.toggle('is-key', on && k.correct);
                    k.badge.hidden = !on;
                }
            }
        },
    };
}
