/**
 * What the ledger keeps about policies: the links to them found per site, and each version of a
 * site's policy text with its analysis. Built here from an analysis; stored by the background.
 */
import type { PolicyLinkKind } from '../detect/policy-links.ts';
import type { PolicyVersionRef } from '../model.ts';
import { stripUrl } from '../url.ts';
import type { PolicyAnalysis } from './analyze.ts';
import type { PolicyDocument } from './document.ts';
import { policyHash } from './versions.ts';

export type PolicySource = 'visited' | 'fetched';

export interface PolicyVersionRecord {
  /** `${site} ${kind} ${hash}`: the same text of the same kind of policy on a site is the same version. */
  id: string;
  site: string;
  /** Where the text was read (query and fragment removed). */
  url: string;
  kind: 'privacy' | 'cookie';
  title: string;
  lang: string;
  /** SHA-256 of the normalized text. */
  hash: string;
  firstSeen: number;
  lastSeen: number;
  /** 'visited': the person opened the page; 'fetched': ConsentLens fetched it because they asked. */
  source: PolicySource;
  /** The text the analysis ran on; evidence offsets index into it. */
  text: string;
  /** Sentence spans [start, end) in `text` (for evidence and the diff). */
  sentences: [number, number][];
  analysis: PolicyAnalysis;
  /** False until the person has seen the "policy changed" alert for this version. */
  acknowledged: boolean;
}

export interface PolicyLinksRecord {
  site: string;
  links: { kind: PolicyLinkKind; text: string; url: string }[];
  updatedAt: number;
}

export interface AnalyzedPolicy {
  title: string;
  document: PolicyDocument;
  analysis: PolicyAnalysis;
}

export function policyVersionRecord(
  input: AnalyzedPolicy,
  where: { site: string; url: string; kind: 'privacy' | 'cookie'; source: PolicySource; time: number; first: boolean },
): PolicyVersionRecord {
  const hash = policyHash(input.document.text);
  return {
    id: `${where.site} ${where.kind} ${hash}`,
    site: where.site,
    url: stripUrl(where.url) ?? where.url,
    kind: where.kind,
    title: input.title.slice(0, 300),
    lang: input.document.lang,
    hash,
    firstSeen: where.time,
    lastSeen: where.time,
    source: where.source,
    text: input.document.text,
    sentences: input.document.sentences.map((s) => [s.start, s.end]),
    analysis: input.analysis,
    // The first version of a site's policy is not a change: nothing to alert about.
    acknowledged: where.first,
  };
}

export function versionRef(v: PolicyVersionRecord): PolicyVersionRef {
  return { id: v.id, hash: v.hash, url: v.url, firstSeen: v.firstSeen };
}

/** The sentence texts of a stored version, for the diff. */
export function sentencesOf(v: Pick<PolicyVersionRecord, 'text' | 'sentences'>): string[] {
  return v.sentences.map(([s, e]) => v.text.slice(s, e));
}
