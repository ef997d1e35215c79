/** `skiff bench <suite>`: dispatches to the benchmark suites. */
export async function runBench(suite: string, _opts: { backends: string; quick?: boolean }): Promise<number> {
  switch (suite) {
    default:
      console.error(`unknown benchmark suite ${JSON.stringify(suite)}; known: store`);
      return 2;
  }
}
