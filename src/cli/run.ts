// How every CLI ends: its exit code, or for an error its message alone (expected errors are the
// user's to fix, so no stack trace) and exit code 1.
export function runCli(main: () => Promise<number>, expected: (abstract new (...args: never[]) => Error)[]): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      const known = expected.some((type) => err instanceof type);
      console.error(known ? (err as Error).message : `error: ${(err as Error)?.message ?? String(err)}`);
      process.exit(1);
    },
  );
}
