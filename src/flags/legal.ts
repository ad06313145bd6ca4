/**
 * The legal references behind each flag (see docs/flags.md for the rule and the reasoning).
 * Short, citable strings; the dashboard links nothing remote.
 */
import type { FlagId, Severity } from '../model.ts';

export interface FlagDefinition {
  id: FlagId;
  severity: Severity;
  legal: string[];
}

export const FLAG_DEFINITIONS: Record<FlagId, FlagDefinition> = {
  F1: { id: 'F1', severity: 'high', legal: ['GDPR Art. 4(11), 7(3)', 'EDPB Cookie Banner Taskforce report 2023 (type A)', 'CNIL recommendation on cookies 2020'] },
  F2: { id: 'F2', severity: 'medium', legal: ['GDPR Art. 7(3)', 'CNIL sanctions against Google and Facebook, Dec 2021', 'EDPB Guidelines 03/2022 (deceptive design: longer than necessary)'] },
  F3: { id: 'F3', severity: 'high', legal: ['CJEU C-673/17 Planet49', 'GDPR Recital 32', 'EDPB Cookie Banner Taskforce report 2023', 'PIPL Art. 14'] },
  F4: { id: 'F4', severity: 'high', legal: ['GDPR Art. 4(11), Recital 32', 'EDPB Guidelines 05/2020 on consent, para. 86', 'CNIL recommendation on cookies 2020 (inaction is refusal)'] },
  F5: { id: 'F5', severity: 'high', legal: ['ePrivacy Directive Art. 5(3)', 'GDPR Art. 6(1)(a), 7(1)', 'Matte et al., IEEE S&P 2020'] },
  F6: { id: 'F6', severity: 'high', legal: ['GDPR Art. 7, 21', 'ePrivacy Directive Art. 5(3)', 'Matte et al., IEEE S&P 2020'] },
  F7: { id: 'F7', severity: 'medium', legal: ['EDPB Cookie Banner Taskforce report 2023 (deceptive link design, button colours)', 'EDPB Guidelines 03/2022 (stirring, hidden in plain sight)'] },
  F8: { id: 'F8', severity: 'high', legal: ['EDPB Guidelines 05/2020 on consent, paras. 38-41', 'GDPR Art. 7(4)', 'PIPL Art. 16'] },
  F9: { id: 'F9', severity: 'medium', legal: ['GDPR Art. 4(11) ("specific"), 7(2), Recital 43', 'PIPL Art. 14, 23, 29 (separate consent)'] },
  F10: { id: 'F10', severity: 'high', legal: ['IAB TCF Policies v2.2 (no legitimate interest for purposes 3-6)', 'EDPB Cookie Banner Taskforce report 2023', 'GDPR Art. 21'] },
  F11: { id: 'F11', severity: 'low', legal: ['GDPR Art. 13', 'CJEU C-673/17 Planet49 (duration, third parties)', 'IAB TCF Policies v2.2 (vendor count on the first layer)'] },
  F12: { id: 'F12', severity: 'low', legal: ['GDPR Art. 7(3)', 'EDPB Cookie Banner Taskforce report 2023', 'PIPL Art. 15'] },
  F14: { id: 'F14', severity: 'medium', legal: ['EDPB Guidelines 03/2022 (continuous prompting)', 'GDPR Art. 7(3)'] },
};
