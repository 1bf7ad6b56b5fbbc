import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL server of the tests' own, from Debian's `postgresql` package: `initdb` into a temporary
 * folder, `pg_ctl` on a free loopback port with its socket in that folder, stopped and removed at the end. Nothing
 * depends on a server that happens to run on the machine. PostgreSQL refuses to run as root, so as root the cluster
 * belongs to the `postgres` system user the package creates.
 */
export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: the superuser, trusted on loopback only. */
  adminUrl: string;
  port: number;
  dir: string;
  stop(): void;
}

const HOW_TO =
  "Install Debian's PostgreSQL server, then run this again:\n  sudo apt-get update && sudo apt-get install -y postgresql\n" +
  '(or set POSTGRES_BIN to the folder that holds initdb and pg_ctl).';

/** The folder holding initdb and pg_ctl: POSTGRES_BIN, or the newest /usr/lib/postgresql/<version>/bin. */
function findBinaries(): string | null {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0]!, 'bin') : null;
}

/**
 * The PostgreSQL binaries, installed with apt-get when they are missing and we can (root, Debian), saying so, as is
 * done for Chromium; otherwise a stop with the command to run.
 */
export function ensurePostgresBinaries(): string {
  const found = findBinaries();
  if (found) return found;
  const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get') && !process.env.POSTGRES_BIN;
  if (!canInstall) throw new Error(`PostgreSQL's server programs (initdb, pg_ctl) are missing.\n${HOW_TO}`);
  console.log("PostgreSQL's server is missing: installing Debian's postgresql package with apt-get (one time)…");
  try {
    // The package's own cluster is not wanted: the tests make theirs. create_main_cluster=false keeps it from being made.
    fs.mkdirSync('/etc/postgresql-common/createcluster.d', { recursive: true });
    fs.writeFileSync('/etc/postgresql-common/createcluster.d/tandem-tests.conf', 'create_main_cluster = false\n');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql', {
      stdio: 'inherit',
    });
  } catch {
    throw new Error(`Installing PostgreSQL with apt-get failed.\n${HOW_TO}`);
  }
  const installed = findBinaries();
  if (!installed) throw new Error(`apt-get finished but initdb is still missing.\n${HOW_TO}`);
  return installed;
}

/** The same database through the Unix socket in `folder` (pg reads a `host` parameter that names a folder so). */
export function socketUrl(tcpUrl: string, folder: string): string {
  const url = new URL(tcpUrl);
  url.hostname = 'localhost';
  url.searchParams.set('host', folder);
  return url.toString();
}

/** A port nobody listens on right now, chosen by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster tuned for tests: no fsync (the cluster is thrown away, and durability is tested on SQLite and by
 * killing processes, not by cutting power), room for the connections of many test files at once.
 */
/** `settings`: more `-c name=value` settings, for a bench that looks inside (pg_stat_statements, say). */
export async function startPostgresCluster(settings: readonly string[] = []): Promise<PostgresCluster> {
  const bin = ensurePostgresBinaries();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-pg-'));
  const data = path.join(dir, 'data');
  // As root, every command runs as `postgres`, which must own the folder.
  const run = (program: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, program), args, { stdio: 'pipe' });
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  fs.chmodSync(dir, 0o700);
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C.UTF-8']);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`, { cause: error });
  }
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=400',
    '-c shared_buffers=64MB',
    ...settings.map((setting) => `-c ${setting}`),
  ].join(' ');
  try {
    run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    const log = fs.existsSync(path.join(dir, 'server.log'))
      ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8')
      : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${String((error as { stderr?: Buffer }).stderr ?? error)}\n${log}`, {
      cause: error,
    });
  }
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
