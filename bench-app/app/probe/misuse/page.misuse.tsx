import { Leak } from './leak';

/** A page only in the misuse build (its extension is a page extension only there): the build must fail. */
export default function MisusePage() {
  return <Leak />;
}
