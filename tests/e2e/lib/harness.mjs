// A minimal sequential test runner: steps share one browser and build on each other, so after the
// first failure the rest are skipped. Prints "N passed, N failed, N skipped" last; exit code 1 on failure.

const steps = [];

export function test(name, fn) {
    steps.push({ name, fn });
}

export async function run({ before, after } = {}) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    try {
        if (before) await before();
        for (const { name, fn } of steps) {
            if (failed) {
                skipped += 1;
                console.log(`skip - ${name}`);
                continue;
            }
            const started = Date.now();
            try {
                await fn();
                passed += 1;
                console.log(`ok   - ${name} (${Date.now() - started} ms)`);
            } catch (error) {
                failed += 1;
                console.log(`FAIL - ${name}\n${indent(error && error.stack ? error.stack : String(error))}`);
            }
        }
    } catch (error) {
        failed += 1;
        console.log(`FAIL - setup\n${indent(error && error.stack ? error.stack : String(error))}`);
    } finally {
        if (after) {
            try {
                await after();
            } catch (error) {
                console.log(`warning: teardown: ${error.message}`);
            }
        }
    }
    console.log(skipped ? `${passed} passed, ${failed} failed, ${skipped} skipped` : `${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
}

function indent(text) {
    return text.split('\n').map((line) => `    ${line}`).join('\n');
}
