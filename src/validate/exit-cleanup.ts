/**
 * Clean-ups that must run however the process ends: on exit, and on Ctrl-C (SIGINT), SIGTERM or SIGHUP.
 * Used for temporary folders (downloads, spilled key fingerprints). One set of hooks for all of them: two
 * modules each re-raising the signal would drop each other's clean-up.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const cleanups = new Set<() => void>();
let exitHooked = false;
let signalsHooked = false;

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
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', runAll);
  }
  if (signalsHooked) return;
  signalsHooked = true;
  const handlers: [NodeJS.Signals, () => void][] = [];
  for (const sig of SIGNALS) {
    const onSignal = () => {
      runAll();
      for (const [s, h] of handlers) process.removeListener(s, h);
      signalsHooked = false;
      // Nobody else listens: die of the signal, as without this handler (exit status 128 + n for the
      // shell). Otherwise the other listeners decide, as they would without it: a host program's own
      // handler, or the spinner's (signal-exit), which re-raises the signal once it is the only listener.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    handlers.push([sig, onSignal]);
    // First: a listener that ends the process (the spinner's) must not run before the clean-up.
    process.prependListener(sig, onSignal);
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
