import fs from 'node:fs';

/**
 * Free room /dev/shm must have to be used: far more than the run's throwaway files take (the PostgreSQL cluster with
 * its copies, SQLite files, browser profiles; the cluster alone starts at about 40 MB), so they never crowd memory.
 */
const ROOM_NEEDED = 2 * 1024 ** 3;

/**
 * Points the test run's temporary folder at memory, /dev/shm, when the machine has it writable with room to spare and
 * the caller chose no folder (TMPDIR, TMP or TEMP, which `os.tmpdir()` reads in that order). Every process of the run
 * inherits it: the test workers, the servers they start, Chromium, and the folder the global setup makes for the
 * PostgreSQL cluster. What a test proves does not depend on a disk: a process killed with SIGKILL leaves its writes in
 * the page cache either way, and no test cuts the power. On a disk, every file the run makes and removes costs the
 * kernel real work: PostgreSQL copying a template into a new database took 150 to 220 ms there and 37 ms in memory
 * (2026-12-03; docs/decisions.md has the whole run). Without /dev/shm, or with too little room, the system's folder
 * serves as before.
 */
export function scratchInMemory(): void {
  const chosen = ['TMPDIR', 'TMP', 'TEMP'].some((name) => process.env[name] !== undefined);
  if (chosen || process.platform !== 'linux') return;
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    const { bavail, bsize } = fs.statfsSync('/dev/shm');
    if (bavail * bsize >= ROOM_NEEDED) process.env.TMPDIR = '/dev/shm';
  } catch {
    // No /dev/shm here: the system's temporary folder it is.
  }
}
