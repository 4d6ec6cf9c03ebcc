// Accessibility check with axe-core (from npm, run in the page under test): the WCAG 2.0/2.1 A and
// AA rules — form labels, accessible names, colour contrast, ARIA use, landmarks, page language.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe on the page as it is now; fails listing each violated rule with its first elements. */
export async function expectAccessible(page, where) {
    await page.evaluate(axeSource); // through the debugger protocol: the page's CSP does not apply
    const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    assert.ok(result.passes.length > 0, `${where}: axe checked nothing`);
    const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n        ${v.nodes
        .slice(0, 3).map((n) => n.target.join(' ')).join('\n        ')}`);
    assert.equal(problems.length, 0, `${where}: accessibility violations:\n    ${problems.join('\n    ')}`);
}
