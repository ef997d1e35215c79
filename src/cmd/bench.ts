/** `skiff bench <suite>`: dispatches to the benchmark suites. Benchmarks print numbers; they never assert on time. */
export async function runBench(suite: string, opts: { backends: string; quick?: boolean; store?: string }): Promise<number> {
  const out = (line: string) => console.log(line);
  switch (suite) {
    case 'store': {
      const { benchStore } = await import('./bench/store.js');
      await benchStore({ backends: opts.backends.split(',').filter(Boolean), quick: !!opts.quick, out });
      return 0;
    }
    case 'api': {
      const { benchApi } = await import('./bench/api.js');
      await benchApi({ store: opts.store === 'sqlite' ? 'sqlite' : 'memory', quick: !!opts.quick, out });
      return 0;
    }
    default:
      console.error(`unknown benchmark suite ${JSON.stringify(suite)}; known: store, api`);
      return 2;
  }
}
