/**
 * Helpers for scripts/bench.mjs: statistics, reading a CDP stream, attributing a Chromium trace's
 * script time to the scripts that ran it, and summing a CPU profile by function.
 */

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summary(values) {
  const clean = values.filter((v) => Number.isFinite(v));
  return {
    n: clean.length,
    median: median(clean),
    min: clean.length ? Math.min(...clean) : NaN,
    max: clean.length ? Math.max(...clean) : NaN,
    samples: values,
  };
}

/** Reads a CDP IO stream (Tracing with transferMode ReturnAsStream) to a string. */
export async function readStream(cdp, handle) {
  const chunks = [];
  for (;;) {
    const { data, base64Encoded, eof } = await cdp.send('IO.read', { handle, size: 1 << 20 });
    chunks.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
    if (eof) break;
  }
  await cdp.send('IO.close', { handle });
  return chunks.join('');
}

/** Trace events that run JavaScript; nested ones are counted under their outermost. */
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'v8.evaluateModule', 'v8.run', 'v8.callFunction', 'RunMicrotasks']);

/**
 * Sums the thread time (`tdur`, falling back to `dur`) of top-level script events on renderer main
 * threads, grouped by the URL of the script (classify(url) -> group name; events without a URL,
 * such as microtask checkpoints, go to "no url"). Returns { group: ms }.
 */
export function scriptTimeByGroup(traceEvents, classify) {
  const threadNames = new Map();
  for (const e of traceEvents) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name);
  const byThread = new Map();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || !SCRIPT_EVENTS.has(e.name)) continue;
    const key = `${e.pid}:${e.tid}`;
    if (threadNames.get(key) !== 'CrRendererMain') continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  const out = {};
  for (const events of byThread.values()) {
    events.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let openUntil = -Infinity;
    for (const e of events) {
      if (e.ts < openUntil) continue; // nested in the previous top-level event
      openUntil = e.ts + (e.dur ?? 0);
      const url = e.args?.data?.url ?? '';
      const group = url ? classify(url) : 'no url (microtasks etc.)';
      out[group] = (out[group] ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000;
    }
  }
  return out;
}

/**
 * Self and total time per function of a CDP CPU profile (Profiler.stop), for functions whose
 * script URL passes `keep`. Returns [{ key, functionName, url, line, column, selfMs, totalMs }].
 */
export function profileByFunction(profile, keep) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const keyOf = (n) => `${n.callFrame.url}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}:${n.callFrame.functionName}`;
  const stats = new Map();
  const stat = (n) => {
    const key = keyOf(n);
    if (!stats.has(key)) {
      stats.set(key, {
        key,
        functionName: n.callFrame.functionName || '(anonymous)',
        url: n.callFrame.url,
        line: n.callFrame.lineNumber,
        column: n.callFrame.columnNumber,
        selfMs: 0,
        totalMs: 0,
      });
    }
    return stats.get(key);
  };
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the time after it (the next delta) to it.
    const ms = (timeDeltas[i + 1] ?? 0) / 1000;
    let node = nodes.get(samples[i]);
    if (!node) continue;
    if (keep(node.callFrame.url)) stat(node).selfMs += ms;
    const seen = new Set();
    for (; node; node = nodes.get(parent.get(node.id))) {
      if (!keep(node.callFrame.url)) continue;
      const key = keyOf(node);
      if (seen.has(key)) continue;
      seen.add(key);
      stat(node).totalMs += ms;
    }
  }
  return [...stats.values()];
}

/** Top-level V8 entry points: every way the renderer enters JavaScript (category "v8"/"v8.execute"). */
const V8_ENTRY_EVENTS = new Set(['v8.run', 'v8.callFunction', 'v8.compile', 'v8.evaluateModule', 'RunMicrotasks']);

/**
 * JavaScript thread time on renderer main threads from a trace with the "v8" and "v8.execute"
 * categories: the thread time of the outermost V8 entry events (script runs, calls from Blink into
 * JS, compiles, microtask checkpoints). Unlike CDP's ScriptDuration this includes promise jobs
 * (`await` continuations) that run at a microtask checkpoint. Returns ms.
 */
export function v8EntryTime(traceEvents) {
  const threadNames = new Map();
  for (const e of traceEvents) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name);
  const byThread = new Map();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || !V8_ENTRY_EVENTS.has(e.name)) continue;
    const key = `${e.pid}:${e.tid}`;
    if (threadNames.get(key) !== 'CrRendererMain') continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  let total = 0;
  for (const events of byThread.values()) {
    events.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let openUntil = -Infinity;
    for (const e of events) {
      if (e.ts < openUntil) continue;
      openUntil = e.ts + (e.dur ?? 0);
      total += (e.tdur ?? e.dur ?? 0) / 1000;
    }
  }
  return total;
}
