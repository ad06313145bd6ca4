/**
 * Decodes the 4-character IAB US Privacy string (CCPA, `__uspapi`, the `usprivacy` cookie), e.g.
 * "1YNN": specification version, notice given, opted out of sale, covered by the LSPA.
 * "Y" = yes, "N" = no, "-" = not applicable. Decoding goes through @iabgpp/cmpapi's UspV1 section
 * (the same format is GPP section 6). Never throws.
 */
import { UspV1 } from '@iabgpp/cmpapi';
import { checkInput, describeError, invalid, type SignalError } from './types.ts';

type UspFlag = 'Y' | 'N' | '-';

/** Each flag: true = "Y", false = "N", null = "-" (not applicable). */
export interface UspDecoded {
  kind: 'usp';
  version: 1;
  noticeGiven: boolean | null; // explicit notice and opportunity to opt out were given
  optedOutOfSale: boolean | null; // the person opted out of the sale of their personal information
  lspaCovered: boolean | null; // the publisher is a signatory of the IAB Limited Service Provider Agreement
}

const POSITIONS = ['notice', 'opt-out-of-sale', 'LSPA-covered'] as const;

export function decodeUspString(s: string): UspDecoded | SignalError {
  try {
    const input = checkInput('usp', s);
    if (typeof input !== 'string') return input;
    if (input.length !== 4) return invalid('usp', `a US Privacy string has exactly 4 characters, got ${input.length}`);
    if (!/^\d$/u.test(input.charAt(0))) return invalid('usp', `the first character must be the version digit, got ${JSON.stringify(input.charAt(0))}`);
    for (let i = 1; i < 4; i++) {
      const c = input.charAt(i);
      if (c !== 'Y' && c !== 'N' && c !== '-') {
        return invalid('usp', `character ${i + 1} (${POSITIONS[i - 1]}) must be Y, N or -, got ${JSON.stringify(c)}`);
      }
    }
    const fields = new UspV1(input).toObj() as Record<string, unknown>;
    const version = Number(fields.Version);
    if (version !== 1) return invalid('usp', `unsupported US Privacy string version ${version} (only version 1 is defined)`);
    return {
      kind: 'usp',
      version: 1,
      noticeGiven: bool(flag(fields.Notice)),
      optedOutOfSale: bool(flag(fields.OptOutSale)),
      lspaCovered: bool(flag(fields.LspaCovered)),
    };
  } catch (error) {
    return invalid('usp', describeError(error));
  }
}

function flag(value: unknown): UspFlag {
  if (value === 'Y' || value === 'N' || value === '-') return value;
  throw new Error(`unexpected US Privacy flag ${JSON.stringify(value)}`);
}

function bool(value: UspFlag): boolean | null {
  return value === '-' ? null : value === 'Y';
}
