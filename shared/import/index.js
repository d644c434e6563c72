// shared/import: the streamed, all-or-nothing import pipeline (README.md here).
export { previewImport, runImport } from './pipeline.js';
export { MESSAGE_FIELDS, coerce, toTime } from './fields.js';
export { guessMapping, validateMapping, mapRecord, columnsOf } from './mapping.js';
export { FORMATS, formatById, detectFormat } from './formats/index.js';
export { ImportError, IMPORT_ERROR, IMPORT_CANCELLED } from './errors.js';
