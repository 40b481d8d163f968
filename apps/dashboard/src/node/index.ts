export { DASHBOARD_ROOT, DIST_DIR, ensureBuilt, isBuildFresh } from "./build-app.ts";
export { type ServeDashboardOptions, type ServedDashboard, serveDashboard } from "./serve-dashboard.ts";
export { type StaticServer, serveStatic } from "./static-server.ts";
export { type WriteDashboardOptions, type WrittenDashboard, writeDashboard } from "./write-dashboard.ts";
