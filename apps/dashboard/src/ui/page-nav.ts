import { PAGE_TITLES, PAGES, type PageId } from "../state/pages.ts";
import { formatViewState, type ViewState } from "../state/view-state.ts";
import { el } from "./dom.ts";

/** The header's page links. */
export interface PageNav {
  root: HTMLElement;
  /** Points each link at its page with the current filters, and marks the page shown. */
  sync(state: ViewState): void;
}

/**
 * One link per page. They are plain hash links: a click changes the URL (the back button returns to
 * the page before) and the app renders on `hashchange`; they keep the other filters, so going back
 * to the problem page finds it as it was.
 */
export function createPageNav(): PageNav {
  const links = new Map<PageId, HTMLAnchorElement>(
    PAGES.map((p) => [p, el("a", { class: "page-link", text: PAGE_TITLES[p], attrs: { "data-page": p } })]),
  );
  const root = el("nav", { class: "page-nav", attrs: { "aria-label": "pages" } }, [...links.values()]);
  return {
    root,
    sync(state) {
      for (const [page, a] of links) {
        a.href = formatViewState({ ...state, page }) || `#page=${page}`;
        if (page === state.page) a.setAttribute("aria-current", "page");
        else a.removeAttribute("aria-current");
      }
    },
  };
}
