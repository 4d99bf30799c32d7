import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** code-server installed by scripts/e2e/setup.sh. */
export function codeServerBin(root: string): string {
  return join(root, '.e2e', 'cs', 'node_modules', '.bin', 'code-server');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export interface CodeServer {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** A fresh profile: no welcome page, no trust prompt, no update checks. */
export function writeUserSettings(userDataDir: string): void {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'window.restoreWindows': 'none',
        'git.enabled': false,
        'editor.codeLens': true,
        'workbench.colorTheme': 'Default Dark Modern',
      },
      null,
      2,
    ),
  );
}

export async function installExtension(bin: string, userDataDir: string, extensionsDir: string, vsix: string): Promise<string> {
  const { stdout, stderr } = await run(bin, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], { timeout: 120_000 });
  return `${stdout}${stderr}`;
}

/** Starts code-server bound to 127.0.0.1 and waits until it answers. */
export async function startCodeServer(bin: string, userDataDir: string, extensionsDir: string, folder: string, log: (s: string) => void): Promise<CodeServer> {
  const port = await freePort();
  const proc = spawn(
    bin,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, folder],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  proc.stdout?.on('data', (b: Buffer) => log(b.toString()));
  proc.stderr?.on('data', (b: Buffer) => log(b.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('code-server did not start within 60 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    proc,
    stop: async () => {
      if (proc.exitCode !== null || proc.pid === undefined) return;
      // Its own process group (detached): the server and the extension host it started, by id.
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        proc.kill('SIGTERM');
      }
      await new Promise((r) => setTimeout(r, 500));
      if (proc.exitCode === null) {
        try {
          process.kill(-proc.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}
