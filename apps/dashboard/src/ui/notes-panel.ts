import type { Note } from "../data/load-notes.ts";
import { clear, el } from "./dom.ts";

/** Shows notes as a list; details (e.g. each skipped line) fold away. All text via textContent. */
export function renderNotes(root: HTMLElement, notes: Note[]): void {
  clear(root);
  if (notes.length === 0) return;
  const list = el("ul", { class: "notes-list" });
  for (const n of notes) {
    const item = el("li", { class: `note note-${n.level}`, text: n.text });
    if (n.details && n.details.length > 0) {
      item.append(
        el("details", {}, [
          el("summary", { text: "details" }),
          el(
            "ul",
            { class: "note-details" },
            n.details.map((d) => el("li", { text: d })),
          ),
        ]),
      );
    }
    list.append(item);
  }
  root.append(list);
}
