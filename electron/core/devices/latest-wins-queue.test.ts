import { describe, expect, it } from 'vitest';
import { LatestWinsQueue } from './latest-wins-queue';

interface J {
  key: string;
  priority: number;
  value: number;
}

describe('LatestWinsQueue', () => {
  it('keeps only the latest job per key, in its first place in line', () => {
    const q = new LatestWinsQueue<J>();
    q.put({ key: 'a', priority: 1, value: 1 });
    q.put({ key: 'b', priority: 1, value: 2 });
    const replaced = q.put({ key: 'a', priority: 1, value: 3 });
    expect(replaced?.value).toBe(1);
    expect(q.size).toBe(2);
    expect(q.take()?.value).toBe(3);
    expect(q.take()?.value).toBe(2);
    expect(q.take()).toBeUndefined();
  });

  it('takes the most urgent eligible job first', () => {
    const q = new LatestWinsQueue<J>();
    q.put({ key: 'move', priority: 1, value: 1 });
    q.put({ key: 'inq', priority: 3, value: 2 });
    q.put({ key: 'stop', priority: 0, value: 3 });
    expect(q.take((j) => j.priority > 0)?.key).toBe('move');
    expect(q.take()?.key).toBe('stop');
    expect(q.removeWhere((j) => j.key === 'inq').map((j) => j.value)).toEqual([2]);
    expect(q.size).toBe(0);
  });
});
