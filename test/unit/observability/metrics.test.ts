import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/observability/metrics.js';

const SUBCOMMANDS = ['show', 'create', 'other'];

/** The sample lines of one metric family, without HELP/TYPE lines. */
function samples(text: string, family: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${family}{`) || line.startsWith(`${family} `));
}

describe('metrics: recording', () => {
  it('counts commands by subcommand and outcome, and a subcommand outside the closed list as other', async () => {
    const m = createMetrics({ subcommands: SUBCOMMANDS, processMetrics: false });
    m.command('show', 'ok');
    m.command('show', 'ok');
    m.command('create', 'group_name_taken');
    m.command('Dev Team', 'ok');
    expect(samples(await m.render(), 'docspace_bot_commands_total')).toEqual([
      'docspace_bot_commands_total{subcommand="show",outcome="ok"} 2',
      'docspace_bot_commands_total{subcommand="create",outcome="group_name_taken"} 1',
      'docspace_bot_commands_total{subcommand="other",outcome="ok"} 1',
    ]);
  });

  it('never puts a value that is not shaped like a code into a label', async () => {
    const m = createMetrics({ subcommands: SUBCOMMANDS, processMetrics: false });
    m.slackCall('alice@example.com', 'ok');
    m.decision('approve', 'Night Shift');
    m.docspaceCall('getGroup', '<script>', 0.1);
    const text = await m.render();
    expect(text).not.toMatch(/alice|Night|script/);
    expect(samples(text, 'docspace_bot_slack_api_calls_total')).toEqual([
      'docspace_bot_slack_api_calls_total{method="other",outcome="ok"} 1',
    ]);
  });

  it('stops taking new values for a label after 64 distinct ones', async () => {
    const m = createMetrics({ subcommands: SUBCOMMANDS, processMetrics: false });
    for (let i = 0; i < 70; i += 1) m.slackCall(`method_${i}`, 'ok');
    const lines = samples(await m.render(), 'docspace_bot_slack_api_calls_total');
    expect([lines.length, lines.at(-1)]).toEqual([
      65,
      'docspace_bot_slack_api_calls_total{method="other",outcome="ok"} 6',
    ]);
  });

  it('records ack and DocSpace latencies as histograms, and DocSpace calls by operation and status', async () => {
    const m = createMetrics({ subcommands: SUBCOMMANDS, processMetrics: false });
    m.ack('command', 0.004);
    m.ack('command', 0.2);
    m.docspaceCall('getGroup', 200, 0.03);
    m.docspaceCall('getGroup', 'timeout', 10);
    const text = await m.render();
    expect(samples(text, 'docspace_bot_ack_duration_seconds_count')).toEqual([
      'docspace_bot_ack_duration_seconds_count{kind="command"} 2',
    ]);
    expect(text).toContain('docspace_bot_ack_duration_seconds_bucket{le="0.005",kind="command"} 1');
    expect(samples(text, 'docspace_bot_docspace_requests_total')).toEqual([
      'docspace_bot_docspace_requests_total{operation="getGroup",status="200"} 1',
      'docspace_bot_docspace_requests_total{operation="getGroup",status="timeout"} 1',
    ]);
    expect(samples(text, 'docspace_bot_docspace_request_duration_seconds_count')).toEqual([
      'docspace_bot_docspace_request_duration_seconds_count{operation="getGroup"} 2',
    ]);
  });

  it('counts decisions and maintenance runs and failures', async () => {
    const m = createMetrics({ subcommands: SUBCOMMANDS, processMetrics: false });
    m.decision('approve', 'executed');
    m.maintenance('ok');
    m.maintenance('failed');
    const text = await m.render();
    expect([
      ...samples(text, 'docspace_bot_decisions_total'),
      ...samples(text, 'docspace_bot_maintenance_runs_total'),
      ...samples(text, 'docspace_bot_maintenance_failures_total'),
    ]).toEqual([
      'docspace_bot_decisions_total{action="approve",outcome="executed"} 1',
      'docspace_bot_maintenance_runs_total 2',
      'docspace_bot_maintenance_failures_total 1',
    ]);
  });

  it('reads the requests gauge from its source at each scrape, and shows nothing when the source fails', async () => {
    const m = createMetrics({ subcommands: SUBCOMMANDS, processMetrics: false });
    let counts: Record<string, number> | null = { pending: 3, executed: 1 };
    m.countRequestsWith(async () => {
      if (counts === null) throw new Error('storage is closed');
      return counts;
    });
    expect(samples(await m.render(), 'docspace_bot_requests')).toEqual([
      'docspace_bot_requests{status="pending"} 3',
      'docspace_bot_requests{status="executed"} 1',
    ]);
    counts = { pending: 0, executed: 2 };
    expect(samples(await m.render(), 'docspace_bot_requests')).toEqual([
      'docspace_bot_requests{status="pending"} 0',
      'docspace_bot_requests{status="executed"} 2',
    ]);
    counts = null;
    expect(samples(await m.render(), 'docspace_bot_requests')).toEqual([]);
  });

  it('keeps each instance on its own registry, with the default process metrics unless turned off', async () => {
    const a = createMetrics({ subcommands: SUBCOMMANDS });
    const b = createMetrics({ subcommands: SUBCOMMANDS });
    a.command('show', 'ok');
    const [textA, textB] = [await a.render(), await b.render()];
    expect(samples(textA, 'docspace_bot_commands_total')).toHaveLength(1);
    expect(samples(textB, 'docspace_bot_commands_total')).toHaveLength(0);
    expect(textA).toContain('process_cpu_user_seconds_total');
    expect(textA).toContain('nodejs_eventloop_lag_seconds');
    expect(a.contentType).toContain('text/plain');
  });
});
