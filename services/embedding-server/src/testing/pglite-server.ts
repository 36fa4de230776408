/**
 * A PostgreSQL server for the tests: PGlite (Postgres compiled to WebAssembly, in this process)
 * with its pgvector extension, served over the wire protocol on 127.0.0.1 at a free port, so the
 * PostgreSQL store talks to it through `pg` exactly as it would to a real server. Nothing is
 * downloaded: both packages ship their WebAssembly.
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A running test server. */
export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite in memory and serves it.
 *
 * PGlite runs one query at a time; the socket server queues the connections' queries and keeps a
 * connection's open transaction to itself, so concurrent clients see transactions as on a real
 * server, only serialised.
 *
 * @param maxConnections connections it accepts at once (default 32)
 */
export async function startTestPostgres(maxConnections = 32): Promise<TestPostgres> {
  const db = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
