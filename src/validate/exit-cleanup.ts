/**
 * Clean-ups that must run however the process ends: on exit, and on Ctrl-C (SIGINT), SIGTERM or SIGHUP,
 * after which the process dies of the same signal (exit status 128 + n for the shell). Used for
 * temporary folders (downloads, spilled key fingerprints). One set of hooks for all of them: two
 * modules each re-raising the signal would drop each other's clean-up.
 */
const cleanups = new Set<() => void>();
let hooked = false;

function runAll(): void {
  for (const fn of [...cleanups]) {
    try {
      fn();
    } catch {
      // a clean-up that fails (a folder already gone) must not stop the others
    }
  }
  cleanups.clear();
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', runAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      runAll();
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(s);
      process.kill(process.pid, sig);
    };
    // Only when nobody else handles the signal: a host program's own handler keeps its behaviour.
    if (process.listenerCount(sig) === 0) process.once(sig, onSignal);
  }
}

/** Run `fn` when the process ends (unless removed before); returns the function that removes it. */
export function onExitCleanup(fn: () => void): () => void {
  hook();
  cleanups.add(fn);
  return () => {
    cleanups.delete(fn);
  };
}
