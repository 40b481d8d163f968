/**
 * The dashboard's pages, in the order of the header's navigation. The first is where a link without a
 * page opens (a dashboard that embeds two results sets opens on `compare` instead). A page is one
 * screen: the overview across problems, the views of one problem, or two results sets compared.
 * Adding a page means adding its id here (with a title) and a renderer in the app.
 */
export const PAGES = ["overview", "problem", "compare"] as const;
/** A page's id, as written after `page=` in the URL hash. */
export type PageId = (typeof PAGES)[number];

/** What the navigation calls each page. */
export const PAGE_TITLES: Record<PageId, string> = {
  overview: "Overview",
  problem: "Problems",
  compare: "Compare",
};

/** True when `s` names a page. */
export function isPageId(s: string | null): s is PageId {
  return s !== null && (PAGES as readonly string[]).includes(s);
}
