/**
 * A `bantin ROLE` child process as an operator runs it, its pino lines read
 * as they come: for tests that signal, kill and time real processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './config-copy.js';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface RoleProcess {
  child: ChildProcess;
  lines: LogLine[];
  /** Everything it wrote, for failure messages. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The first line with this msg, once it is written; rejects if the process exits first or `timeoutMs` passes. */
  line(msg: string | RegExp, timeoutMs?: number): Promise<LogLine>;
  kill(): void;
}

export function spawnRole(role: string, env: NodeJS.ProcessEnv): RoleProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/bantin.js'), role], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  let out = '';
  const listeners = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    out += `${line}\n`;
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      return;
    }
    for (const l of listeners) l();
  });
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const matches = (msg: string | RegExp, l: LogLine): boolean => (typeof msg === 'string' ? l.msg === msg : msg.test(l.msg));
  return {
    child,
    lines,
    output: () => out,
    exited,
    line(msg, timeoutMs = 40_000) {
      return new Promise<LogLine>((resolve, reject) => {
        const check = (): void => {
          const found = lines.find((l) => matches(msg, l));
          if (found) {
            done();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no "${String(msg)}" line within ${timeoutMs} ms:\n${out}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then(() => {
          if (!lines.some((l) => matches(msg, l))) {
            done();
            reject(new Error(`exited before a "${String(msg)}" line:\n${out}`));
          }
        });
        check();
      });
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
