/**
 * A small Dockerfile reader for tests (no Docker engine on these machines): joins continuation lines,
 * drops comments and parser directives, and splits each instruction into keyword, flags and arguments.
 */
export interface Instruction {
  /** Upper-cased keyword: FROM, RUN, COPY, … */
  keyword: string;
  /** `--from=build`, `--interval=30s`, … (only the leading ones). */
  flags: Record<string, string>;
  /** The rest of the line, continuation lines joined with a space. */
  args: string;
  /** 1-based line where the instruction starts. */
  line: number;
}

export interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  let buffer = '';
  let start = 0;
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (buffer === '' && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (buffer !== '' && trimmed.startsWith('#')) return; // comments inside a continued instruction
    if (buffer === '') start = index + 1;
    if (trimmed.endsWith('\\')) {
      buffer += trimmed.slice(0, -1).trim() + ' ';
      return;
    }
    buffer += trimmed;
    instructions.push(split(buffer.trim(), start));
    buffer = '';
  });
  if (buffer.trim() !== '') instructions.push(split(buffer.trim(), start));
  return instructions;
}

function split(text: string, line: number): Instruction {
  const match = /^(\S+)\s*(.*)$/s.exec(text)!;
  let rest = match[2]!;
  const flags: Record<string, string> = {};
  for (;;) {
    const flag = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest);
    if (!flag) break;
    flags[flag[1]!] = flag[2] ?? 'true';
    rest = rest.slice(flag[0].length);
  }
  return { keyword: match[1]!.toUpperCase(), flags, args: rest, line };
}

export function stages(instructions: readonly Instruction[]): Stage[] {
  const result: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.split(/\s+/);
      result.push({ image: image!, ...(as?.toUpperCase() === 'AS' ? { name } : {}), instructions: [] });
    } else if (result.length > 0) {
      result[result.length - 1]!.instructions.push(instruction);
    }
  }
  return result;
}

/** `["a", "b"]` (exec form) as an array; shell form as `['/bin/sh', '-c', text]`. */
export function commandOf(args: string): string[] {
  if (args.startsWith('[')) return JSON.parse(args) as string[];
  return ['/bin/sh', '-c', args];
}
