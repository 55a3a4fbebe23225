import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * The one migration set, for SQLite and PostgreSQL alike: only types both understand
 * (`text`, `integer`, `bigint`), no engine-specific defaults. A migration is never edited
 * once released; a change is a new entry.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-memory': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('jobs_seen')
        .addColumn('job_key', 'text', (column) => column.primaryKey())
        .addColumn('region', 'text', (column) => column.notNull())
        .addColumn('project_id', 'text', (column) => column.notNull())
        .addColumn('job_id', 'text', (column) => column.notNull())
        .addColumn('first_at', 'bigint', (column) => column.notNull())
        .addColumn('first_answer', 'text', (column) => column.notNull())
        .addColumn('first_request_id', 'text')
        .addColumn('latest_at', 'bigint', (column) => column.notNull())
        .addColumn('latest_answer', 'text', (column) => column.notNull())
        .addColumn('latest_request_id', 'text')
        .addColumn('facts', 'text', (column) => column.notNull())
        .addColumn('gone_at', 'bigint')
        .addColumn('observations', 'integer', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('jobs_seen_latest_at')
        .on('jobs_seen')
        .column('latest_at')
        .execute();

      await db.schema
        .createTable('observations')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('job_key', 'text', (column) => column.notNull())
        .addColumn('observed_at', 'bigint', (column) => column.notNull())
        .addColumn('request_id', 'text')
        .addColumn('viewer', 'text')
        .addColumn('facts', 'text', (column) => column.notNull())
        .addColumn('changed', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('observations_job')
        .on('observations')
        .columns(['job_key', 'observed_at'])
        .execute();
      await db.schema
        .createIndex('observations_observed_at')
        .on('observations')
        .column('observed_at')
        .execute();

      await db.schema
        .createTable('watches')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('region', 'text', (column) => column.notNull())
        .addColumn('project_id', 'text', (column) => column.notNull())
        .addColumn('job_id', 'text', (column) => column.notNull())
        .addColumn('target', 'text', (column) => column.notNull())
        .addColumn('sub_job_failures', 'integer', (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_by_name', 'text')
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('state', 'text', (column) => column.notNull())
        .addColumn('ended_at', 'bigint')
        .addColumn('next_poll_at', 'bigint', (column) => column.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'bigint')
        .addColumn('last_status', 'text')
        .addColumn('gone_since', 'bigint')
        .addColumn('failures_announced', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('watches_due')
        .on('watches')
        .columns(['state', 'next_poll_at'])
        .execute();

      await db.schema
        .createTable('deliveries')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('watch_id', 'text', (column) => column.notNull())
        .addColumn('event_key', 'text', (column) => column.notNull())
        .addColumn('target', 'text', (column) => column.notNull())
        .addColumn('message', 'text', (column) => column.notNull())
        .addColumn('state', 'text', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull())
        .addColumn('next_attempt_at', 'bigint', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('sent_at', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'bigint')
        .addUniqueConstraint('deliveries_once', ['watch_id', 'event_key', 'target'])
        .execute();
      await db.schema
        .createIndex('deliveries_due')
        .on('deliveries')
        .columns(['state', 'next_attempt_at'])
        .execute();
    },
  },
  // Whether older observations of a job were dropped (the cap per job, or retention): the
  // history says so rather than passing off what is left as the whole story.
  '0002-history-truncated': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('jobs_seen')
        .addColumn('truncated', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
    },
  },
  '0003-watches': {
    async up(db: Kysely<unknown>) {
      // Consecutive failed polls of a watch, for its back-off.
      await db.schema
        .alterTable('watches')
        .addColumn('poll_failures', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      // One active watch per job and destination: two replicas taking the same request at once
      // cannot make two (the second insert finds the first one).
      await db.schema
        .createIndex('watches_active_once')
        .on('watches')
        .columns(['region', 'project_id', 'job_id', 'target'])
        .unique()
        .where(sql.ref('state'), '=', 'active')
        .execute();
      await db.schema
        .createIndex('watches_created_by')
        .on('watches')
        .columns(['created_by', 'state'])
        .execute();
    },
  },
};

export const migrations: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
