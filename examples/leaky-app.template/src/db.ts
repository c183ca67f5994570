import sql from "mssql";
import pg from "pg";
import mysql from "mysql2/promise";

export const sqlPool = new sql.ConnectionPool({
  server: "contoso-sql.database.windows.net",
  database: "orders",
  user: "orders_app",
  password: "__FAKE_SQL_PASSWORD__",
  options: { encrypt: true },
});

export const reporting = new pg.Pool({
  connectionString: "postgres://reporting:__FAKE_POSTGRES_PASSWORD__@contoso-pg.postgres.database.azure.com:5432/reporting?sslmode=require",
});

export const legacyDb = await mysql.createConnection({
  host: "contoso-mysql.mysql.database.azure.com",
  user: "legacy",
  password: "__FAKE_MYSQL_PASSWORD__",
  database: "catalog",
  ssl: {},
});
