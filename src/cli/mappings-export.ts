import type { SlackTeamId, Storage, UserMapping } from '../domain/index.js';
import { formatCsvRow } from './csv.js';

export const EXPORT_COLUMNS = ['slack_user_id', 'docspace_user_id', 'docspace_email', 'source', 'verified_at'] as const;

export function mappingToCsvRow(m: UserMapping): string {
  return formatCsvRow([m.slackUserId, m.docspaceUserId, m.docspaceEmail ?? '', m.source, m.verifiedAt.toISOString()]);
}

/** Writes the header and one CSV line per mapping (one team's, or every team's), ordered by team then Slack user. */
export async function exportMappings(
  storage: Storage,
  teamId: SlackTeamId | null,
  out: (line: string) => void,
): Promise<number> {
  const mappings = await storage.mappings.list(teamId ?? undefined);
  out(formatCsvRow(EXPORT_COLUMNS));
  for (const mapping of mappings) out(mappingToCsvRow(mapping));
  return mappings.length;
}
