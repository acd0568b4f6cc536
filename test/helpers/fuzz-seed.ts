/**
 * The seed of every seeded property or fuzz test: a constant, so CI runs the same cases every time, unless FUZZ_SEED
 * names another (`FUZZ_SEED=123 npx vitest run …` replays or explores). It is shown in the test titles, never logged:
 * the console guard fails a test that writes to the console.
 */
const DEFAULT_FUZZ_SEED = 20_261_126;

function seedFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_FUZZ_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${JSON.stringify(raw)}`);
  return seed;
}

export const FUZZ_SEED = seedFromEnv(process.env['FUZZ_SEED']);

/** For a describe or it title: "(seed 20261126; FUZZ_SEED overrides it)". */
export const SEED_TITLE = `(seed ${FUZZ_SEED}; FUZZ_SEED overrides it)`;
