using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.HashTrieMap;

// The operations that need the key to be there: find, then CompareAndSwap, LoadAndDelete, Delete,
// CompareAndDelete, and the upward pruning of emptied nodes.
sealed partial class HashTrieMap
{
    /// <summary>
    /// find: walk lock-free to key's entry (holding <paramref name="value"/> if given); nil or no match: not
    /// found, no lock held. Otherwise lock the slot's node and re-validate (not dead, then the slot still nil
    /// or an entry; H-2 skips the dead check), else start again. Returns with the node locked; the entry
    /// may have changed or gone (Found null) meanwhile.
    /// </summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<(Slot Slot, Entry? Found)?> Find(int key, ulong h, int? value)
    {
        while (true)
        {
            var (slot, n) = await Descend(h);
            if (n is null || !(await n.LookupWithValue(key, value)).Found) return null;
            await Lock(slot.Node);
            var reloaded = await slot.Cell.Load(SeqCst);
            if ((bug == HashTrieBug.H2NoDeadCheck || !await slot.Node.Dead.Load(SeqCst)) && reloaded is null or Entry)
            {
                rt.CoverIf(reloaded is null, Coverage.FindLosesEntry);
                return (slot, reloaded as Entry);
            }
            rt.Cover(Coverage.FindRetries);
            await Unlock(slot.Node);
        }
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<bool> CompareAndSwap(int key, int old, int value)
    {
        await Init();
        ulong h = hash.Of(key);
        if (bug == HashTrieBug.H1LockFreeCompareAndSwap) return await CompareAndSwapLockFree(key, old, value, h);
        if (await Find(key, h, old) is not var (slot, n)) return false;
        bool swapped = false;
        if (n is not null && await n.CompareAndSwap(this, key, old, value) is (var head, true))
        {
            await StoreSlot(slot, head);
            swapped = true;
        }
        await Unlock(slot.Node);
        return swapped;
    }

    /// <summary>H-1 (CL 606462): walk to the entry and CAS its value pointer; no lock, no re-validation.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<bool> CompareAndSwapLockFree(int key, int old, int value, ulong h)
    {
        var (_, n) = await Descend(h);
        return n is not null && await n.CompareAndSwapInPlace(this, key, old, value);
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Value, bool Loaded)> LoadAndDelete(int key)
    {
        if (await inited.Load(SeqCst) == 0) return (0, false);
        ulong h = hash.Of(key);
        if (await Find(key, h, null) is not var (slot, n)) return (0, false);
        if (n is null || await n.LoadAndDelete(key) is not (var v, var rest, true))
        {
            await Unlock(slot.Node);
            return (0, false);
        }
        await Unlink(slot, rest, h);
        return (v, true);
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Delete(int key) => await LoadAndDelete(key);

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<bool> CompareAndDelete(int key, int old)
    {
        await Init();
        ulong h = hash.Of(key);
        if (await Find(key, h, null) is not var (slot, n)) return false;
        if (n is null || await n.CompareAndDelete(key, old) is not (var rest, true))
        {
            await Unlock(slot.Node);
            return false;
        }
        await Unlink(slot, rest, h);
        return true;
    }

    /// <summary>
    /// Under the slot's lock: store what remains of the chain; if nothing does, nil the slot and prune:
    /// while the node is not the root and is empty, lock its parent (child before parent), mark it dead,
    /// nil the parent's slot for it and unlock it. Unlocks the last node.
    /// </summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask Unlink(Slot slot, Entry? rest, ulong h)
    {
        if (rest is not null)
        {
            await StoreSlot(slot, rest);
            await Unlock(slot.Node);
            return;
        }
        await StoreSlot(slot, null);
        var i = slot.Node;
        int shift = slot.Shift;
        while (i.Parent is { } parent && await i.IsEmpty())
        {
            shift += 4;
            if (shift >= hash.Bits) throw RanOutOfHashBits("iterating");
            await Lock(parent);
            rt.Cover(Coverage.Prune);
            await i.Dead.Store(true, SeqCst);
            if (rt.IsRecording) rt.Note($"{i.Name} is dead; unlink it from {parent.Name}");
            await StoreChild(parent, TrieHash.Index(h, shift), null);
            await Unlock(i);
            i = parent;
        }
        await Unlock(i);
    }

    /// <summary>Range: a depth-first walk of atomic child loads, each chain in order; weakly consistent, each key at most once.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<List<(int Key, int Value)>> Range()
    {
        var produced = new List<(int, int)>();
        if (await inited.Load(SeqCst) != 0) await Walk((await root.Load(SeqCst))!, produced);
        return produced;
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask Walk(Indirect i, List<(int, int)> produced)
    {
        if (rt.CollectsCoverage) rt.CoverIf(i.Dead.Peek(), Coverage.RangeThroughDeadNode);
        for (int j = 0; j < Indirect.ChildCount; j++)
        {
            var n = await i.Children[j].Load(SeqCst);
            if (n is Indirect child) await Walk(child, produced);
            for (var e = n as Entry; e is not null; e = await e.Overflow.Load(SeqCst))
                produced.Add((e.Key, await e.ReadValue()));
        }
    }

    /// <summary>Clear: drop the whole trie by storing a new empty root (the root is never nil once inited).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Clear()
    {
        if (await inited.Load(SeqCst) == 0) return;
        await root.Store(NewIndirect(null), SeqCst);
    }
}
