import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ManyViewsError, type Recipe } from '@manyviews/augment-core';

/**
 * Reads a file the user named on the command line, turning file-system failures into errors
 * that name the file: `FILE_NOT_FOUND` when nothing is there, `FILE_UNREADABLE` for a folder, a
 * permission problem or any other read failure.
 *
 * @param file the path as the user gave it
 * @param what what the file should be, for the message (`image`, `recipe`)
 */
export async function readUserFile(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ManyViewsError('FILE_NOT_FOUND', `${what} file ${file} does not exist`, { cause });
    }
    const reason =
      code === 'EISDIR'
        ? 'it is a folder'
        : code === 'EACCES'
          ? 'permission denied'
          : (cause as Error).message;
    throw new ManyViewsError('FILE_UNREADABLE', `${what} file ${file} cannot be read: ${reason}`, {
      cause,
    });
  }
}

/**
 * Reads a recipe JSON file. Its contents are validated later, by the domain's registry.
 *
 * @throws {ManyViewsError} as {@link readUserFile}; `RECIPE_INVALID` when it is not JSON
 */
export async function readRecipeFile(file: string): Promise<Recipe> {
  const text = (await readUserFile(file, 'recipe')).toString('utf8');
  try {
    return JSON.parse(text) as Recipe;
  } catch (cause) {
    throw new ManyViewsError(
      'RECIPE_INVALID',
      `recipe file ${file} is not valid JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
}

/** Runs `work`, prefixing the message of a ManyViews error with the file it concerned. */
export async function aboutFile<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ManyViewsError && !error.message.includes(file)) {
      throw new ManyViewsError(error.code, `${file}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/**
 * Writes a file the user named on the command line, creating its folder first (`--out
 * out/sheet.png` with no `out/` yet), and turns any remaining file-system failure into
 * `FILE_UNWRITABLE` naming the file and the reason, which the CLI prints as `error [CODE]` with
 * exit status 2 instead of a stack.
 *
 * @param file the path as the user gave it
 * @param data what to write
 * @param what what the file is, for the message (`contact sheet`)
 * @throws {ManyViewsError} `FILE_UNWRITABLE`
 */
export async function writeUserFile(
  file: string,
  data: string | Uint8Array,
  what: string,
): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason =
      code === 'EISDIR'
        ? 'it is a folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ENOTDIR' || code === 'EEXIST'
            ? 'a file stands where a folder of its path should be'
            : (cause as Error).message;
    throw new ManyViewsError('FILE_UNWRITABLE', `${what} ${file} cannot be written: ${reason}`, {
      cause,
    });
  }
}
