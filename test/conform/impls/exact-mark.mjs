// Correct (the full set), and touches the file argv[2] once it has answered
// a request, so a test knows the harness is now verifying.
import { writeFileSync } from 'node:fs';
import { serve } from '../../../conformance/adapters/node/adapter.mjs';
serve(
  (K) => {
    setTimeout(() => writeFileSync(process.argv[2], 'answered\n'), 50);
    return [K.map((_, i) => i), K.map(() => 1)];
  },
  { name: 'exact-mark' },
);
