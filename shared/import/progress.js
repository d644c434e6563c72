// Progress of a streamed import: rows done, bytes read, rows per second and
// the time left estimated from the share of bytes read (the row count of a
// stream is not known in advance). Reports at most every `everyMs`.
export function createProgress(totalBytes, onProgress, { everyMs = 100, now = () => performance.now() } = {}) {
  const start = now();
  let last = -Infinity;
  return {
    update({ rows, records, bytes }, force = false) {
      const t = now();
      if (!onProgress || (!force && t - last < everyMs)) return;
      last = t;
      const seconds = (t - start) / 1000;
      const share = totalBytes ? Math.min(1, bytes / totalBytes) : null;
      const rowsPerSecond = seconds > 0 ? rows / seconds : 0;
      const secondsLeft = share && share > 0 && share < 1 ? (seconds / share) * (1 - share) : share === 1 ? 0 : null;
      onProgress({ rows, records, bytes, totalBytes, share, seconds, rowsPerSecond, secondsLeft });
    },
  };
}
