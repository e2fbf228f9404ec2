/**
 * A short two-note chime made with Web Audio: no asset to load or cache. Browsers only
 * let audio start after a user gesture, so the context is created (or resumed) on the
 * agent's first click or key press and reused after.
 */
let context: AudioContext | null = null;

function unlock(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
  } catch {
    // No Web Audio here: the console stays silent.
  }
}

if (typeof addEventListener === 'function') {
  for (const type of ['pointerdown', 'keydown'] as const) addEventListener(type, unlock, { capture: true, passive: true });
}

/** Plays the chime; silently nothing before the first gesture or without Web Audio. */
export function playChime(): void {
  const ctx = context;
  if (!ctx || ctx.state !== 'running') return;
  const start = ctx.currentTime + 0.01;
  const notes: Array<[frequency: number, offset: number]> = [
    [880, 0],
    [1318.5, 0.12],
  ];
  for (const [frequency, offset] of notes) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    const t0 = start + offset;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.18, t0 + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.35);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.4);
  }
}
