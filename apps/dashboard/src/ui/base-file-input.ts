import { classifyFile } from "../data/load-data.ts";
import type { Note } from "../data/load-notes.ts";
import { el } from "./dom.ts";
import type { NamedText } from "./file-input.ts";

/** The compare page's loader of BASE: a file picker inside a drop zone. */
export interface BaseFileInput {
  root: HTMLElement;
  input: HTMLInputElement;
}

/**
 * A drop zone holding a file picker labelled "BASE results.jsonl". Files picked or dropped on the zone
 * go to `onFiles`; a drop on the zone is cancelled so that the page's own drop handler (which loads
 * NEW) leaves it alone.
 */
export function createBaseFileInput(onFiles: (files: FileList) => void): BaseFileInput {
  const input = el("input", {
    attrs: { type: "file", id: "base-file-input", accept: ".jsonl,.json,.txt,application/json" },
  });
  const root = el("div", { class: "base-drop", attrs: { id: "base-drop" } }, [
    el("label", { class: "file-button" }, ["BASE results.jsonl ", input]),
    el("span", { class: "base-drop-hint", text: "or drop it here" }),
  ]);
  input.addEventListener("change", () => {
    if (input.files && input.files.length > 0) onFiles(input.files);
    // Taken (read synchronously into a list): picking the same file again must fire again.
    input.value = "";
  });
  root.addEventListener("dragover", (e) => {
    e.preventDefault();
    root.classList.add("drag-over");
  });
  root.addEventListener("dragleave", () => root.classList.remove("drag-over"));
  root.addEventListener("drop", (e) => {
    e.preventDefault();
    root.classList.remove("drag-over");
    if (e.dataTransfer && e.dataTransfer.files.length > 0) onFiles(e.dataTransfer.files);
  });
  return { root, input };
}

/** BASE's file as read, or why none was taken (notes, never thrown). */
export interface PickedBase {
  file: NamedText | null;
  notes: Note[];
}

/**
 * Reads the first file as BASE's results; a report (by name or content, `classifyFile`) is refused with
 * a note, and further files are named as not used.
 */
export async function readBaseFile(files: ArrayLike<File>): Promise<PickedBase> {
  const [first, ...rest] = Array.from(files);
  const notes: Note[] =
    rest.length > 0
      ? [
          {
            level: "warn",
            text: `BASE is one results file; not used: ${rest.map((f) => f.name).join(", ")}.`,
          },
        ]
      : [];
  if (!first) return { file: null, notes };
  let text: string;
  try {
    text = await first.text();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      file: null,
      notes: [...notes, { level: "warn", text: `${first.name} could not be read: ${why}.` }],
    };
  }
  if (classifyFile(first.name, text) === "report") {
    const message = `${first.name} is a report, not results: BASE needs a results.jsonl (one arena.run/1 record per line).`;
    return { file: null, notes: [...notes, { level: "warn", text: message }] };
  }
  return { file: { name: first.name, text }, notes };
}
