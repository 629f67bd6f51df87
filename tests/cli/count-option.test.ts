/** `--batch N`, `--pages N`: a whole number ≥ 1, the default when absent, and exit 2 with one line naming the option otherwise. */
import { describe, expect, it } from 'vitest';
import { countOption, ExitError } from '../../src/cli/setup.js';

describe('a count option', () => {
  it.each([
    [undefined, 200, 200],
    [undefined, null, null],
    ['1', 200, 1],
    ['500', null, 500],
  ])('%s (default %s) is %s', (text, fallback, want) => {
    expect(countOption('store prune', 'batch', text, fallback as number)).toBe(want);
  });

  it.each(['0', '-3', '2.5', 'many', '', true])('refuses %j with exit 2, naming the command and the option', (text) => {
    const run = (): number | null => countOption('store prune', 'batch', text, 200);
    expect(run).toThrow(ExitError);
    try {
      run();
    } catch (error) {
      expect([(error as ExitError).code, (error as ExitError).message]).toEqual([2, `bantin store prune: --batch must be a whole number ≥ 1, got "${String(text)}"`]);
    }
  });
});
