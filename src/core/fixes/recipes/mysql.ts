/**
 * Azure Database for MySQL (mysql2): an Entra token can be the password, but the user must become the
 * identity's name and connections need a fresh token, so the rewrite is left to a human.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { callOf } from "../sink.js";

const MYSQL_MANUAL =
  "MySQL flexible server accepts an Entra token as the password (with enableCleartextPlugin: true), but the user must become the identity's name and connections need a fresh token before it expires; rewrite it by hand.";
const MYSQL2 = ["mysql2", "mysql2/promise"];

export const mysql: RecipeFamily = {
  family: "mysql",
  sinks: [],
  manualSinks: [
    { modules: MYSQL2, callee: callOf("createConnection"), service: "mysql", manual: MYSQL_MANUAL },
    { modules: MYSQL2, callee: callOf("createPool"), service: "mysql", manual: MYSQL_MANUAL },
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "MySQL connection (no fix: the user must become the identity)",
    before: `import mysql from "mysql2/promise";

export const db = await mysql.createConnection({ host: "contoso-mysql.mysql.database.azure.com", user: "app", password: "${s.sqlPassword}", database: "orders" });
`,
    manual: /enableCleartextPlugin/,
  }),
];
