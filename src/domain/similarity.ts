/** Edit distance with a cap: returns cap + 1 as soon as the distance must exceed it. */
export function editDistance(a: string, b: string, cap = 64): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > cap) return cap + 1;
    prev = row;
  }
  return prev[b.length] ?? cap + 1;
}

/** Candidates close to the query, best first: same letters ignoring case, containment, then small edit distance. */
export function closestNames(query: string, candidates: readonly string[], max = 5): string[] {
  const q = query.trim().toLowerCase();
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of new Set(candidates)) {
    const n = name.toLowerCase();
    const cap = Math.max(2, Math.floor(q.length / 3));
    let score: number;
    if (n === q) score = 0;
    else if (n.includes(q) || q.includes(n)) score = 1;
    else score = 2 + editDistance(q, n, cap);
    if (score <= 2 + cap) scored.push({ name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}
