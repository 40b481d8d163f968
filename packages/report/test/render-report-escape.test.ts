import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { buildReport } from "../src/build-report.ts";
import { mdText, renderReportMarkdown } from "../src/render-report.ts";
import { baselineRecord, record } from "./fixtures/report-records.ts";

const source = { records: 0, skipped: 0, tornTail: false };
const EVIL = "quick<img src=x onerror=alert(1)>|*b*_i_`c`[l](u)&amp;";

/** Records whose suite, problem, model and learner names are all `name`-flavoured. */
function evilRecords(name: string) {
  const learners = [`${name}a`, `${name}b`];
  return [
    ...learners.flatMap((l, i) =>
      Array.from({ length: 6 }, (_, s) => {
        const r = record(l, s, 0.9 - 0.2 * i + 0.001 * s, null);
        return { ...r, suite: name, problem: { ...r.problem, name }, model: { ...r.model, name } };
      }),
    ),
    ...Array.from({ length: 6 }, (_, s) => {
      const r = baselineRecord("majority", "trivial", s, 0.25, 0.25);
      return { ...r, suite: name, problem: { ...r.problem, name } };
    }),
  ];
}

describe("report.md and names from the data", () => {
  it("writes no raw HTML, table pipes or Markdown markup from a name, anywhere", () => {
    const md = renderReportMarkdown(buildReport(EVIL, evilRecords(EVIL), source));
    expect(md).not.toMatch(/<img/);
    expect(md).not.toContain("<");
    expect(md).toContain(
      "# Arena report: quick&lt;img src=x onerror=alert(1)&gt;&#124;\\*b\\*\\_i\\_\\`c\\`\\[l\\](u)&amp;amp;",
    );
    // Every table row still has the header's number of cells (a pipe in a name would add one).
    for (const block of md.split("\n\n")) {
      const rows = block.split("\n").filter((l) => l.startsWith("| "));
      if (rows.length === 0) continue;
      const cells = (l: string) => l.split(/(?<!\\)\|/).length;
      for (const row of rows) expect(cells(row)).toBe(cells(rows[0]));
    }
  });

  it("leaves ordinary names as they are", () => {
    for (const name of ["xor", "mlp-2-2-1/adam", "baseline/seasonal-naive", "digits.100"]) {
      expect(mdText(name)).toBe(name);
    }
  });

  it("never lets any string produce a tag, an entity, a line break or an unescaped markup character", () => {
    // Seeded random strings over the characters that matter, plus any code unit now and then.
    const rng = new Rng("report-escape");
    const alphabet = "<>&|`*_[]~\\#+-=!.)1a \n\r\t\u0000\u2028;";
    for (let i = 0; i < 2000; i++) {
      let s = "";
      const n = rng.int(0, 24);
      for (let j = 0; j < n; j++) {
        s +=
          rng.float() < 0.9
            ? alphabet[rng.int(0, alphabet.length)]
            : String.fromCharCode(rng.int(0, 0x10000));
      }
      const t = mdText(s);
      expect(t, JSON.stringify(s)).not.toMatch(/[<>|\n\r\u2028\u2029]/);
      // Every & starts one of the entities written here.
      expect(t.replace(/&(amp|lt|gt|#124);/g, "")).not.toContain("&");
      // Every markup character is escaped by a backslash (itself escaped when it came from the name).
      expect(t.replace(/\\[\\`*_[\]~#+\-=!.)]/g, "")).not.toMatch(/[`*_[\]~\\]/);
    }
  });
});
