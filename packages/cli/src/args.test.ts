import { describe, expect, it } from 'vitest';
import { type CommandSpec, numberFlag, parseCommandArgs } from './args.js';

const spec: CommandSpec = {
  name: 'demo',
  summary: 'a demo',
  usage: 'demo',
  flags: {
    epochs: { type: 'string', default: '3', help: 'epochs' },
    lr: { type: 'string', help: 'learning rate' },
    quiet: { type: 'boolean', help: 'quiet' },
  },
};

describe('parseCommandArgs', () => {
  it('reads flags, defaults and negative values given as the next argument', () => {
    expect(parseCommandArgs(spec, []).flags.epochs).toBe('3');
    const args = parseCommandArgs(spec, ['--epochs', '-1', '--lr', '-.5', '--quiet']);
    expect(args.flags).toMatchObject({ epochs: '-1', lr: '-.5', quiet: true });
  });

  it('names the problem of an unknown flag, a stray argument or a missing value', () => {
    expect(() => parseCommandArgs(spec, ['--nope'])).toThrow(/CLI_USAGE|Unknown option '--nope'/);
    expect(() => parseCommandArgs(spec, ['stray'])).toThrow(/stray/);
    expect(() => parseCommandArgs(spec, ['--lr'])).toThrow(/--lr/);
  });
});

describe('numberFlag', () => {
  it('checks type and bounds and says what it needs once', () => {
    const args = parseCommandArgs(spec, ['--epochs', '-1', '--lr', '0.5']);
    expect(numberFlag(args, 'lr', { min: 0 })).toBe(0.5);
    expect(() => numberFlag(args, 'epochs', { min: 1, integer: true })).toThrow(
      /^--epochs is out of range \(expected an integer >= 1, received "-1"\)$/,
    );
    expect(() => numberFlag(args, 'lr', { min: 1, max: 8, integer: true })).toThrow(
      /expected an integer in \[1, 8\], received "0.5"/,
    );
    expect(() => numberFlag(parseCommandArgs(spec, ['--lr', 'x']), 'lr')).toThrow(/received "x"/);
  });
});
