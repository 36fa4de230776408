import { describe, expect, it } from 'vitest';
import { type CommandSpec, jsonObjectFlag, numberFlag, parseCommandArgs } from './args.js';
import { withEncoderOptions } from './commands/train.js';

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

describe('jsonObjectFlag', () => {
  const withOptions = {
    ...spec,
    flags: { ...spec.flags, options: { type: 'string' as const, help: 'options' } },
  };

  it('reads a JSON object, and gives {} when the flag is absent', () => {
    const args = parseCommandArgs(withOptions, ['--options', '{"beta":1,"list":[2]}']);
    expect(jsonObjectFlag(args, 'options')).toEqual({ beta: 1, list: [2] });
    expect(jsonObjectFlag(parseCommandArgs(withOptions, []), 'options')).toEqual({});
  });

  it('refuses text that is not JSON, and JSON that is not an object, with a CLI_USAGE code', () => {
    for (const raw of ['{beta:1}', '[1,2]', '3', 'null']) {
      const args = parseCommandArgs(withOptions, ['--options', raw]);
      expect(() => jsonObjectFlag(args, 'options')).toThrow(
        expect.objectContaining({ code: 'CLI_USAGE', received: JSON.stringify(raw) }),
      );
    }
  });
});

describe('withEncoderOptions', () => {
  const base = { type: 'cnn', embeddingDim: 4, channels: [32, 64], pooling: 'average' };

  it('overrides the fields the encoder shape has, and keeps its type', () => {
    expect(withEncoderOptions(base, { channels: [8], pooling: 'flatten' })).toEqual({
      type: 'cnn',
      embeddingDim: 4,
      channels: [8],
      pooling: 'flatten',
    });
  });

  it('refuses a field the shape lacks (a typo) and any attempt to change the type', () => {
    expect(() => withEncoderOptions(base, { chanels: [8] })).toThrow(
      expect.objectContaining({ code: 'CLI_USAGE', received: '"chanels"' }),
    );
    expect(() => withEncoderOptions(base, { type: 'mlp' })).toThrow(/has no field type/);
  });
});
