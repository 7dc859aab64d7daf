/**
 * The Action writes its log, and the workflow commands in it, to stdout: tests that run it in this
 * process read what it wrote there.
 */

/** Runs `act` with process.stdout captured; stdout is restored after, whatever `act` does. */
export async function capturingStdout<T>(act: () => Promise<T>): Promise<{ value: T; stdout: string }> {
  let stdout = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    const value = await act();
    return { value, stdout };
  } finally {
    process.stdout.write = write;
  }
}
