/**
 * Builds the flag engine's input from what the ledger holds about one prompt: its layers, the
 * consent signals read around it, the person's decision and the site's earlier refusals.
 */
import { evaluateFlags, type FlagInput } from '../flags/evaluate.ts';
import type { DecisionRecord, FlagRecord, PromptRecord } from '../model.ts';

export const REFUSALS = new Set(['reject-all', 'necessary-only', 'withdrawn']);

export function flagsFor(
  prompt: PromptRecord,
  decisions: DecisionRecord[],
  previousRefusal: DecisionRecord | null,
): FlagRecord[] {
  // The first real answer counts; later clicks (reopening, changing one's mind) do not undo it.
  const decision = [...decisions].sort((a, b) => a.time - b.time).find((d) => d.kind !== 'opened-settings') ?? null;
  const decidedAt = decision?.time ?? Number.POSITIVE_INFINITY;
  const signals = prompt.signals ?? [];
  const input: FlagInput = {
    kind: prompt.kind,
    text: prompt.text,
    ...(prompt.selector ? { selector: prompt.selector } : {}),
    actions: prompt.actions,
    facts: prompt.facts ?? { toggles: [], blocksPage: false, policyLink: false },
    laterLayers: (prompt.layers ?? []).map((l) => ({ actions: l.actions, toggles: l.toggles })),
    usesTcf: signals.some((s) => s.source === 'tcf'),
    decision: decision ? { kind: decision.kind, time: decision.time } : null,
    signalsBefore: signals.filter((s) => s.time < decidedAt),
    signalsAfter: signals.filter((s) => s.time >= decidedAt),
    reopenControlAfterChoice: prompt.reopenControl ?? null,
    previousRefusal: previousRefusal && previousRefusal.time < prompt.time ? { time: previousRefusal.time } : null,
    shownAt: prompt.time,
  };
  return evaluateFlags(input);
}
