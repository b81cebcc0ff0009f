-- Custom SQL (issue 13, the registry of information systems): systems approved before
-- approved_at existed count as approved since their last change, so that unblocking one returns it
-- to «Действующая» rather than to «На согласовании».
UPDATE "oidc_clients" SET "approved_at" = "updated_at" WHERE "status" = 'approved' AND "approved_at" IS NULL;
