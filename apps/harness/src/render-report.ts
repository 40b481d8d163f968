import type { LearnerSummary, ProblemReport, Report, Summary } from "@arena/results";

/** A number for a table: 3 significant digits, exponent form for very large or small values. */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined) return "–";
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(2).replace("e+", "e");
  return Number(x.toPrecision(3)).toString();
}

function medianIqr(s: Summary): string {
  if (s.n === 0) return "–";
  return `${fmt(s.median)} [${fmt(s.q1)}, ${fmt(s.q3)}]`;
}

function ciText(s: Summary): string {
  return s.medianCi ? `${fmt(s.medianCi.lo)} – ${fmt(s.medianCi.hi)}` : "–";
}

function runsText(l: LearnerSummary): string {
  const extra = [l.diverged ? `${l.diverged} diverged` : "", l.failed ? `${l.failed} failed` : ""].filter(
    Boolean,
  );
  return extra.length ? `${l.runs} (${extra.join(", ")})` : String(l.runs);
}

function table(header: string[], rows: string[][]): string {
  const esc = (c: string) => c.replace(/\|/g, "\\|");
  return [
    `| ${header.map(esc).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

function problemSection(p: ProblemReport, confidence: number): string {
  const m = p.metric.name;
  const better = p.metric.higherIsBetter ? "higher is better" : "lower is better";
  const out: string[] = [`## ${p.problem}`, "", `Metric: **${m}** (${better}). Median [IQR] over seeds.`, ""];
  out.push(
    table(
      [
        "rank",
        "model / learner",
        "runs",
        `final test ${m}`,
        `${Math.round(confidence * 100)}% CI of median`,
        `best val ${m}`,
        `test at best val`,
        "train–val gap",
        "FLOPs",
        "train wall s",
      ],
      p.learners.map((l) => [
        String(l.rank),
        l.key,
        runsText(l),
        medianIqr(l.finalTestMetric),
        ciText(l.finalTestMetric),
        medianIqr(l.bestValMetric),
        medianIqr(l.testAtBestVal),
        medianIqr(l.trainValGap),
        fmt(l.flops.median),
        fmt(l.wallMs.median === null ? null : l.wallMs.median / 1000),
      ]),
    ),
  );
  if (p.targets.length > 0) {
    out.push(
      "",
      `Time to target (validation ${m} ${p.metric.higherIsBetter ? "≥" : "≤"} target): success rate, and ERT in FLOPs (expected FLOPs to a first success, counting failed runs' whole budgets).`,
      "",
    );
    out.push(
      table(
        ["model / learner", ...p.targets.map((t) => `${fmt(t)}`)],
        p.learners.map((l) => [
          l.key,
          ...l.targets.map((t) => `${t.successes}/${t.runs}, ERT ${fmt(t.ertFlops)}`),
        ]),
      ),
    );
  }
  const sig = p.comparisons.filter((c) => c.significant);
  out.push(
    "",
    `Pairwise Mann–Whitney U on the final test ${m}, Holm-corrected over ${p.comparisons.length} pairs:`,
  );
  if (p.comparisons.length === 0) out.push("no pairs to compare.");
  else if (sig.length === 0) out.push("no significant difference.");
  else {
    out.push(
      "",
      table(
        ["better", "than", "p (Holm)", "A12"],
        sig.map((c) => {
          const worse = c.better === c.a ? c.b : c.a;
          const a12 = c.better === c.a ? c.a12 : 1 - c.a12;
          return [c.better ?? "", worse, fmt(c.pHolm), fmt(a12)];
        }),
      ),
    );
  }
  return out.join("\n");
}

/** The report as Markdown: one section per problem, tables a reader can scan. */
export function renderReportMarkdown(r: Report): string {
  const head = [
    `# Arena report: ${r.suite}`,
    "",
    `${r.source.records} runs read${r.source.skipped ? `, ${r.source.skipped} lines skipped` : ""}${r.source.tornTail ? ", torn last line ignored" : ""}. Generated ${r.generatedAt}.`,
    "",
    `Statistics: median and inter-quartile range over seeds; ${Math.round(r.settings.confidence * 100)}% percentile-bootstrap CI of the median (${r.settings.bootstrapResamples} resamples); pairwise two-sided Mann–Whitney U with Holm correction at α = ${r.settings.alpha}; A12 is the Vargha–Delaney probability that the better row beats the other. A diverged run counts as the worst value in comparisons; a failed run is left out of them. The train–val gap is oriented so that positive means better on the training data (overfitting).`,
  ];
  return `${[...head, ...r.problems.map((p) => `\n${problemSection(p, r.settings.confidence)}`)].join("\n")}\n`;
}

/** A few lines for the terminal: per problem, each row's final test metric and rank. */
export function renderSummary(r: Report): string {
  const lines: string[] = [];
  for (const p of r.problems) {
    lines.push(`${p.problem} (${p.metric.name}, ${p.metric.higherIsBetter ? "higher" : "lower"} is better):`);
    for (const l of p.learners) {
      const flag = l.diverged || l.failed ? `  [${l.diverged} diverged, ${l.failed} failed]` : "";
      lines.push(
        `  ${String(l.rank).padStart(2)}. ${l.key.padEnd(28)} ${medianIqr(l.finalTestMetric).padEnd(28)} FLOPs ${fmt(l.flops.median)}${flag}`,
      );
    }
  }
  return lines.join("\n");
}
