// Reading a whole chain's state through @polkadot/api, to compare it across a runtime upgrade.

/** Sections left out: they move with every block (the clock, the slot) or are the code itself. */
const MOVING = new Set(['timestamp', 'aura', 'substrate']);
/** Of `system`, only the accounts are the city's; the rest is per-block bookkeeping. */
const SYSTEM_KEPT = new Set(['account']);
/** The map items of a snapshot (a symbol: not one of its items). */
const MAPS = Symbol('maps');

const keyOf = (key) => (key.args.length === 1 ? key.args[0].toString() : JSON.stringify(key.args.map((k) => k.toJSON())));

/**
 * Every storage item of every pallet (its `palletVersion`, the `:__STORAGE_VERSION__:` key,
 * included), decoded with the metadata of the best block's runtime, read at that block:
 * { 'section.item': value } for plain items, { 'section.item': { key: value } } for maps.
 */
export async function snapshotStorage(api) {
  const at = await api.at(await api.rpc.chain.getBlockHash());
  const out = { [MAPS]: new Set() };
  for (const section of Object.keys(at.query).sort()) {
    if (MOVING.has(section)) continue;
    for (const item of Object.keys(at.query[section]).sort()) {
      if (section === 'system' && !SYSTEM_KEPT.has(item)) continue;
      const query = at.query[section][item];
      const name = `${section}.${item}`;
      if (query.creator.meta.type.isMap) {
        const entries = {};
        for (const [key, value] of await query.entries()) entries[keyOf(key)] = value.toJSON();
        out[name] = entries;
        out[MAPS].add(name);
      } else {
        out[name] = (await query()).toJSON();
      }
    }
  }
  return out;
}

const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);

/** The differences of two snapshots: [{ path, before, after }], a map's per key. */
export function diffSnapshots(before, after) {
  const diffs = [];
  for (const item of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const x = before[item];
    const y = after[item];
    if (before[MAPS].has(item) && after[MAPS].has(item)) {
      for (const key of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
        if (!same(x[key], y[key])) diffs.push({ path: `${item} ${key}`, before: x[key], after: y[key] });
      }
    } else if (!same(x, y)) {
      diffs.push({ path: item, before: x, after: y });
    }
  }
  return diffs;
}

/** Resolves once `condition()` holds; rejects after `timeoutMs`, naming `what`. */
export async function waitFor(condition, timeoutMs, what) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
