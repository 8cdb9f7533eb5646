/** The real server and commands as child processes: shared with `bench:workers`, so they live in scripts/lib. */
export { runCommand, spawnServer, startServerProcess, until, type SpawnedServer } from '../../scripts/lib/processes.js';
