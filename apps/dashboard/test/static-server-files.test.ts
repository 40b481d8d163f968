import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StaticServer, serveStatic } from "../src/node/static-server.ts";

const dir = mkdtempSync(join(tmpdir(), "arena-dashboard-static-"));
let server: StaticServer;

beforeAll(async () => {
  mkdirSync(join(dir, "site", "assets"), { recursive: true });
  writeFileSync(join(dir, "site", "index.html"), "<p>hi</p>");
  writeFileSync(join(dir, "site", "assets", "a.js"), "1;");
  writeFileSync(join(dir, "secret.txt"), "no");
  server = await serveStatic(join(dir, "site"));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("serveStatic", () => {
  it("serves index.html for / and files with their content type", async () => {
    const root = await fetch(server.url);
    expect(root.status).toBe(200);
    expect(root.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await root.text()).toBe("<p>hi</p>");
    const js = await fetch(`${server.url}assets/a.js`);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  });

  it("answers 404 for a missing file and 403 outside the folder", async () => {
    expect((await fetch(`${server.url}nope.js`)).status).toBe(404);
    expect((await fetch(`${server.url}..%2fsecret.txt`)).status).toBe(403);
  });

  it("listens on localhost on a free port", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it("rejects unknown options", () => {
    expect(() => serveStatic(dir, { prot: 1 } as never)).toThrow('serveStatic: unknown option "prot"');
  });
});
