import { editDistance } from '../domain/index.js';
import { SUBCOMMANDS, type Subcommand } from './parse-usage.js';

const MAX_DISTANCE = 2;
const MAX_WORD = 20;

/**
 * The subcommand the user probably meant: the only one the word is a prefix of, else the Levenshtein-closest one
 * within distance 2 (first in SUBCOMMANDS order on a tie). Null when nothing is close, so we never suggest nonsense.
 */
export function suggestSubcommand(word: string): Subcommand | null {
  const typed = word.toLowerCase();
  if (typed.length === 0 || typed.length > MAX_WORD) return null;
  const prefixed = SUBCOMMANDS.filter((sub) => typed.length >= 2 && sub.startsWith(typed));
  if (prefixed.length === 1) return prefixed[0] ?? null;
  let best: Subcommand | null = null;
  let bestDistance = MAX_DISTANCE + 1;
  for (const sub of SUBCOMMANDS) {
    const distance = editDistance(typed, sub, MAX_DISTANCE);
    if (distance < bestDistance) {
      best = sub;
      bestDistance = distance;
    }
  }
  return best;
}
