/**
 * Blob contents from a local repository through one `git cat-file --batch` process instead of one
 * process per file: ids go in on its standard input, `<id> blob <size>\n<content>\n` comes back in
 * the same order. The process is started on the first read and kept while reads keep coming (a
 * loader that reads one file after another would otherwise start one per file); it ends after
 * IDLE_MS without a read. While no read waits it holds no reference on the event loop, so it never
 * keeps a CLI run alive: when Node exits, git sees its input close and exits too.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';

const IDLE_MS = 1000;

export class GitBlobReader {
  private batch: CatFileBatch | undefined;

  constructor(private readonly repoRoot: string) {}

  /** The content of blob `id`; rejects when git cannot give it. */
  read(id: string): Promise<Buffer> {
    if (!/^[0-9a-f]{4,64}$/.test(id)) return Promise.reject(new Error(`"${id}" is not an object id`));
    if (!this.batch?.open) {
      const batch = new CatFileBatch(this.repoRoot, () => {
        if (this.batch === batch) this.batch = undefined;
      });
      this.batch = batch;
    }
    return this.batch.read(id);
  }
}

interface Pending {
  id: string;
  resolve(content: Buffer): void;
  reject(error: Error): void;
}

/** One `git cat-file --batch` process and the reads it has yet to answer. */
class CatFileBatch {
  open = true;
  private readonly pending: Pending[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes the response being received needs in all (0 until its header is in). */
  private awaited = 0;
  private readonly child: ChildProcessWithoutNullStreams;
  private idle: NodeJS.Timeout | undefined;

  constructor(repoRoot: string, onEnd: () => void) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd: repoRoot, stdio: 'pipe' });
    let stderr = '';
    this.child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      this.answer();
    });
    // EPIPE when git has gone away: the close handler fails what was waiting.
    this.child.stdin.on('error', () => {});
    const end = (reason: string) => {
      this.open = false;
      clearTimeout(this.idle);
      onEnd();
      for (const p of this.pending.splice(0)) p.reject(new Error(reason));
    };
    this.child.on('error', (error) => end(`git cat-file could not start: ${error.message}`));
    this.child.on('close', (code) => end(stderr.trim().split('\n')[0] || `git cat-file exited with ${code}`));
  }

  read(id: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) this.hold(true);
      this.pending.push({ id, resolve, reject });
      this.child.stdin.write(`${id}\n`);
    });
  }

  /** Whether the process and its pipes keep Node's event loop alive: only while a read waits. */
  private hold(waiting: boolean): void {
    clearTimeout(this.idle);
    const handles = [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as {
      ref?(): void;
      unref?(): void;
    }[];
    for (const handle of handles) (waiting ? handle.ref : handle.unref)?.call(handle);
    if (!waiting) this.idle = setTimeout(() => this.close(), IDLE_MS).unref();
  }

  private close(): void {
    if (!this.open || this.pending.length > 0) return;
    this.open = false;
    this.child.stdin.end();
  }

  /** Answers waiting reads, in order, with every complete response buffered so far. */
  private answer(): void {
    for (;;) {
      const waiting = this.pending[0];
      if (!waiting || this.buffered === 0 || this.buffered < this.awaited) break;
      const data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
      this.chunks = [data];
      const newline = data.indexOf(0x0a);
      if (newline < 0) break;
      const [id, type, size] = data.subarray(0, newline).toString('utf8').split(' ');
      if (type === 'missing' || type === undefined || size === undefined) {
        this.consume(data, newline + 1);
        this.pending.shift();
        waiting.reject(new Error(`${id} is not in the repository`));
        continue;
      }
      const end = newline + 1 + Number(size);
      this.awaited = end + 1;
      if (data.length < end + 1) break; // the content and its closing newline are not all here yet
      this.awaited = 0;
      const content = Buffer.from(data.subarray(newline + 1, end));
      this.consume(data, end + 1);
      this.pending.shift();
      if (type === 'blob') waiting.resolve(content);
      else waiting.reject(new Error(`${id} is a ${type}, not a file`));
    }
    // Nothing waits: git may go when no read comes for a while (a later read starts another).
    if (this.pending.length === 0 && this.open) this.hold(false);
  }

  private consume(data: Buffer, bytes: number): void {
    const rest = data.subarray(bytes);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
  }
}
