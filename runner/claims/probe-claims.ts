import type { ProbeResults } from '../results/schema';
import { c05 } from './c05-csrf';
import { c06 } from './c06-no-javascript';
import { c07 } from './c07-never-cached';
import { c08 } from './c08-public-endpoints';
import { c09 } from './c09-boilerplate';
import { c10 } from './c10-less-javascript';
import { c12 } from './c12-middleware';
import { c13 } from './c13-secrets';

// The probe claims' rules by their names before claims became modules, for test/e2e/probes.test.ts.
export { uncacheable } from './c07-never-cached';
export const evaluateC5 = (probes: ProbeResults | undefined) => c05.evaluate({ probes });
export const evaluateC6 = (probes: ProbeResults | undefined) => c06.evaluate({ probes });
export const evaluateC7 = (probes: ProbeResults | undefined) => c07.evaluate({ probes });
export const evaluateC8 = (probes: ProbeResults | undefined) => c08.evaluate({ probes });
export const evaluateC9 = (probes: ProbeResults | undefined) => c09.evaluate({ probes });
export const evaluateC10 = (probes: ProbeResults | undefined) => c10.evaluate({ probes });
export const evaluateC12 = (probes: ProbeResults | undefined) => c12.evaluate({ probes });
export const evaluateC13 = (probes: ProbeResults | undefined) => c13.evaluate({ probes });
