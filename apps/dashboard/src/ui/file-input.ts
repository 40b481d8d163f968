import { classifyFile } from "../data/load-data.ts";

/** A file read as text. */
export interface NamedText {
  name: string;
  text: string;
}

/** Files picked or dropped, sorted into a results file and a report. */
export interface PickedFiles {
  results: NamedText | null;
  report: NamedText | null;
  /** Names of extra files that were not used (a second results file, …). */
  ignored: string[];
}

/** Reads files and decides which is results.jsonl and which report.json (see `classifyFile`). */
export async function readPickedFiles(files: ArrayLike<File>): Promise<PickedFiles> {
  const out: PickedFiles = { results: null, report: null, ignored: [] };
  for (const f of Array.from(files)) {
    const text = await f.text();
    const kind = classifyFile(f.name, text);
    if (out[kind] === null) out[kind] = { name: f.name, text };
    else out.ignored.push(f.name);
  }
  return out;
}

/**
 * Lets the whole page take dropped files: an overlay shows while something is dragged over it, and
 * the dropped files go to `onFiles`, unless a drop zone of the page took them first (it cancels the
 * drop event: the compare page's BASE zone).
 */
export function acceptDroppedFiles(overlay: HTMLElement, onFiles: (files: FileList) => void): void {
  let depth = 0;
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");
  document.addEventListener("dragenter", (e) => {
    if (!hasFiles(e)) return;
    depth++;
    overlay.hidden = false;
  });
  document.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  document.addEventListener("dragover", (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  document.addEventListener("drop", (e) => {
    depth = 0;
    overlay.hidden = true;
    if (e.defaultPrevented || !e.dataTransfer || e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    onFiles(e.dataTransfer.files);
  });
}
