/** How many of the newest entries a page shows: the page stays the same size however long a run signs. */
export const SHOWN = 50;
