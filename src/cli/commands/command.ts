import type { CliIO } from '../io.js';

export interface Command {
  summary: string;
  run(args: readonly string[], io: CliIO): Promise<number>;
}
