-- The PostgreSQL role for `npm run verifier` workers: what verifying needs, nothing more
-- (lib/verifier/README.md, "Least privilege for workers"). Run once as the database owner,
-- after the migrations, and again after a migration that adds a table the verifier must use:
--
--   psql "$OWNER_DATABASE_URL" -v verifier_password="'…'" -f deploy/verifier-role.sql
--
-- Workers then connect as leakless_verifier. No access to accounts (emails, password hashes,
-- OAuth tokens), sign-in attempts, cohorts, drafts, feedback or grade overrides.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'leakless_verifier') THEN
    CREATE ROLE leakless_verifier LOGIN;
  END IF;
END $$;
ALTER ROLE leakless_verifier PASSWORD :verifier_password;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM leakless_verifier;
GRANT USAGE ON SCHEMA public TO leakless_verifier;

-- The queue: claim, renew, release and finish jobs; queue content checks at start.
GRANT SELECT, INSERT, UPDATE ON "Job" TO leakless_verifier;
-- What a job verifies: the code and the exercise's checks and limits.
-- (Whole rows: Prisma's updates return the row, so column-level SELECT grants would break them.)
GRANT SELECT ON "Submission" TO leakless_verifier;
GRANT UPDATE ("state", "verdict", "result", "attempts", "errorMessage", "durationMs", "verifiedAt", "exerciseHash")
  ON "Submission" TO leakless_verifier;
GRANT SELECT ON "Exercise", "Section" TO leakless_verifier;
-- (updatedAt: Prisma sets it on every update of the row.)
GRANT UPDATE ("contentVerifiedHash", "contentProblems", "contentVerifiedAt", "updatedAt") ON "Exercise" TO leakless_verifier;
-- Storing a verdict: its check outcomes and the learner's recomputed progress (lib/submissions/store-verdict.ts).
GRANT SELECT, INSERT, DELETE ON "CheckOutcome" TO leakless_verifier;
GRANT SELECT, INSERT, UPDATE ON "Progress" TO leakless_verifier;
GRANT SELECT ("userId", "exerciseId") ON "HintReveal" TO leakless_verifier;
-- Regrades: the item, and the regrade's counters.
GRANT SELECT, UPDATE ON "RegradeItem" TO leakless_verifier;
GRANT SELECT, UPDATE ON "RegradeJob" TO leakless_verifier;
-- The readiness check reads which migrations are applied.
GRANT SELECT ON "_prisma_migrations" TO leakless_verifier;
