import { launchBrowser } from './lib/browser.mjs';
import { startServer } from './lib/phongthi_server.mjs';
const s = await startServer('/work/main/build-main/server/phongthi');
console.log('started', s.pid, s.dataDir, process.listeners('SIGTERM').length);
const b = await launchBrowser();
console.log('browser', process.listeners('SIGTERM').length);
await new Promise((r) => setTimeout(r, 20000));
