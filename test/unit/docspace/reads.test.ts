import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src/docspace/client.js';
import { DocSpaceUnexpectedResponseError } from '../../../src/docspace/errors.js';
import { createReadOperations } from '../../../src/docspace/reads.js';
import type { Http, HttpRequest } from '../../../src/docspace/transport.js';

const KEY = `sk-${'56'.repeat(32)}`;
const groupJson = (n: number, name: string) => ({
  id: `8f0b3c1e-2d4a-4c55-9a3e-${n.toString(16).padStart(12, '0')}`,
  name,
});

/** An in-memory Http whose GET /group pages come from `page(startIndex)`. */
function pagedHttp(page: (startIndex: number) => { items: object[]; total?: number }) {
  const sent: HttpRequest[] = [];
  const http: Http = {
    async send(request) {
      sent.push(request);
      const { items, total } = page(Number(request.query?.['startIndex'] ?? 0));
      const json = { response: items, count: items.length, ...(total === undefined ? {} : { total }), status: 0 };
      return { status: 200, json, text: JSON.stringify(json) };
    },
  };
  return { reads: createReadOperations(createCaller(http, KEY)), sent };
}

describe('findGroupsByName paging', () => {
  it('stops at a short page when the server sends no total', async () => {
    const full = Array.from({ length: 100 }, (_, n) => groupJson(n, 'Ops'));
    const { reads, sent } = pagedHttp((start) => ({ items: start === 0 ? full : [groupJson(500, 'Ops')] }));
    expect([(await reads.findGroupsByName('Ops')).length, sent.length]).toEqual([101, 2]);
  });

  it('returns a group seen on two pages once', async () => {
    const { reads } = pagedHttp(() => ({ items: [groupJson(1, 'Ops')], total: 2 }));
    expect(await reads.findGroupsByName('Ops')).toHaveLength(1);
  });

  it('gives up with DocSpaceUnexpectedResponseError when the pages never end', async () => {
    const full = Array.from({ length: 100 }, (_, n) => groupJson(n, 'Other'));
    const { reads } = pagedHttp(() => ({ items: full }));
    await expect(reads.findGroupsByName('Ops')).rejects.toBeInstanceOf(DocSpaceUnexpectedResponseError);
  });
});

describe('listGroups', () => {
  it('derives total from startIndex and page length when the server omits it', async () => {
    const { reads } = pagedHttp(() => ({ items: [groupJson(1, 'A'), groupJson(2, 'B')] }));
    expect((await reads.listGroups({ startIndex: 10 })).total).toBe(12);
  });
});
