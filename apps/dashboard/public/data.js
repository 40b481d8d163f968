// The data this dashboard shows. The built app ships with none (open or drop files);
// writeDashboard() replaces this file with the embedded results and report.
window.__ARENA_DATA__ = null;
