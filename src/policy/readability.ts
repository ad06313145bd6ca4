/**
 * How long a policy takes to read and how hard it is.
 *
 * Reading speed: Brysbaert (2019), "How many words do we read per minute? A review and meta-analysis of
 * reading rate", Journal of Memory and Language 109, 104047: 238 words per minute for silent reading of
 * English non-fiction. Chinese: Trauzettel-Klosinski & Dietz (2012), "Standardized assessment of reading
 * performance: the new International Reading Speed Texts IReST", IOVS 53(9): 255 characters per minute.
 * Other languages use the English figure (said so in `wpmSource`).
 *
 * Difficulty: Flesch reading ease and Flesch–Kincaid grade for English, with a dictionary-free syllable
 * counter. For Chinese a heuristic grade from sentence length and clause count (see `chineseGradeOf`);
 * it is not a validated readability formula.
 */
import type { PolicyDocument } from './document.ts';

export interface Readability {
  lang: string;
  /** Words; in Chinese each Han character counts as one, plus any Latin-script words. */
  words: number;
  /** Letters and digits (no spaces or punctuation). */
  characters: number;
  readingMinutes: number;
  /** Reading speed used: words per minute, or characters per minute for Chinese. */
  wpm: number;
  wpmSource: string;
  fleschReadingEase: number | null;
  fleschKincaidGrade: number | null;
  chineseGrade: number | null;
  chineseMeasure: string | null;
}

export const ENGLISH_WPM = 238;
export const CHINESE_CPM = 255;
const EN_SOURCE = 'Brysbaert (2019), J. Memory and Language 109: 238 words/min, silent reading of English non-fiction';
const ZH_SOURCE =
  'Trauzettel-Klosinski & Dietz (2012), IReST: Chinese 255 characters/min (Latin-script words at 238/min, Brysbaert 2019)';

const HAN = /\p{Script=Han}/gu;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/**
 * English syllables without a dictionary: count vowel groups (y counts as a vowel except at the start)
 * after dropping a silent final "e" ("share", but not "table"), a final "es" that adds no syllable
 * ("parties", but not "services"), and a final "ed" that adds none ("used", but not "created").
 * Words of three letters or fewer, and tokens without letters, count as one syllable.
 */
export function syllables(word: string): number {
  let w = word.toLowerCase().replace(/[^a-z]/gu, '');
  if (w.length <= 3) return 1;
  if (/[^aeiouy]e$/u.test(w) && !/[^aeiouy]le$/u.test(w)) w = w.slice(0, -1);
  else if (/es$/u.test(w) && !/(?:[sxzcg]|ch|sh)es$/u.test(w)) w = w.slice(0, -2);
  else if (/ed$/u.test(w) && !/[td]ed$/u.test(w)) w = w.slice(0, -2);
  w = w.replace(/^y/u, '');
  return Math.max(1, w.match(/[aeiouy]+/gu)?.length ?? 0);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The heuristic Chinese grade: mean sentence length in Han characters ÷ 5, plus (mean clauses per
 * sentence − 1), clauses being cut at ，；：、. About 8–10 for ordinary policy prose, higher for long
 * run-on sentences. Clamped to 1..20.
 */
function chineseGradeOf(doc: PolicyDocument): { grade: number; measure: string } | null {
  let chars = 0;
  let clauses = 0;
  let sentences = 0;
  for (const s of doc.sentences) {
    const han = s.text.match(HAN)?.length ?? 0;
    if (han === 0) continue;
    sentences++;
    chars += han;
    clauses += s.text.split(/[，；：、,;:]/u).filter((c) => c.trim()).length;
  }
  if (sentences === 0) return null;
  const meanChars = chars / sentences;
  const meanClauses = clauses / sentences;
  const grade = round1(Math.min(20, Math.max(1, meanChars / 5 + (meanClauses - 1))));
  return {
    grade,
    measure: `heuristic: mean sentence length ÷ 5 + (mean clauses − 1) = ${round1(meanChars)} chars, ${round1(meanClauses)} clauses per sentence`,
  };
}

export function readabilityOf(doc: PolicyDocument): Readability {
  const zh = doc.lang === 'zh';
  const isEnglish = doc.lang === 'en';
  let han = 0;
  let otherWords = 0;
  let characters = 0;
  let syllableCount = 0;
  let sentences = 0;
  const known = new Map<string, number>();
  for (const s of doc.sentences) {
    const sentenceHan = s.text.match(HAN)?.length ?? 0;
    const tokens = (sentenceHan ? s.text.replace(HAN, ' ') : s.text).match(WORD) ?? [];
    han += sentenceHan;
    otherWords += tokens.length;
    characters += s.text.replace(NOT_LETTER_OR_DIGIT, '').length;
    if (isEnglish && tokens.length) {
      sentences++;
      for (const t of tokens) {
        // Policies repeat their vocabulary; count each distinct word once.
        let n = known.get(t);
        if (n === undefined) known.set(t, (n = syllables(t)));
        syllableCount += n;
      }
    }
  }
  const words = han + otherWords;
  const readingMinutes = round1(zh ? han / CHINESE_CPM + otherWords / ENGLISH_WPM : words / ENGLISH_WPM);
  const en = isEnglish && sentences > 0;
  const wordsPerSentence = otherWords / Math.max(1, sentences);
  const syllablesPerWord = syllableCount / Math.max(1, otherWords);
  const chinese = zh ? chineseGradeOf(doc) : null;
  return {
    lang: doc.lang,
    words,
    characters,
    readingMinutes,
    wpm: zh ? CHINESE_CPM : ENGLISH_WPM,
    wpmSource: zh ? ZH_SOURCE : isEnglish ? EN_SOURCE : `${EN_SOURCE} (English figure used for '${doc.lang}')`,
    fleschReadingEase: en ? round1(206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord) : null,
    fleschKincaidGrade: en ? round1(0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59) : null,
    chineseGrade: chinese?.grade ?? null,
    chineseMeasure: chinese?.measure ?? null,
  };
}
