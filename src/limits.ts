/** Every limit in one place, named with its unit (TigerBeetle / pg-boss habit). */
export const limits = {
  pageSizeDefault: 50,
  pageSizeMax: 500,
  loginAttemptsPerMinute: 5,
  loginAttemptsPerIpPerMinute: 60,
  otpValidSeconds: 300,
  otpAttemptsMax: 5,
  sessionHours: 24 * 7,
  idempotencyWaitMs: 10_000,
  idempotencyStaleMs: 30_000,
  requestBodyBytesMax: 1_048_576,
  uploadBytesMax: 10 * 1_048_576,
  topUpFenMax: 100_000_00,
  importRowsMax: 20_000_000,
  webhookToleranceSeconds: 300,
  dependantsPerMemberMax: 20,
  documentBytesMax: 10 * 1_048_576,
  documentsPerClaimMax: 50,
  claimTextCharsMax: 5_000,
  /** The largest id the edge accepts: 15 digits, exact in a JS number and inside PostgreSQL's bigint. */
  idMax: 999_999_999_999_999,
  /** Nesting of a JSON body (objects and arrays): a plan document needs about 8; deeper is refused unparsed. */
  jsonDepthMax: 32,
  /** A person's name, in characters after NFC normalisation. */
  nameCharsMax: 50,
  /** Debits per instruction to the provider (a batch file); one round trip and one status update each. */
  debitBatchSize: 20_000,
  /** Leaves per stored proof chunk (a power of two): a proof reads one chunk and every chunk's root. */
  proofChunkLeaves: 4096,
  /** Slices of a cycle's member range marked collected at once, one connection each (the cores). */
  collectUpdateSlices: 2,
  /** work_mem of a cycle's announcement: the joins and grouping over a million members fit in memory. */
  cycleWorkMemMiB: 256,
  /** work_mem of a jury draw: the candidates (10 M at most here) sorted by pseudonym in memory. */
  juryWorkMemMiB: 1024,
} as const;
