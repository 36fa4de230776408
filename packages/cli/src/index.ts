export type { CommandSpec, FlagSpec, ParsedArgs } from './args.js';
export { helpText, parseCommandArgs } from './args.js';
export { consoleLogger } from './console-logger.js';
