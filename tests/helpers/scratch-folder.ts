import fs from 'node:fs';

/** Room the run's throwaway files may take at most: the PostgreSQL cluster with its copies, SQLite files, profiles. */
const ROOM_NEEDED = 2 * 1024 ** 3;

/**
 * Points the test run's temporary folder (TMPDIR, which `os.tmpdir()` reads, in the run and in every process it
 * starts: test workers, servers, PostgreSQL, Chromium) at memory, /dev/shm, when the machine has it writable with room
 * to spare, and the caller did not choose a TMPDIR. Everything there is thrown away at the end, and what a test proves
 * does not depend on a disk: a process killed with SIGKILL leaves its writes in the page cache either way, and no
 * test cuts the power. On a disk, every file the run makes and removes costs the kernel real work: PostgreSQL copying
 * a template into a new database took 150 to 220 ms there and 37 ms in memory, and its CPU in the PostgreSQL run fell
 * from 103 s to 44 s (2026-12-03). Without /dev/shm, or with too little room, the system's folder serves as before.
 */
export function scratchInMemory(): void {
  if (process.env.TMPDIR !== undefined || process.platform !== 'linux') return;
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    const { bavail, bsize } = fs.statfsSync('/dev/shm');
    if (bavail * bsize >= ROOM_NEEDED) process.env.TMPDIR = '/dev/shm';
  } catch {
    // No /dev/shm here: the system's temporary folder it is.
  }
}
