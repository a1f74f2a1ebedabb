// Imported first by web-role.test.ts, before lib/env.ts loads: this process is
// what `npm run start:web` starts (LEAKLESS_ROLE=web), with Next's request scope.
import "next/dist/server/node-environment-baseline";

process.env.LEAKLESS_ROLE = "web";
export {};
