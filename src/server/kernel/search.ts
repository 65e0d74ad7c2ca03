/** LIKE patterns from what a person typed: %, _ and \ match themselves. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Matches text containing the search, any case (use with ILIKE). */
export const containsPattern = (q: string) => `%${escapeLike(q.trim())}%`;

/** Matches text starting with the search (use with LIKE on lower(...), so q is lowered). */
export const prefixPattern = (q: string) => `${escapeLike(q.trim().toLowerCase())}%`;

export const offsetOf = (page: { page: number; pageSize: number }) =>
  (page.page - 1) * page.pageSize;
