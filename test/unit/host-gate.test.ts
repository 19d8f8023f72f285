import { describe, expect, it } from 'vitest';
import { HostGate } from '../../shared/fetch/host-gate.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('HostGate', () => {
  it('runs at most perHost tasks of one host at once, and other hosts\u2019 tasks meanwhile', async () => {
    const gate = new HostGate(2);
    const running = new Map<string, number>();
    const peak = new Map<string, number>();
    const task = (host: string) =>
      gate.run(`https://${host}/feed.xml`, async () => {
        running.set(host, (running.get(host) ?? 0) + 1);
        peak.set(host, Math.max(peak.get(host) ?? 0, running.get(host)!));
        await tick();
        running.set(host, running.get(host)! - 1);
        return host;
      });
    const results = await Promise.all([...Array(7)].map(() => task('a.example')).concat([task('b.example'), task('b.example')]));
    expect(results.filter((r) => r === 'a.example')).toHaveLength(7);
    expect(peak.get('a.example')).toBe(2);
    expect(peak.get('b.example')).toBe(2);
  });

  it('keys on host and port, case-insensitively', async () => {
    const gate = new HostGate(1);
    let concurrent = 0;
    let peak = 0;
    const task = (url: string) =>
      gate.run(url, async () => {
        peak = Math.max(peak, ++concurrent);
        await tick();
        concurrent--;
      });
    await Promise.all([task('https://A.example/x'), task('https://a.example/y')]);
    expect(peak).toBe(1);
    peak = 0;
    await Promise.all([task('https://a.example:8443/x'), task('https://a.example/y')]);
    expect(peak).toBe(2);
  });

  it('frees the slot when a task fails', async () => {
    const gate = new HostGate(1);
    await expect(gate.run('https://a.example/', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(gate.run('https://a.example/', async () => 'next')).resolves.toBe('next');
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new HostGate(0)).toThrow(RangeError);
  });
});
