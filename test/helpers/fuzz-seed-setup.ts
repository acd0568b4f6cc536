import fc from 'fast-check';
import { FUZZ_SEED } from './fuzz-seed.js';

// Every property test runs the same cases in CI unless FUZZ_SEED says otherwise (see fuzz-seed.ts).
fc.configureGlobal({ seed: FUZZ_SEED });
