import { existsSync } from "node:fs";
import { build } from "vite";
import { browserTestsEnabled } from "./e2e/browser.ts";
import { APP_ROLE, adminQuery, testServerUrl } from "./src/server/testing/test-database.ts";

/** Once per run: the app role on a shared PostgreSQL server, and the built web app for browser tests. */
export default async function setup() {
  const serverUrl = testServerUrl();
  if (serverUrl) {
    await adminQuery(
      serverUrl,
      `DO $$ BEGIN CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    );
  }
  if (browserTestsEnabled()) {
    await build({ configFile: "./vite.config.ts", logLevel: "warn" });
    if (!existsSync("dist/web/index.html")) throw new Error("The web app did not build.");
  }
}
