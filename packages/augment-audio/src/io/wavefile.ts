import wavefile from 'wavefile';

// wavefile ships an ES module (`module`) and a UMD bundle (`main`) without an `exports` map, so
// Node's ESM loader sees the UMD bundle as CommonJS with only a default export, while a bundler
// may pick the ES module with only named exports. Reading both keeps either loader working.
const namespace = wavefile as unknown as { WaveFile?: typeof wavefile.WaveFile } & {
  default?: { WaveFile: typeof wavefile.WaveFile };
};

/** wavefile's `WaveFile` class (RIFF/RIFX/RF64 reader and writer). */
export const WaveFile = (namespace.WaveFile ??
  namespace.default?.WaveFile) as typeof wavefile.WaveFile;

/** An instance of {@link WaveFile}. */
export type WaveFileInstance = InstanceType<typeof wavefile.WaveFile>;
