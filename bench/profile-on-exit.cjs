// Preloaded into the API when the benchmark runs it with --cpu-prof. Nest ends the process by
// re-raising SIGTERM after its shutdown, and a process ended by a signal writes no profile;
// this listener turns that second SIGTERM into a normal exit, so the profile is written.
let signals = 0;
process.on('SIGTERM', () => {
  signals += 1;
  if (signals >= 2) process.exit(0);
});
