/**
 * ExecSync inside a simulated container: a tiny shell, enough for probes, hooks and `kubectl exec` demos.
 *
 * | command                       | result                                                                       |
 * |-------------------------------|------------------------------------------------------------------------------|
 * | echo [-n] ARGS…               | prints ARGS joined by spaces (+ newline unless -n), exit 0                   |
 * | exit [N]                      | exit N (default 0); in a script, stops it                                    |
 * | true / false                  | exit 0 / exit 1                                                              |
 * | sleep N                       | waits N seconds on the runtime's clock, exit 0                               |
 * | hostname                      | prints the sandbox hostname                                                  |
 * | env / printenv [NAME]         | prints the container's environment (or one variable; exit 1 if unset)        |
 * | pwd                           | prints the working directory (default /)                                     |
 * | sh|bash|ash -c 'SCRIPT'       | runs SCRIPT: statements separated by `;`, `&&`, `||`, words split on blanks  |
 * |                               | with '…' and "…" quoting, $NAME / ${NAME} expanded from the environment      |
 * | anything else                 | stderr "NAME: command not found", exit 127                                   |
 *
 * Commands may be given by path (`/bin/echo`); only the base name counts.
 */

import type { Clock } from '../../../machinery/index.js';
import { RuntimeError } from '../service.js';

export interface ExecEnvironment {
  env: ReadonlyMap<string, string>;
  hostname: string;
  workingDir: string;
  /** Waits on the runtime clock. */
  sleep(ms: number): Promise<void>;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface Statement {
  words: string[];
  /** How this statement is joined to the previous one. */
  join: ';' | '&&' | '||';
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

function expand(word: string, env: ReadonlyMap<string, string>): string {
  return word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string, b: string) => {
    return env.get(a ?? b) ?? '';
  });
}

/** Splits a script into statements of words. Unterminated quotes run to the end of the script. */
export function parseScript(script: string, env: ReadonlyMap<string, string>): Statement[] {
  const out: Statement[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let join: Statement['join'] = ';';
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endStatement = (next: Statement['join']) => {
    endWord();
    if (words.length > 0) out.push({ words, join });
    words = [];
    join = next;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === "'" || c === '"') {
      const close = script.indexOf(c, i + 1);
      const body = script.slice(i + 1, close < 0 ? script.length : close);
      word += c === '"' ? expand(body, env) : body;
      inWord = true;
      i = close < 0 ? script.length : close;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (c === '\n') endStatement(';');
      else endWord();
    } else if (c === ';') {
      endStatement(';');
    } else if ((c === '&' || c === '|') && script[i + 1] === c) {
      endStatement(c === '&' ? '&&' : '||');
      i++;
    } else if (c === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(script.slice(i));
      if (m) {
        word += env.get(m[1] ?? m[2]!) ?? '';
        i += m[0].length - 1;
      } else {
        word += c;
      }
      inWord = true;
    } else {
      word += c;
      inWord = true;
    }
  }
  endStatement(';');
  return out;
}

class ExitSignal {
  constructor(readonly code: number) {}
}

async function runOne(words: string[], envx: ExecEnvironment, out: ExecResult): Promise<number> {
  const [first, ...args] = words;
  if (first === undefined) return 0;
  const name = baseName(first);
  switch (name) {
    case 'echo': {
      const noNewline = args[0] === '-n';
      const text = (noNewline ? args.slice(1) : args).join(' ');
      out.stdout += noNewline ? text : `${text}\n`;
      return 0;
    }
    case 'exit': {
      const n = args[0] === undefined ? 0 : Number(args[0]);
      throw new ExitSignal(Number.isInteger(n) ? ((n % 256) + 256) % 256 : 2);
    }
    case 'true':
      return 0;
    case 'false':
      return 1;
    case 'sleep': {
      const s = Number(args[0]);
      if (!Number.isFinite(s) || s < 0) {
        out.stderr += `sleep: invalid number '${args[0] ?? ''}'\n`;
        return 1;
      }
      await envx.sleep(s * 1000);
      return 0;
    }
    case 'hostname':
      out.stdout += `${envx.hostname}\n`;
      return 0;
    case 'pwd':
      out.stdout += `${envx.workingDir}\n`;
      return 0;
    case 'env':
    case 'printenv': {
      if (name === 'printenv' && args[0] !== undefined) {
        const v = envx.env.get(args[0]);
        if (v === undefined) return 1;
        out.stdout += `${v}\n`;
        return 0;
      }
      for (const [k, v] of envx.env) out.stdout += `${k}=${v}\n`;
      return 0;
    }
    default:
      if (SHELLS.has(name) && args[0] === '-c') {
        return runScript(args[1] ?? '', envx, out);
      }
      out.stderr += `${first}: command not found\n`;
      return 127;
  }
}

async function runScript(script: string, envx: ExecEnvironment, out: ExecResult): Promise<number> {
  let code = 0;
  for (const st of parseScript(script, envx.env)) {
    if (st.join === '&&' && code !== 0) continue;
    if (st.join === '||' && code === 0) continue;
    code = await runOne(st.words, envx, out);
  }
  return code;
}

/** Runs `cmd` (argv, no shell unless cmd[0] is one) and collects its output. Never rejects for a failing command. */
export async function simExec(cmd: readonly string[], envx: ExecEnvironment): Promise<ExecResult> {
  const out: ExecResult = { stdout: '', stderr: '', exitCode: 0 };
  try {
    out.exitCode = await runOne([...cmd], envx, out);
  } catch (err) {
    if (!(err instanceof ExitSignal)) throw err;
    out.exitCode = err.code;
  }
  return out;
}

/**
 * simExec with CRI ExecSync's timeout: rejects with RuntimeError DeadlineExceeded once `timeoutSeconds` (> 0) pass on
 * the clock, cancelling any `sleep` in progress.
 */
export async function execWithDeadline(
  clock: Clock,
  cmd: readonly string[],
  options: Omit<ExecEnvironment, 'sleep'> & { timeoutSeconds: number },
): Promise<ExecResult> {
  const abort = new AbortController();
  const run = simExec(cmd, { ...options, sleep: (ms) => clock.sleep(ms, abort.signal) });
  if (options.timeoutSeconds <= 0) return run;
  let timer: { cancel(): void } | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(() => {
      const err = new RuntimeError('DeadlineExceeded', `command ${JSON.stringify(cmd)} timed out after ${options.timeoutSeconds}s`);
      abort.abort(err);
      reject(err);
    }, options.timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([run, deadline]);
  } finally {
    timer?.cancel();
    // The loser's rejection, if any, was already reported through Promise.race, or is our own deadline abort.
    run.catch(() => undefined);
  }
}
