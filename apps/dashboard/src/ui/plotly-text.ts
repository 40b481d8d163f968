/**
 * Makes a user-provided string safe to hand to Plotly as text (trace names, category labels, titles,
 * annotations). Plotly renders its text as SVG but understands a subset of HTML in it (`<b>`, `<br>`,
 * `<a href>`, `<span style>` …) and decodes entities; escaping `&`, `<` and `>` turns any tag into
 * literal characters, which Plotly then shows exactly as written.
 *
 * @example
 * ```ts
 * plotlyText("<img src=x onerror=alert(1)>"); // "&lt;img src=x onerror=alert(1)&gt;"
 * ```
 */
export function plotlyText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
