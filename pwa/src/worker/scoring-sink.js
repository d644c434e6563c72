// A sink (shared/import/README.md) that scores each batch before handing it to
// `sink`, one batch ahead: write(batch k+1) starts scoring it and then writes
// batch k once scored, so the pipeline parses the next batch while the review
// worker is still reviewing this one's replies. Order is kept (the scorer
// takes each batch's conversation context as it starts it, and batches are
// written in turn); `onScored(rows)` sees every batch just before its write.
// A scoring failure surfaces at the next write or at commit, and the import
// is aborted as any failed write; abort does not wait for scoring in progress.
export function scoringSink(sink, score, onScored = () => {}) {
  let pending = null;  // the last batch's scoring, not yet written
  async function writeScored(scoring) {
    const rows = await scoring;
    onScored(rows);
    await sink.write(rows);
  }
  return {
    begin: (importId) => sink.begin(importId),
    async write(rows) {
      const previous = pending;
      pending = score(rows);
      pending.catch(() => {});  // observed here; awaited by the next write or commit
      if (previous) await writeScored(previous);
    },
    async commit() {
      const last = pending;
      pending = null;
      if (last) await writeScored(last);
      await sink.commit();
    },
    async abort(error) {
      pending = null;
      await sink.abort(error);
    },
  };
}
