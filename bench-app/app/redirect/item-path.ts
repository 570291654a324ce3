/** The created item's page; the scope travels in the query like every page's. */
export const itemPath = (variant: string, id: number, scope: string) =>
  `/redirect/${variant}/${id}?scope=${encodeURIComponent(scope)}`;

export type ItemPageProps = {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
  params: Promise<{ id: string }>;
};
