// Throughput and latency in one process. Contestants run in interleaved
// rounds (every contestant once per round over the same texts, the order
// rotated each round) so that a slow phase of the machine hurts all of them
// alike; the figure reported is the median over rounds.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Nearest-rank percentile, p in (0, 100].
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function rotate(list, by) {
  const k = by % list.length;
  return list.slice(k).concat(list.slice(0, k));
}

// opened: [{ name, handle }]. Returns [{ name, msgsPerSec, roundsMsgsPerSec }]
// in the order given.
export async function measureThroughput(opened, texts, { rounds = 5, warmupTexts = 2000 } = {}) {
  const warm = texts.slice(0, warmupTexts);
  // Warm-up, unmeasured: V8 tiers wasm and JS up in the background.
  for (const c of opened) await c.handle.labelsOf(warm);

  const perRound = new Map(opened.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const c of rotate(opened, round)) {
      const t0 = performance.now();
      const labels = await c.handle.labelsOf(texts);
      const seconds = (performance.now() - t0) / 1000;
      // Checking the output also keeps the work from being optimized away.
      if (labels.length !== texts.length || labels.some((l) => typeof l !== 'string')) {
        throw new Error(`${c.name}: returned ${labels.length} labels for ${texts.length} texts`);
      }
      perRound.get(c.name).push(texts.length / seconds);
    }
  }
  return opened.map((c) => ({
    name: c.name,
    msgsPerSec: median(perRound.get(c.name)),
    roundsMsgsPerSec: perRound.get(c.name),
  }));
}

// Single-message latency for contestants that offer latencies(); interleaved
// the same way. Returns [{ name, calls, p50Ms, p99Ms, maxMs }].
export async function measureLatency(opened, texts, { rounds = 5 } = {}) {
  const timed = opened.filter((c) => typeof c.handle.latencies === 'function');
  if (timed.length === 0) return [];
  for (const c of timed) await c.handle.latencies(texts.slice(0, 200));  // warm-up
  const samples = new Map(timed.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const c of rotate(timed, round)) {
      samples.get(c.name).push(...(await c.handle.latencies(texts)));
    }
  }
  return timed.map((c) => {
    const s = samples.get(c.name);
    return {
      name: c.name,
      calls: s.length,
      p50Ms: percentile(s, 50),
      p99Ms: percentile(s, 99),
      maxMs: Math.max(...s),
    };
  });
}
