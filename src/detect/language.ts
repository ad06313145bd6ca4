import { FUNCTION_WORDS, LANGUAGES, type Language } from './lexicon.ts';

const HAN = /\p{Script=Han}/gu;
const KANA_HANGUL = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Language of a prompt's text as a BCP 47 primary subtag: from the text itself when it is clear,
 * else from the language the page declares (`<html lang>`), else "und".
 */
export function guessLanguage(text: string, declared?: string | null): string {
  const declaredPrimary = (declared ?? '').trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  const hanCount = text.match(HAN)?.length ?? 0;
  if (hanCount >= 4 && !KANA_HANGUL.test(text)) return 'zh';
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best: Language | null = null;
  let bestScore = 0;
  let second = 0;
  for (const lang of LANGUAGES) {
    if (lang === 'zh') continue;
    const vocab = new Set(FUNCTION_WORDS[lang]);
    let score = 0;
    for (const w of words) if (vocab.has(w)) score++;
    if (score > bestScore) {
      second = bestScore;
      bestScore = score;
      best = lang;
    } else if (score > second) {
      second = score;
    }
  }
  // Require a clear winner; short or mixed texts fall back to what the page declares.
  if (best && bestScore >= 3 && bestScore >= second * 1.5) return best;
  if (/^[a-z]{2,3}$/u.test(declaredPrimary)) return declaredPrimary;
  return best && bestScore >= 2 ? best : 'und';
}
