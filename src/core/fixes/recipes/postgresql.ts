/**
 * Azure Database for PostgreSQL (pg): an Entra token can be the password, but the user must become
 * the identity's name and the password a callback, so the rewrite is left to a human.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { newOf } from "../sink.js";

const PG_MANUAL =
  'PostgreSQL flexible server accepts an Entra token as the password, but the user must become the identity\'s name (pgaadauth_create_principal) and the password a callback: password: async () => (await credential.getToken("https://ossrdbms-aad.database.windows.net/.default")).token; rewrite it by hand.';

export const postgresql: RecipeFamily = {
  family: "postgresql",
  sinks: [],
  manualSinks: [
    { modules: ["pg"], callee: newOf("Pool"), service: "postgresql", manual: PG_MANUAL },
    { modules: ["pg"], callee: newOf("Client"), service: "postgresql", manual: PG_MANUAL },
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "PostgreSQL pool (no fix: the user must become the identity)",
    before: `import pg from "pg";

export const pool = new pg.Pool({ host: "contoso-pg.postgres.database.azure.com", user: "app", password: "${s.sqlPassword}", database: "reports" });
`,
    manual: /pgaadauth_create_principal/,
  }),
];
