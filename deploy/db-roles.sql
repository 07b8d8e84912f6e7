-- Rights of the application's role (the user of DATABASE_URL), run by the tables' owner after the migrations
-- (deploy/db-roles.sh does it at every deploy when DATABASE_OWNER_URL is set; idempotent):
--   psql "$DATABASE_OWNER_URL" -v ON_ERROR_STOP=1 -v app_role=ocpizza_app -f deploy/db-roles.sql
-- The application reads and writes every table, but only reads and appends to the sales journal, its closures
-- and its keys: no UPDATE, DELETE or TRUNCATE there. Not being their owner, it cannot ALTER TABLE … DISABLE
-- TRIGGER either, and session_replication_role is for superusers only: the journal's protection holds against
-- the application's own credentials (article 286, I-3° bis du CGI; see the dossier, « Journal des ventes »).
GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :"app_role";
REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON sales_journal, journal_closures, journal_keys FROM :"app_role";
