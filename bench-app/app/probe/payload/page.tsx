import { PayloadProbe } from './payload-probe';

export default async function PayloadProbePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const chars = Number((await searchParams).chars ?? 5);
  return <PayloadProbe chars={Number.isSafeInteger(chars) && chars >= 0 ? chars : 5} />;
}
