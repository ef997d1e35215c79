/** Registers every subcommand. Each lives in its own file and imports its component lazily, so `--help` is fast. */
import type { Command } from 'commander';

export function registerCommands(program: Command): void {
  program
    .command('bench')
    .description('run a benchmark and print its numbers (store)')
    .argument('<suite>', 'which benchmark: store')
    .option('--backends <list>', 'comma-separated store backends to measure', 'memory,sqlite,etcd')
    .option('--quick', 'smaller sizes, for a smoke run')
    .action(async (suite: string, opts: { backends: string; quick?: boolean }) => {
      const { runBench } = await import('./bench.js');
      process.exitCode = await runBench(suite, opts);
    });
}
