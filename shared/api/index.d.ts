// Hand-written types for Rapport's public JS API (shared/api/index.js).
// tests/js/contract.test.mjs compiles them with tsc against real results, the
// real exports and the one schema (shared/api/schema/rapport.schema.json).

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export type CueId = 'urgency' | 'churn_risk' | 'escalation' | 'repeat_contact' | 'confusion' | 'gratitude';
export type PriorityLevel = 'low' | 'normal' | 'high' | 'urgent';
export type EmotionName =
  | 'admiration' | 'amusement' | 'anger' | 'annoyance' | 'approval' | 'caring'
  | 'confusion' | 'curiosity' | 'desire' | 'disappointment' | 'disapproval'
  | 'disgust' | 'embarrassment' | 'excitement' | 'fear' | 'gratitude' | 'grief'
  | 'joy' | 'love' | 'nervousness' | 'optimism' | 'pride' | 'realization'
  | 'relief' | 'remorse' | 'sadness' | 'surprise' | 'neutral';

/** A range of the analyzed text in UTF-16 code units (usable with String#slice and DOM Ranges). */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export interface Sentiment {
  label: SentimentLabel;
  /** -1..1; >= 0.05 is positive, <= -0.05 negative. */
  score: number;
  positive: number;
  negative: number;
  neutral: number;
}

export interface Cue {
  id: CueId;
  /** 0..1 */
  strength: number;
  spans: TextSpan[];
}

export interface Evidence extends TextSpan {
  /** Signed contribution (sentiment) or strength (cues). */
  weight: number;
  /** 'lexicon' | 'supplement' | 'emoji' | 'emoticon' | `cue:${CueId}` */
  source: string;
  note: string;
}

export interface LanguageGuess {
  /** ISO 639-1 code, or 'und' when unsure. */
  code: string;
  supported: boolean;
  confidence: number;
}

export interface Assessment {
  sentiment: Sentiment;
  /** All 28 GoEmotions names, each 0..1. */
  emotions: Record<EmotionName, number>;
  cues: Cue[];
  /** 0..1: how soon a person should answer. */
  priority: number;
  priorityLevel: PriorityLevel;
  /** The words that drove the result, strongest first. */
  evidence: Evidence[];
  language: LanguageGuess;
  /** The text was longer than limits.maxAnalyzedBytes of UTF-8 and was cut. */
  truncated: boolean;
  /** Invalid UTF-8 was replaced with U+FFFD (never true for JS strings). */
  invalidUtf8: boolean;
  source: 'lexicon' | 'model+lexicon';
  /** Model path only: agent-facing groups, each the largest member probability (models/MODEL_CARD.md). */
  emotionGroups?: Record<EmotionGroup, number>;
  /** Model path only: GoEmotions names over their tuned thresholds, most probable first. */
  detectedEmotions?: EmotionName[];
  /** Model path only: the group of the strongest detected label ('neutral' when none). */
  primaryEmotion?: EmotionGroup;
}

export type EmotionGroup = 'angry' | 'frustrated' | 'disappointed' | 'confused' | 'anxious'
  | 'sad' | 'grateful' | 'happy' | 'neutral';

export interface ReviewOptions {
  /** The customer's message the draft answers (analyzed once, cached across keystrokes). */
  customerText?: string;
  customerName?: string;
  agentName?: string;
  company?: string;
}

/** A flagged phrase (or a missing element) of the draft; offsets are UTF-16 units of the draft. */
export interface Suggestion extends TextSpan {
  /** Replace draft.slice(replaceStart, replaceEnd) with a replacement to apply it. */
  replaceStart: number;
  replaceEnd: number;
  category: string;
  ruleId: string;
  severity: 'low' | 'medium' | 'high';
  kind: 'phrase' | 'absence';
  message: string;
  why: string;
  replacements: string[];
}

export interface ScoreReason {
  effect: '+' | '-' | '=';
  note: string;
  start?: number;
  end?: number;
  text?: string;
}

export interface ScorePart {
  id: string;
  points: number;
  max: number;
  reasons: ScoreReason[];
}

export interface MismatchAlert {
  alert: boolean;
  message?: string;
  customerLabel?: SentimentLabel;
  customerScore?: number;
}

export interface DraftReview {
  /** 0..100 */
  empathyScore: number;
  /** At most 500 suggestions are listed (all are scored). */
  suggestions: Suggestion[];
  /** How many suggestions were left out of the list beyond the first 500. */
  omittedSuggestions: number;
  scoreParts: ScorePart[];
  mismatch: MismatchAlert;
  words: number;
  truncated: boolean;
  invalidUtf8: boolean;
  /** Name of the rule pack in use. */
  pack: string;
}

export interface RulePackProblem {
  path: string;
  code: string;
  message: string;
}

export interface RulePackInfo {
  ruleCount: number;
}

export interface OrtWasmPaths {
  wasm: string | URL;
}

/** Options of the model path (shared/api/model.js); every file ships in the package. */
export interface ModelOptions {
  /** Where models/model.onnx is (default: next to the package). */
  modelUrl?: string | URL;
  modelBytes?: ArrayBuffer | ArrayBufferView;
  /** Where models/model.json is, or its content. */
  metaUrl?: string | URL;
  meta?: string | object;
  /** ONNX Runtime's wasm, for hosts that serve it elsewhere: { wasm: url } (never a string: MV3). */
  ortWasmPaths?: OrtWasmPaths;
  ortWasmBinary?: ArrayBuffer | ArrayBufferView;
}

export interface AnalyzerOptions {
  /** Default / true: bundled model + lexicon. false: lexicon only (ONNX Runtime never loaded). */
  model?: boolean | ModelOptions;
  /**
   * One base for every engine file: `${assetBase}/rapport_core.wasm`, `${assetBase}/ort/…`,
   * `${assetBase}/model/…` (shared/api/assets.js; a host copies engineAssetFiles() there).
   * Default: the package's own files. wasmUrl and the model options override it per file.
   */
  assetBase?: string | URL;
  /** Where to fetch rapport_core.wasm from (default: next to the package's wasm/dist). */
  wasmUrl?: string | URL;
  /** The wasm bytes, for hosts that load them their own way. */
  wasmBinary?: ArrayBuffer | ArrayBufferView;
  /** An already compiled module (e.g. shared between workers). */
  wasmModule?: WebAssembly.Module;
}

export interface AnalyzerLimits {
  /** Most texts one analyzeBatch() call takes (RAPPORT_E_TOO_MANY beyond). */
  maxBatchSize: number;
  /** Bytes of UTF-8 per text the core looks at; longer text is cut and flagged `truncated`. */
  maxAnalyzedBytes: number;
  /** Most UTF-16 units per analyzeBatch() call, counting each text up to maxAnalyzedBytes + 1. */
  maxBatchUnits: number;
}

export interface MemoryStats {
  /** The whole wasm linear memory (it only grows). */
  wasmHeapBytes: number;
  /** The allocator's top (program break): moves only when malloc needs fresh memory. */
  wasmBreakBytes: number;
  /** Review sessions open in the engine (closed by dispose() or, later, by GC). */
  reviewSessions: number;
}

/** One conversation's draft review (analyzer.createReviewSession). */
export interface ReviewSession {
  /** True after dispose() or the analyzer's dispose(). */
  readonly disposed: boolean;
  /** Reviews a draft against this conversation's customer (analysed once, not per call). */
  review(draft: string): Promise<DraftReview>;
  /** The customer wrote again or the names changed; true when anything changed (analysed once here). */
  setCustomer(customer?: ReviewOptions): boolean;
  /** How often this session analysed a customer message. */
  stats(): { customerAnalyses: number };
  /** Frees the engine side; idempotent. A dropped session is also freed by GC, later. */
  dispose(): void;
}

export interface Analyzer {
  readonly version: string;
  readonly emotionLabels: EmotionName[];
  readonly limits: AnalyzerLimits;
  readonly source: 'lexicon' | 'model+lexicon';
  readonly disposed: boolean;
  analyze(text: string): Promise<Assessment>;
  /** One boundary crossing for the whole array; results in input order. */
  analyzeBatch(texts: string[]): Promise<Assessment[]>;
  /** Empathy review of an agent's draft reply (shared/api/review.js); a one-shot. */
  reviewDraft(draft: string, options?: ReviewOptions): Promise<DraftReview>;
  /** A review session for one conversation: its customer analysed once, the analyzer's rule pack. */
  createReviewSession(customer?: ReviewOptions): ReviewSession;
  /** Loads a team rule pack (JSON text or object); RAPPORT_E_RULE_PACK with `details` if invalid. */
  loadRulePack(pack: string | object): RulePackInfo;
  /** The rule pack in use, as JSON text loadable with loadRulePack. */
  exportRulePack(): string;
  /** Back to the default rule pack. */
  resetRulePack(): void;
  memoryStats(): MemoryStats;
  /** Frees the engine; later calls reject with RAPPORT_E_DISPOSED. Idempotent. */
  dispose(): void;
}

export type ErrorCode =
  | 'RAPPORT_E_INPUT_TYPE'
  | 'RAPPORT_E_TOO_MANY'
  | 'RAPPORT_E_TOO_LARGE'
  | 'RAPPORT_E_DISPOSED'
  | 'RAPPORT_E_OPTIONS'
  | 'RAPPORT_E_ENGINE_LOAD'
  | 'RAPPORT_E_MODEL_LOAD'
  | 'RAPPORT_E_RULE_PACK'
  | 'RAPPORT_E_OUT_OF_MEMORY'
  | 'RAPPORT_E_INTERNAL'
  | 'RAPPORT_E_HOST_GONE'
  | 'RAPPORT_E_BRIDGE_METHOD'
  | 'RAPPORT_E_BRIDGE_REQUEST'
  | 'RAPPORT_E_CANCELLED'
  | 'RAPPORT_E_NO_SESSION'
  | 'RAPPORT_E_NOT_FOUND'
  | 'RAPPORT_E_AMBIGUOUS';

export class RapportError extends Error {
  readonly name: 'RapportError';
  readonly code: ErrorCode;
  /** RAPPORT_E_RULE_PACK only: every problem of the pack. */
  details?: RulePackProblem[];
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown });
}

export const ErrorCodes: {
  readonly INPUT_TYPE: 'RAPPORT_E_INPUT_TYPE';
  readonly TOO_MANY: 'RAPPORT_E_TOO_MANY';
  readonly TOO_LARGE: 'RAPPORT_E_TOO_LARGE';
  readonly DISPOSED: 'RAPPORT_E_DISPOSED';
  readonly OPTIONS: 'RAPPORT_E_OPTIONS';
  readonly ENGINE_LOAD: 'RAPPORT_E_ENGINE_LOAD';
  readonly MODEL_LOAD: 'RAPPORT_E_MODEL_LOAD';
  readonly RULE_PACK: 'RAPPORT_E_RULE_PACK';
  readonly OUT_OF_MEMORY: 'RAPPORT_E_OUT_OF_MEMORY';
  readonly INTERNAL: 'RAPPORT_E_INTERNAL';
  readonly HOST_GONE: 'RAPPORT_E_HOST_GONE';
  readonly BRIDGE_METHOD: 'RAPPORT_E_BRIDGE_METHOD';
  readonly BRIDGE_REQUEST: 'RAPPORT_E_BRIDGE_REQUEST';
  readonly CANCELLED: 'RAPPORT_E_CANCELLED';
  readonly NO_SESSION: 'RAPPORT_E_NO_SESSION';
  // Customer context (shared/api/context.js).
  readonly NOT_FOUND: 'RAPPORT_E_NOT_FOUND';
  readonly AMBIGUOUS: 'RAPPORT_E_AMBIGUOUS';
};

export const version: string;

export function createAnalyzer(options?: AnalyzerOptions): Promise<Analyzer>;

// --- Analytics (shared/api/analytics.js; C++ in wasm/core/analytics) -------

export type AnalyticsBucket = 'hour' | 'day' | 'week';

/** One scored message, as the analytics take it (README.md, "Analytics"). */
export interface AnalyticsRecord {
  conversation: string;
  /** ISO 8601 date-time; its offset is the data's time zone for bucketing. */
  at: string;
  role?: 'customer' | 'agent';
  customer?: string;
  agent?: string;
  brand?: string;
  channel?: string;
  tags?: string[];
  /** Customer messages: the analyzer's sentiment score, priority, felt emotion and cue ids. */
  sentiment?: number;
  priority?: number;
  emotion?: string | null;
  cues?: CueId[];
  /** Agent replies: the draft review's empathy score and the phrases it flagged. */
  empathy?: number;
  cold?: string[];
  /** Conversation facts, on any of its records. */
  csat?: number;
  nps?: number;
  resolvedAt?: string;
  handleSeconds?: number;
  fcr?: boolean;
}

export interface AnalyticsQuery {
  from?: string;
  /** Exclusive; a bare date includes that whole day. */
  to?: string;
  agents?: string[];
  brands?: string[];
  channels?: string[];
  tags?: string[];
  /** Conversations where a customer message has any of these cues. */
  cues?: CueId[];
  bucket?: AnalyticsBucket;
  queueLimit?: number;
}

/** The report: totals, series, emotions, cues, queue, agents, kpis, facets (README.md). */
export interface AnalyticsReport {
  messages: number;
  customerMessages: number;
  agentReplies: number;
  conversations: number;
  timeZone: string;
  bucket: AnalyticsBucket;
  first: string | null;
  last: string | null;
  sentiment: object;
  series: object[];
  emotions: object[];
  cues: object[];
  queue: object[];
  queueTotal: number;
  agents: object[];
  kpis: object;
  facets: object;
}

export interface AnalyticsAddResult {
  added: number;
  total: number;
}

export interface AnalyticsOptions {
  wasmUrl?: string | URL;
  wasmBinary?: ArrayBuffer | ArrayBufferView;
  wasmModule?: WebAssembly.Module;
}

export interface Analytics {
  readonly size: number;
  readonly disposed: boolean;
  /** All or nothing; a bad record throws RAPPORT_E_INPUT_TYPE with details [{ record, field, message }]. */
  add(records: AnalyticsRecord[] | string): AnalyticsAddResult;
  query(query?: AnalyticsQuery): AnalyticsReport;
  clear(): void;
  dispose(): void;
}

/** Messages to be scored: the record fields plus the text. */
export interface ScorableMessage extends AnalyticsRecord {
  text: string;
}

export interface Scorer {
  score(messages: ScorableMessage[]): Promise<AnalyticsRecord[]>;
}

export function createAnalytics(options?: AnalyticsOptions): Promise<Analytics>;
export function createScorer(analyzer: Analyzer): Scorer;
export function feltEmotion(assessment: Assessment): string | null;

// --- Customer context (shared/api/context.js; C++ in wasm/core/context) -----

export type ContextEventType = 'message' | 'conversation' | 'ticket_opened' | 'ticket_closed' | 'ticket_reopened'
  | 'purchase' | 'refund' | 'account_change' | 'note' | 'csat' | 'nps';

export interface CustomerIdentity {
  email?: string;
  phone?: string;
  userId?: string | number;
  name?: string;
}

/** One event (README.md, "Customer context"). */
export interface ContextEvent {
  type: ContextEventType;
  /** ISO 8601 date-time. */
  at: string;
  source?: string;
  id?: string | number;
  customer?: CustomerIdentity;
  conversation?: string | number;
  ticket?: string | number;
  role?: 'customer' | 'agent';
  text?: string;
  subject?: string;
  topic?: string;
  channel?: string;
  assessment?: Partial<Assessment>;
  sentiment?: number;
  emotion?: string;
  priority?: number;
  amount?: number;
  currency?: string;
  order?: string | number;
  item?: string;
  change?: string;
  score?: number;
  meta?: Record<string, unknown>;
}

/** A customer id ('c_...') or an identity; an identity's keys must all agree. */
export type CustomerQuery = string | { customer?: string; email?: string; phone?: string; userId?: string | number; source?: string };

export interface TimelineEvent {
  id: string;
  type: ContextEventType;
  at: string;
  source: string;
  sourceId?: string;
  conversation?: string;
  ticket?: string;
  role?: 'customer' | 'agent';
  channel?: string;
  subject?: string;
  text?: string;
  topic?: string;
  topicId?: string;
  sentiment?: number;
  emotion?: string;
  priority?: number;
  amount?: number;
  currency?: string;
  order?: string;
  item?: string;
  change?: string;
  score?: number;
  customer: { email?: string; phone?: string; userId?: string; name?: string };
  meta?: Record<string, unknown>;
  /** Which key placed it: 'userId' | 'email' | 'phone' | 'conversation' | 'new'. */
  matchedBy?: string;
  /** Placed on one of several customers sharing its key. */
  ambiguous?: true;
}

export interface CustomerProfile {
  id: string;
  name: string | null;
  names: string[];
  emails: string[];
  phones: string[];
  userIds: { source: string; id: string }[];
  mergedFrom: string[];
  events: number;
  firstAt: string | null;
  lastAt: string | null;
  merges: { id: string; customers: [string, string]; reason: string; manual: boolean }[];
  links: { customer: string; reason: string }[];
}

export interface CustomerSummary {
  customer: string;
  name: string | null;
  now: string;
  contacts: { last7: number; last30: number; last90: number; total: number };
  openIssues: { ticket: string; source: string; openedAt?: string; reopened: boolean; topic?: string }[];
  lastContact: { at: string; source: string; conversation?: string; channel?: string; topic: string | null } | null;
  repeatContact: { topic: string; contacts: number; withinDays: number; previousAt: string } | null;
  sentiment: {
    points: { at: string; score: number }[];
    latest: number;
    average: number;
    messages: number;
    trend: 'improving' | 'worsening' | 'steady' | null;
  } | null;
  lifetimeValue: { currency: string; amount: number }[];
  orders: number;
  lastPurchase: { at: string; amount: number; currency: string; order?: string; item?: string } | null;
  lastRating: { type: 'csat' | 'nps'; score: number; at: string } | null;
  openingLine: string | null;
}

export interface ContextDecision {
  kind: 'merge' | 'unmerge';
  a: string;
  b: string;
  reason?: string;
  at?: number;
}

export interface ContextOptions {
  /** Country calling code for national phone numbers ('44', '1'). */
  defaultCallingCode?: string;
  /** The same topic again within this many days is a repeat contact (default 14). */
  repeatDays?: number;
  wasmUrl?: string | URL;
  wasmBinary?: ArrayBuffer | ArrayBufferView;
  wasmModule?: WebAssembly.Module;
}

export interface CustomerContext {
  readonly size: number;
  readonly disposed: boolean;
  /** All or nothing; a bad event throws RAPPORT_E_INPUT_TYPE with details [{ event, field, message }]. */
  addEvents(events: ContextEvent[] | string): {
    added: number; duplicates: number; merged: string[]; ids: string[]; customers: string[]; total: number;
  };
  customers(): CustomerProfile[];
  profile(customer: CustomerQuery): CustomerProfile;
  timeline(customer: CustomerQuery): TimelineEvent[];
  summary(customer: CustomerQuery, options?: { now?: Date | string; tzOffsetMinutes?: number; repeatDays?: number }): CustomerSummary;
  merge(a: string, b: string, reason: string): { merge: string; customer: string };
  unmerge(mergeId: string): { customers: string[] };
  forget(customer: CustomerQuery): { customers: string[]; events: string[] };
  decisions(): ContextDecision[];
  restoreDecisions(decisions: ContextDecision[]): void;
  clear(): void;
  dispose(): void;
}

export function createContext(options?: ContextOptions): Promise<CustomerContext>;
