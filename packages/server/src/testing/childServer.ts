import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const serverDir = path.resolve(import.meta.dirname, '../..');

/**
 * `src/main.ts` as its own process, so that a test can kill it with SIGKILL; resolves with its port.
 * The child is added to `children`, for the test to kill in its teardown.
 */
export function startChildServer(
  databaseFile: string,
  children: ChildProcess[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: '0',
      COUNCIL_DB: databaseFile,
      COUNCIL_DEMO: '0',
      COUNCIL_WEB_DIST: '',
      LOG_LEVEL: 'info',
      VITEST: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    // The end of stderr goes into the error, so that a crash (a native abort, say) says why.
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-4000);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at http:\/\/localhost:(\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`server exited with ${code ?? signal}: ${out}${err ? `\nstderr: ${err}` : ''}`)),
    );
  });
}

/** Signs in to a server on this machine and returns the bearer token. */
export async function loginAt(port: number, email: string, password: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return ((await res.json()) as { token: string }).token;
}
