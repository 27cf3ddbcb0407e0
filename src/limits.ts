/** Every limit in one place, named with its unit (TigerBeetle / pg-boss habit). */
export const limits = {
  pageSizeDefault: 50,
  pageSizeMax: 500,
  loginAttemptsPerMinute: 5,
  loginAttemptsPerIpPerMinute: 60,
  otpValidSeconds: 300,
  otpAttemptsMax: 5,
  /** A code request's challenge id: 16 random bytes (128 bits), 22 base64url characters. */
  otpChallengeBytes: 16,
  sessionHours: 24 * 7,
  /** A number not used to sign in for this long may have been recycled (二次放号): a code alone no longer signs in. */
  mobileDormantDays: 180,
  /** A TOTP code is accepted one 30-second step either side of now (clock drift), once. */
  totpWindowSteps: 1,
  /**
   * Sign-in throttles: after `freeAttempts` in `windowSeconds`, each further attempt waits
   * baseDelaySeconds × 2^(attempts − freeAttempts) after the last one, at most maxDelaySeconds. Keyed by
   * account and address, so a stranger elsewhere never delays the owner; per address alone with a
   * larger allowance; code requests, code checks and staff sign-in each keep their own.
   */
  authThrottle: {
    /*
     * Every key below can be run down by a stranger behind the owner's address (a carrier-grade NAT is
     * common on mobile networks), so none waits more than a minute (issue 15: a stranger delays another
     * person's sign-in by a minute at most). Guessing stays bounded elsewhere: a code is bound to its
     * challenge and dies after 5 checks, a staff sign-in needs a single-use TOTP code.
     */
    codeRequestPerMobileAddress: {
      freeAttempts: 3,
      baseDelaySeconds: 30,
      maxDelaySeconds: 60,
      windowSeconds: 3600,
    },
    codeRequestPerAddress: {
      freeAttempts: 20,
      baseDelaySeconds: 1,
      maxDelaySeconds: 60,
      windowSeconds: 3600,
    },
    codeCheckPerMobileAddress: {
      freeAttempts: 5,
      baseDelaySeconds: 1,
      maxDelaySeconds: 60,
      windowSeconds: 3600,
    },
    codeCheckPerAddress: { freeAttempts: 30, baseDelaySeconds: 1, maxDelaySeconds: 60, windowSeconds: 3600 },
    staffPerUserAddress: { freeAttempts: 5, baseDelaySeconds: 1, maxDelaySeconds: 60, windowSeconds: 3600 },
    staffPerAddress: { freeAttempts: 20, baseDelaySeconds: 1, maxDelaySeconds: 60, windowSeconds: 3600 },
    /**
     * What a caller who proved a number may try a day: registrations and real-name checks, each an
     * answer on whether a resident ID is registered; 3, then an hour, two, four… (9 guesses ≈ 2.6 days).
     */
    provenPerMobile: {
      freeAttempts: 3,
      baseDelaySeconds: 3600,
      maxDelaySeconds: 86_400,
      windowSeconds: 86_400,
    },
  },
  idempotencyWaitMs: 10_000,
  idempotencyStaleMs: 30_000,
  /** A stored answer is replayed for a day, then purged. */
  idempotencyRetentionHours: 24,
  idempotencyKeyCharsMax: 200,
  /** Anonymous callers share one scope: 22 base64url characters carry 132 bits. */
  idempotencyKeyAnonymousCharsMin: 22,
  /** Strict-Transport-Security on TLS answers: a year, as browsers' preload lists ask. */
  hstsMaxAgeSeconds: 31_536_000,
  requestBodyBytesMax: 1_048_576,
  uploadBytesMax: 10 * 1_048_576,
  topUpFenMax: 100_000_00,
  /** How long a 代扣 agreement runs before the member signs again (the simulated provider's term). */
  debitAuthorisationDays: 365,
  importRowsMax: 20_000_000,
  webhookToleranceSeconds: 300,
  dependantsPerMemberMax: 20,
  /** Dependant enrolments a member may start (each an identity lookup), per minute and per day. */
  dependantRequestsPerMinute: 3,
  dependantRequestsPerDayMax: 10,
  /** Wrong tries of the code sent to an adult dependant's mobile before the request dies. */
  dependantCodeAttemptsMax: 5,
  /** A parent is at least this much older than the member who enrols them. */
  parentAgeGapYearsMin: 15,
  /** A child dependant is under this age; an adult dependant (parent, spouse) is at least this age. */
  adultAgeYears: 18,
  /** The lowest legal age of marriage (婚姻法: 20 for women, 22 for men): a spouse is at least this old. */
  spouseAgeYearsMin: 20,
  documentBytesMax: 10 * 1_048_576,
  documentsPerClaimMax: 50,
  /** How far into a file a browser looks to decide it is HTML (the MIME Sniffing Standard's 1445 bytes). */
  sniffHeaderBytes: 1445,
  /** What a PDF's compressed streams may inflate to, all together, while searched for script. */
  pdfInflatedBytesMax: 64 * 1_048_576,
  claimTextCharsMax: 5_000,
  /** The largest id the edge accepts: 15 digits, exact in a JS number and inside PostgreSQL's bigint. */
  idMax: 999_999_999_999_999,
  /** Nesting of a JSON body (objects and arrays): a plan document needs about 8; deeper is refused unparsed. */
  jsonDepthMax: 32,
  /** A person's name, in characters after NFC normalisation. */
  nameCharsMax: 50,
  /** Debits per instruction to the provider (a batch file); one round trip and one status update each. */
  debitBatchSize: 20_000,
  /** A call to the payment provider without an answer by then has lost it: its key is in doubt. */
  paymentTimeoutMs: 30_000,
  /** The same for a batch file of up to debitBatchSize debits. */
  paymentBatchTimeoutMs: 300_000,
  /**
   * The reconciliation job (issue 20) asks the provider about a payment left pending or in doubt this
   * long: time enough for its webhook, and far past every send's timeout above, so that no send is
   * still on its way when a key the provider never received is given up.
   */
  paymentReconcileAfterSeconds: 30 * 60,
  /** Keys of each source (requests, cycle debits) one run asks about at most, oldest first. */
  paymentReconcileKeysMax: 1_000,
  /** Leaves per stored proof chunk (a power of two): a proof reads one chunk and every chunk's root. */
  proofChunkLeaves: 4096,
  /**
   * Memory a server keeps of proof chunks' trees (about 400 KB each at 4,096 leaves): every chunk of a
   * cycle of a million members (245 chunks, 98 MB) without a rebuild per share asked.
   */
  proofTreeCacheBytes: 128 * 1024 * 1024,
  /**
   * Distinct SQL texts run as named prepared statements per process (db.ts); the repositories hold a
   * few hundred, each prepared once per connection that runs it.
   */
  preparedStatementsMax: 2_000,
  /** Retry-After of a proof asked while its cycle's chunks are being built (seconds at a million members). */
  proofPendingRetrySeconds: 10,
  /** Slices of a cycle's member range marked collected at once, one connection each (the cores). */
  collectUpdateSlices: 2,
  /** work_mem of a cycle's announcement: the joins and grouping over a million members fit in memory. */
  cycleWorkMemMiB: 256,
  /** work_mem of a jury draw: the candidates (10 M at most here) sorted by pseudonym in memory. */
  juryWorkMemMiB: 1024,

  // ---- Issue 16: one block per package; each adds keys only inside its own (plan rule 5). ----
  // A: members, auth, dependants, audit, enrolment, payments, notifications, demo.
  /** Rows the admin's SMS outbox lists (the newest). */
  smsOutboxListMax: 50,
  // B: cycles.
  /** A member's share proofs per page. */
  shareProofsPageSizeMax: 500,
  // C: claims.
  /** Public claim announcements per page. */
  announcementsPageSizeMax: 500,
  /** Issue 17: objections a member may lodge (each on a different claim) in a rolling day. */
  objectionRate: { perWindow: 3, windowSeconds: 86_400 },
  /** Issue 17: unused invitation codes a member may hold at once in a plan that requires one. */
  invitationCodesPerMemberMax: 5,
  /** Issue 17: invitation codes staff issue in one request. */
  invitationCodesPerIssueMax: 1_000,
  // D: governance, plans, log, import.
  /** A proposal's comments per page. */
  commentsPageSizeMax: 500,
  /** Outbox rows the sequencer appends per transaction, under one signed head. */
  logSequenceBatchMax: 20_000,
  /** A member's own log entries shown at once (with their inclusion proofs). */
  memberLogEntriesMax: 500,
  // E: jobs.
  /** Attempts of a job after its first failure, unless a queue says otherwise (pg-boss retries by default). */
  jobRetryLimitDefault: 0,
  /**
   * The job queue (pg-boss on the same database). Its own timing runs on the database clock; what is
   * due is decided by our handlers on deps.clock.
   */
  jobs: {
    /** Connections of the queue's own pool, beside the app's: polling is one short query at a time. */
    poolConnectionsMax: 4,
    /** A failed job is tried again this many times, waiting retryDelaySeconds × 2^n (backoff). */
    retryLimit: 3,
    retryDelaySeconds: 5,
    /** A cycle step at a million members runs minutes; past this pg-boss counts it failed and retries. */
    cycleStepExpireMinutes: 60,
    /** Any other job (a sweep, a purge, a sequencer batch). */
    jobExpireMinutes: 15,
    /** How often each worker asks its queue for a job. */
    pollingSeconds: 1,
    /** The log sequencer's and the simulated provider's webhook cadences (the old server timers). */
    logSequenceEverySeconds: 1,
    webhooksEverySeconds: 2,
    /** On stop, running jobs get this long to finish; then they are failed and retried elsewhere. */
    stopWaitSeconds: 30,
  },
  /** A command beside a running server waits this long for its embedded PostgreSQL to answer (starting, recovering). */
  embeddedAnswerWaitMs: 10_000,
  /** A member import uploaded over HTTP (POST /operations/members/import): larger files go by `huzhu members import`. */
  importUploadBytesMax: 64 * 1_048_576,
  /** Operations (issue 20): /readyz fails when the oldest fact not yet in the log is older than this. */
  sequencerLagSecondsMax: 60,
  /** A job due this long and not started is late (listed for staff, counted by the metrics). */
  jobLateSeconds: 300,
  /** At most this many jobs in one answer of the failed or late jobs. */
  jobsListMax: 100,
  /** A guardian's money view lists each dependant's latest charges, at most this many (issue 17). */
  dependantChargesMax: 24,
  /** GET /juries answers a member's latest jury invitations, at most this many. */
  juryInvitationsMax: 50,
  /** A juror's reason with the vote, in characters (issue 18). */
  juryReasonCharsMax: 1_000,
  /** Pseudonyms a sampling audit may draw at once (`huzhu audit sample --n`): each is a person's real-name record. */
  sampleAuditMembersMax: 1_000,
  /** Issue 19: witnessed checkpoints (C2SP tlog-witness, tlog-cosignature). */
  witness: {
    /** tlog-witness: a client sends at most 63 consistency proof lines. */
    proofLinesMax: 63,
    /** An add-checkpoint body: 63 proof lines and a checkpoint with a few dozen signatures fit well within. */
    requestBytesMax: 64 * 1024,
    /** The log submits its newest checkpoint to its witnesses this often (a new one, or a fresh timestamp). */
    submitEverySeconds: 10,
    /** An unchanged checkpoint is submitted again for a fresh cosignature after this (well within the bound below). */
    refreshAfterSeconds: 600,
    /** A witness that does not answer within this is tried again by the job's retries. */
    requestTimeoutMs: 10_000,
    /** `huzhu verify` and the member app refuse a checkpoint whose quorum of cosignatures is older than this. */
    checkpointMaxAgeSeconds: 3600,
  },
  /** Issue 20: `huzhu backup` and `huzhu restore` (src/backup/). */
  backup: {
    /** Plaintext bytes per authenticated frame of a backup file: a corrupt byte fails its frame's tag. */
    frameBytes: 1_048_576,
    /** The file's plaintext header line (the key wrap), read before anything else. */
    headerBytesMax: 16 * 1024,
    /** A file (a claim document, a jury list) travels in base64 lines of at most this many raw bytes. */
    fileLineBytes: 48 * 1024,
    /** scrypt's cost for a passphrase: 2^17 × 8 × 128 B = 128 MiB and about half a second, per OWASP's minimum. */
    scryptCost: 131_072,
    scryptBlockSize: 8,
    /** A backup's header may ask for at most this scrypt cost (a hostile file could otherwise ask for gigabytes). */
    scryptCostMax: 1_048_576,
    /** A backup's passphrase: at least this long (it guards every key and every person's record). */
    passphraseCharsMin: 12,
  },
  /** Issue 20: personal data (src/privacy/). */
  privacy: {
    /**
     * How long an erased member's identity evidence (resident ID and name, encrypted) is kept for the
     * sampling audit and the law, counted from the erasure (the end of the relationship). An assumption:
     * neither the domain notes nor the seeds name a period; we take the five years customer identity
     * records are commonly kept under anti-money-laundering rules. Counsel sets it per jurisdiction.
     */
    identityEvidenceRetentionYears: 5,
    /** A refused erasure's reason (its legal ground, without personal data). */
    erasureReasonCharsMax: 200,
  },
  /**
   * Issue 20 (load): mutations one server process runs at once (src/http/write-gate.ts); the rest wait in
   * memory, so writes waiting on a lock never hold more than this many of the pool's connections.
   */
  mutationsInFlightMax: 8,
  /** Connections of a server's or worker's own pool (src/store/open.ts). */
  poolConnectionsMax: 20,
  /** Issue 17: the named source of an import's deposits (its memo in the ledger and the log), at most. */
  importDepositSourceCharsMax: 200,
  /** Issue 20: key rotation (src/keys). */
  keys: {
    /** Rows re-encrypted or re-hashed per batch, each batch one transaction with its progress. */
    batchRows: 500,
    /** Batches per `keys.rotate` job before it sends the next: other queues are not starved. */
    batchesPerJob: 20,
  },
} as const;
