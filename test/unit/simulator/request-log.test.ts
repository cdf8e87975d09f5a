import { describe, expect, it } from 'vitest';
import { RequestLog, sanitizeQuery } from '../../simulator/request-log';

describe('request log', () => {
  it('masks secrets in the query', () => {
    expect(sanitizeQuery('?ack=3&password=hunter2&access_token=cwt%3Dxyz')).toBe('?ack=3&password=***&access_token=***');
    expect(sanitizeQuery('?x=cwt%3Dabc')).toBe('?x=***');
    expect(sanitizeQuery('')).toBe('');
  });

  it('numbers entries and returns those after a sequence number', () => {
    const log = new RequestLog();
    log.record('GET', new URL('http://h/a?ack=1'), 200, 0);
    log.record('POST', new URL('http://h/b'), 204, 1000);
    expect(log.since(1)).toEqual([{ seq: 2, method: 'POST', path: '/b', query: '', status: 204, at: '1970-01-01T00:00:01.000Z' }]);
    log.clear();
    expect(log.since(0)).toEqual([]);
  });
});
