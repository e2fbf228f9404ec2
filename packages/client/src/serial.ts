/**
 * Wraps a task so that only one run is in progress at a time; asking while it runs
 * schedules exactly one more run afterwards, so no request is lost in the gap between
 * the task's last check and its end.
 */
export function serial(task: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await task();
      } while (again);
    } finally {
      running = false;
    }
  };
  return () => void run().catch(() => undefined);
}
