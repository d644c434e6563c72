// Import errors: what went wrong and where (line, record, field), as data
// that crosses a worker's MessagePort unchanged (toJSON / fromJSON).
export const IMPORT_ERROR = 'RAPPORT_E_IMPORT';
export const IMPORT_CANCELLED = 'RAPPORT_E_CANCELLED';

export class ImportError extends Error {
  // where: { line?, record?, field? } (line and record are 1-based)
  constructor(message, where = {}, code = IMPORT_ERROR) {
    super(describe(message, where));
    this.name = 'ImportError';
    this.code = code;
    this.reason = message;
    this.line = where.line ?? null;
    this.record = where.record ?? null;
    this.field = where.field ?? null;
  }

  toJSON() {
    return { code: this.code, message: this.message, reason: this.reason, line: this.line,
      record: this.record, field: this.field };
  }

  static fromJSON(data) {
    const error = new ImportError(data.reason ?? data.message, data, data.code);
    error.message = data.message;
    return error;
  }
}

function describe(message, { line, record, field }) {
  const where = [];
  if (line != null) where.push(`line ${line}`);
  if (record != null) where.push(`record ${record}`);
  if (field != null) where.push(`field '${field}'`);
  return where.length ? `${where.join(', ')}: ${message}` : message;
}

export function cancelledError() {
  return new ImportError('the import was cancelled; nothing of it was kept', {}, IMPORT_CANCELLED);
}

export function throwIfAborted(signal) {
  if (signal?.aborted) throw cancelledError();
}
