// kill -9 of the service, then a restart: it comes up and answers /health, and the embedded
// PostgreSQL of the killed service does not block it (it is stopped, by its watcher or, failing
// that, by the next start). A server whose service is alive is never touched.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import net from 'node:net';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STARTUP_MS = 150_000; // a 2-core machine shared with other work: starts take seconds, sometimes many

interface Service {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

const started: Service[] = [];
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'segment-builder-crash-'));
fs.chmodSync(root, 0o755); // the server's OS user must traverse it when tests run as root

afterAll(async () => {
  for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
  await Promise.all(started.map((s) => s.exited));
  for (const dir of fs.readdirSync(root)) {
    const pid = postmasterPid(path.join(root, dir));
    if (pid && alive(pid)) process.kill(pid, 'SIGINT'); // only servers on this test's own folders
  }
  fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

/**
 * A free port below the ephemeral range (32768+). A port from bind(0) is in that range, and the
 * service binds it only after seconds of start-up, or again after a restart: meanwhile any outgoing
 * connection on this busy machine may be given it. Nobody is handed these unless they ask for them.
 */
async function quietPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** `npm run demo` with its own ports and data folder; node runs main.ts itself, so its pid is the service's. */
async function startService(dataDir: string, pgPort: number): Promise<Service> {
  const port = await quietPort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), EMBEDDED_PG_DIR: dataDir, HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  delete env.LLM_PROVIDER;
  delete env.LLM_BASE_URL;
  delete env.OPENAI_API_KEY;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--demo'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const service = { child, port, output: () => text, exited };
  started.push(service);
  return service;
}

async function untilListening(s: Service): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  while (!s.output().includes('listening on')) {
    if (s.child.exitCode !== null) throw new Error(`the service exited (code ${s.child.exitCode}):\n${s.output()}`);
    if (Date.now() > deadline) throw new Error(`the service did not start in ${STARTUP_MS} ms:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function health(s: Service): Promise<number> {
  return (await fetch(`http://127.0.0.1:${s.port}/health`, { signal: AbortSignal.timeout(10_000) })).status;
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The service's child processes (from /proc), by command line. */
function childrenOf(pid: number): { pid: number; cmdline: string }[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === pid ? [{ pid: Number(d), cmdline: fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ') }] : [];
      } catch {
        return []; // the process ended while we looked
      }
    });
}

describe('crash and restart', () => {
  it('comes up again after kill -9 of the service, its old database server gone', async () => {
    const dataDir = path.join(root, 'killed');
    const pgPort = await quietPort();
    const first = await startService(dataDir, pgPort);
    await untilListening(first);
    expect(await health(first)).toBe(200);
    const oldServer = postmasterPid(dataDir)!;
    expect(alive(oldServer)).toBe(true);

    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startService(dataDir, pgPort);
    await untilListening(second);
    expect(second.output()).not.toMatch(/lock file|failed to start/);
    expect(await health(second)).toBe(200);
    expect(postmasterPid(dataDir)).not.toBe(oldServer);
    expect(alive(oldServer)).toBe(false);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 3 * STARTUP_MS);

  it.runIf(process.platform === 'linux')(
    'refuses a second service on a folder in use, and stops a server left orphaned with its watcher, saying so',
    async () => {
      const dataDir = path.join(root, 'orphaned');
      const pgPort = await quietPort();
      const first = await startService(dataDir, pgPort);
      await untilListening(first);

      // A live service owns the folder: a second one is refused, and the first one is untouched.
      const second = await startService(dataDir, await quietPort());
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/Another PostgreSQL server already uses this data folder/);
      expect(await health(first).catch((e: unknown) => `${e}\n${first.output()}`)).toBe(200);

      // Kill the service and the watcher that would stop its server: the server is orphaned, still running.
      const server = postmasterPid(dataDir)!;
      const watcher = childrenOf(first.child.pid!).find((c) => c.cmdline.includes('embedded-postgres-watch'));
      expect(watcher, 'the service runs a watcher for its database server').toBeDefined();
      process.kill(watcher!.pid, 'SIGKILL');
      first.child.kill('SIGKILL');
      await first.exited;
      await new Promise((r) => setTimeout(r, 1_000));
      expect(alive(server)).toBe(true);

      const third = await startService(dataDir, pgPort);
      await untilListening(third);
      expect(third.output()).toContain(`stopped the embedded PostgreSQL server (pid ${server}) left running on ${dataDir} by a service that is gone`);
      expect(await health(third)).toBe(200);
      await until('the orphaned server has exited', () => !alive(server));
      third.child.kill('SIGTERM');
      expect(await third.exited).toBe(0);
    },
    4 * STARTUP_MS,
  );
});
