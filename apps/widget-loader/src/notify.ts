/** How often the page title alternates between "(N) New message" and the page's own. */
const FLASH_MS = 1000;
/** A burst of messages chimes once. */
const CHIME_GAP_MS = 2000;

/**
 * Tells a visitor who cannot see the chat that an agent wrote: a soft two-tone chime
 * and a flashing page title. The title is the host page's: while flashing, a title the
 * page sets itself (an SPA navigating) becomes the one restored at the end.
 */
export function createNotifier(flashText: () => string) {
  let audio: AudioContext | undefined;
  let chimedAt = 0;
  let timer: ReturnType<typeof setInterval> | 0 = 0;
  /** The host page's title, while flashing. */
  let original = '';
  /** What the loader last wrote into document.title. */
  let written = '';
  let count = 0;
  let lit = false;

  /** The page wrote its own title since the loader last did: that is the one to restore. */
  const sync = () => {
    if (timer && document.title !== written) original = document.title;
  };
  const write = (title: string) => {
    document.title = written = title;
  };
  const tick = () => {
    sync();
    lit = !lit;
    write(lit ? `(${count}) ${flashText()}` : original);
  };

  return {
    /** The host page's own title, even while flashing. */
    title(): string {
      sync();
      return timer ? original : document.title;
    },

    chime(): void {
      const now = Date.now();
      if (now - chimedAt < CHIME_GAP_MS) return;
      chimedAt = now;
      try {
        // Created on first use; without a user gesture on the page the browser may keep
        // it suspended, and the chime is silently skipped.
        audio ??= new AudioContext();
        void audio.resume().catch(() => undefined);
        const start = audio.currentTime + 0.02;
        [659.25, 987.77].forEach((hz, i) => {
          const at = start + i * 0.14;
          const osc = audio!.createOscillator();
          const gain = audio!.createGain();
          osc.frequency.value = hz;
          gain.gain.setValueAtTime(0.0001, at);
          gain.gain.exponentialRampToValueAtTime(0.12, at + 0.015);
          gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.45);
          osc.connect(gain).connect(audio!.destination);
          osc.start(at);
          osc.stop(at + 0.5);
        });
      } catch {
        // No Web Audio here: no chime.
      }
    },

    flash(): void {
      count++;
      if (!timer) {
        original = document.title;
        timer = setInterval(tick, FLASH_MS);
      }
      // Light up at once with the new count; the timer keeps alternating.
      lit = false;
      tick();
    },

    stop(): void {
      if (!timer) return;
      sync();
      clearInterval(timer);
      timer = 0;
      count = 0;
      if (document.title !== original) document.title = original;
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
