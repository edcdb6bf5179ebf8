// Preloaded (node --import) into the CLI by the hostile-input tests: records the peak RSS at exit.
import { writeFileSync } from 'node:fs';

const out = process.env.SATUDATA_HOSTILE_RSS;
if (out) {
  process.on('exit', () => {
    try {
      writeFileSync(out, String(process.resourceUsage().maxRSS));
    } catch {
      /* the test then reports the missing number */
    }
  });
}
