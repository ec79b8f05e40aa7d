import { InputError } from '../errors.js';

/**
 * Printing conditions a PDF/X output intent can name by their reference name in the ICC
 * Characterization Data Registry (section 1, CMYK), limited to newsprint. A PDF/X-1a file may name a
 * registered condition without embedding a profile: the registry's data defines it, and the receiving
 * plant (its RIP or preflight) supplies the matching profile. banmian ships no newsprint profile, so
 * it names only registered conditions and never "Custom".
 */
export interface PrintingCondition {
  /** The registry's reference name: the OutputConditionIdentifier. */
  id: string;
  /** What the condition is, for OutputCondition and Info (human readers at the plant). */
  description: string;
}

export const REGISTRY_NAME = 'http://www.color.org';

export const PRINTING_CONDITIONS: readonly PrintingCondition[] = [
  // The default: coldset offset on standard newsprint as ISO 12647-3 (2004) defines it, 26% tone value
  // increase at 40%, the condition the WAN-IFRA/ECI newspaper profiles (ISOnewspaper26v4,
  // WAN-IFRAnewspaper26v5) are made from, and the one ISO 12647-3 newspaper plants print to.
  { id: 'IFRA26', description: 'Coldset offset on standard newsprint, ISO 12647-3:2004 (ICC registry IFRA26)' },
  { id: 'JCN2002', description: 'Coldset offset on newsprint, Japan Color 2002 Newspaper (ICC registry JCN2002)' },
  { id: 'CGATS TR 002', description: 'Coldset offset on uncoated groundwood newsprint, SNAP (ICC registry CGATS TR 002)' },
  { id: 'FOGRA42', description: 'Offset on standard newsprint, PSO SNP (ICC registry FOGRA42)' },
  { id: 'FOGRA48', description: 'Offset on improved newsprint, PSO INP (ICC registry FOGRA48)' },
];

export const DEFAULT_CONDITION = 'IFRA26';

/** The registered condition named `id` (case and spaces as the registry spells them, matched loosely). */
export function printingCondition(id: string = DEFAULT_CONDITION): PrintingCondition {
  const key = (s: string) => s.replace(/[\s_-]+/g, '').toUpperCase();
  const found = PRINTING_CONDITIONS.find((c) => key(c.id) === key(id));
  if (!found)
    throw new InputError(
      `--condition: "${id}" is not a newsprint condition banmian knows; use one of ${PRINTING_CONDITIONS.map((c) => `"${c.id}"`).join(', ')} ` +
        '(a condition outside the ICC registry needs its profile embedded, which banmian does not do)',
    );
  return found;
}
