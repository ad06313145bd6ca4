import { describe, expect, it } from 'vitest';
import { normalizeLabel, roleFromLabel } from '../../../src/detect/classify-control.ts';
import type { ActionRole } from '../../../src/model.ts';

// Real-world button labels, grouped by language; each must get the expected role.
const CASES: Record<string, [string, ActionRole][]> = {
  en: [
    ['Accept all', 'accept-all'],
    ['Accept All Cookies', 'accept-all'],
    ['I agree', 'accept-all'],
    ['Reject all', 'reject-all'],
    ['Decline', 'reject-all'],
    ["Don't accept", 'reject-all'],
    ['Continue without accepting →', 'reject-all'],
    ['Accept necessary cookies only', 'necessary-only'],
    ['Only necessary', 'necessary-only'],
    ['Manage preferences', 'settings'],
    ['Cookie settings', 'settings'],
    ['Save my choices', 'save-choices'],
    ['Accept selection', 'save-choices'],
    ['OK', 'acknowledge'],
    ['Got it!', 'acknowledge'],
    ['×', 'close'],
    ['Subscribe now', 'pay'],
    ['Read our privacy policy', 'other'],
  ],
  de: [
    ['Alle akzeptieren', 'accept-all'],
    ['Zustimmen', 'accept-all'],
    ['Alle ablehnen', 'reject-all'],
    ['Nur notwendige Cookies', 'necessary-only'],
    ['Einstellungen', 'settings'],
    ['Auswahl speichern', 'save-choices'],
  ],
  fr: [
    ['Tout accepter', 'accept-all'],
    ["J’accepte", 'accept-all'],
    ['Tout refuser', 'reject-all'],
    ['Continuer sans accepter', 'reject-all'],
    ['Personnaliser', 'settings'],
    ['Enregistrer', 'save-choices'],
  ],
  es: [
    ['Aceptar todo', 'accept-all'],
    ['Rechazar todo', 'reject-all'],
    ['Configurar', 'settings'],
    ['Solo necesarias', 'necessary-only'],
  ],
  it: [
    ['Accetta tutto', 'accept-all'],
    ['Rifiuta tutto', 'reject-all'],
    ['Personalizza', 'settings'],
    ['Solo necessari', 'necessary-only'],
  ],
  nl: [
    ['Alles accepteren', 'accept-all'],
    ['Akkoord', 'accept-all'],
    ['Weigeren', 'reject-all'],
    ['Instellingen', 'settings'],
  ],
  pt: [
    ['Aceitar todos', 'accept-all'],
    ['Rejeitar todos', 'reject-all'],
    ['Definições', 'settings'],
    ['Apenas necessários', 'necessary-only'],
  ],
  pl: [
    ['Akceptuj wszystkie', 'accept-all'],
    ['Odrzuć wszystkie', 'reject-all'],
    ['Ustawienia', 'settings'],
    ['Tylko niezbędne', 'necessary-only'],
  ],
  zh: [
    ['全部接受', 'accept-all'],
    ['同意', 'accept-all'],
    ['拒绝', 'reject-all'],
    ['全部拒绝', 'reject-all'],
    ['仅必要Cookie', 'necessary-only'],
    ['管理设置', 'settings'],
    ['保存设置', 'save-choices'],
    ['我知道了', 'acknowledge'],
  ],
};

describe('roleFromLabel', () => {
  for (const [language, cases] of Object.entries(CASES)) {
    it.each(cases)(`${language}: "%s" -> %s`, (label, role) => {
      expect(roleFromLabel(label)).toBe(role);
    });
  }

  it('treats a sentence as no control label', () => {
    expect(roleFromLabel('We and our partners accept no responsibility for the content of external sites')).toBe('other');
  });

  it('does not match words inside other words', () => {
    expect(roleFromLabel('Acceptance criteria')).toBe('other');
    expect(roleFromLabel('Oksana')).toBe('other');
  });
});

describe('normalizeLabel', () => {
  it('folds case, width, apostrophes and edge punctuation', () => {
    expect(normalizeLabel('  “Ｊ’ACCEPTE !” ')).toBe("j'accepte");
  });
});
