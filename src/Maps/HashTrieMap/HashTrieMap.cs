using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Maps.SyncMap;
using static ModelCheck.Engine.MemoryOrder;
using Mutex = ModelCheck.Engine.Mutex;

namespace ModelCheck.Maps.HashTrieMap;

/// <summary>
/// Go 1.24's sync.Map: internal/sync.HashTrieMap, step by step as map-algorithms.md §2.10 specifies it.
///
/// The algorithm. A concurrent hash-trie with 16-way fan-out consumes the key's hash from the top, 4 bits
/// per level. An indirect node has 16 atomic child pointers, a mutex, an atomic dead flag and its parent;
/// a child is nil, another indirect node, or an entry: an immutable (key, value) with an atomic overflow
/// pointer chaining entries whose full hashes are equal. Readers never lock: Load walks atomic child loads
/// from the atomic root to nil (absent) or an entry (search its chain). Writers walk the same way to the
/// first slot that is nil or an entry, lock that slot's node, re-load the slot and re-validate (still nil
/// or an entry, and the node not dead; otherwise unlock and start again from the root), then publish their
/// change with one atomic store under the lock: a new entry into a nil slot; for a key whose slot holds an
/// entry of another key, expand builds a private chain of new indirect nodes down to the first level where
/// the two hashes differ (or, for a full collision, puts the new entry at the head of the chain) and
/// stores its top into the slot; an update replaces the entry by a new one (entries are immutable). A
/// delete unlinks the entry and then prunes upward: while the node is not the root and has no children,
/// lock the parent (child before parent: the lock order), mark the node dead, nil the parent's slot,
/// unlock the node, go up. The dead flag is why writers re-validate: a node locked after it was unlinked
/// must not be written. Range walks the trie depth-first with atomic loads, weakly consistent. Clear
/// stores a new empty root. The map initialises lazily (Go's zero HashTrieMap): the inited flag with
/// double-checked locking on initMu.
///
/// Modelled faithfully: Load, LoadOrStore, Store, Swap, CompareAndSwap, LoadAndDelete, Delete,
/// CompareAndDelete, Range, Clear, init/initSlow, expand, find and the chain helpers; every atomic load or
/// store of root, inited, a child, an overflow pointer or a dead flag is a seq_cst scheduling point, as
/// is every lock and unlock (§5.1). Simplified: keys and values are ints and the hash is a deterministic
/// function of the key (<see cref="TrieHash"/>; 8 bits make full collisions reachable); i.empty(), which
/// runs under i.mu, is one step; Go's "ran out of hash bits" panics are exceptions.
///
/// Monitors (<see cref="TrieInvariants"/>, §2.10.3): HT-2 no child store into a dead node; HT-4 no entry
/// changes in place (only H-1 can); HT-5 a task locks only ancestors of the nodes it holds; at every unlock
/// HT-1 (a reachable dead node is one being unlinked: its parent is locked) and HT-3 (every reachable entry
/// on its key's hash path, chains of equal full hashes, no key twice); at the end HT-1 strictly and HT-6
/// (no reachable empty non-root node). Linearizability (with Range per key) is the scenarios' history.
/// </summary>
sealed partial class HashTrieMap : ISyncMap
{
    readonly Runtime rt;
    readonly TrieHash hash;
    readonly HashTrieBug bug;
    readonly Cell<int> inited;
    readonly Mutex initMu;
    readonly Cell<Indirect?> root;
    int serial;

    public HashTrieMap(Runtime rt, TrieHash hash, HashTrieBug bug = HashTrieBug.None)
    {
        this.rt = rt;
        this.hash = hash;
        this.bug = bug;
        inited = rt.NewCell("inited", 0);
        initMu = rt.NewMutex("initMu");
        root = rt.NewCell<Indirect?>("root", null);
        rt.AddStateView("trie", DescribeState, DrawState);
    }

    /// <summary>Ghost views for the monitors and the state view.</summary>
    public Indirect? CurrentRoot => root.Peek();
    public TrieHash Hash => hash;

    internal Entry NewEntry(int key, int value) => new(rt, serial++, key, value, mutableValue: bug == HashTrieBug.H1LockFreeCompareAndSwap);

    Indirect NewIndirect(Indirect? parent) => new(rt, serial++, parent);

    /// <summary>H-1 only: an entry's value changed in place, which HT-4 forbids; the trace says when no slot reaches it.</summary>
    internal void ValueChanged(Entry e)
    {
        if ((rt.IsRecording || rt.CollectsCoverage) && !Reaches(e))
        {
            rt.Note($"{e.Id} is detached: no slot of the trie reaches it");
            rt.Cover(Coverage.CasOnDetachedEntry);
        }
        rt.Publish(new EntryValueChanged(e));
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask Lock(Indirect i)
    {
        await i.Mu.Lock();
        rt.Publish(new NodeLocked(i, rt.CurrentTask));
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask Unlock(Indirect i)
    {
        rt.Publish(new NodeUnlocking(i, rt.CurrentTask));
        await i.Mu.Unlock();
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask StoreChild(Indirect i, int index, Node? child)
    {
        rt.Publish(new ChildStoring(i, index, child));
        await i.Children[index].Store(child, SeqCst);
    }

    /// <summary>The publishing store of a write, into the slot of the node it locked and validated.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask StoreSlot(Slot slot, Node? child)
    {
        if (rt.CollectsCoverage) rt.CoverIf(!VisitReachable((_, _, _) => { }).Contains(slot.Node), Coverage.WriteIntoDroppedNode);
        await StoreChild(slot.Node, slot.Index, child);
    }

    static InvalidOperationException RanOutOfHashBits(string while_) =>
        new($"internal/sync.HashTrieMap: ran out of hash bits while {while_}");

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask Init()
    {
        if (await inited.Load(SeqCst) == 0) await InitSlow();
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask InitSlow()
    {
        await initMu.Lock();
        if (await inited.Load(SeqCst) == 0)
        {
            await root.Store(NewIndirect(null), SeqCst);
            await inited.Store(1, SeqCst);
        }
        else rt.Cover(Coverage.InitRaceLost);
        await initMu.Unlock();
    }

    /// <summary>A child slot: node i's children[index], at the level whose nibble starts Shift bits up.</summary>
    readonly record struct Slot(Indirect Node, int Index, int Shift)
    {
        public Cell<Node?> Cell => Node.Children[Index];
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Value, bool Ok)> Load(int key)
    {
        if (await inited.Load(SeqCst) == 0) return (0, false);
        ulong h = hash.Of(key);
        var i = (await root.Load(SeqCst))!;
        for (int shift = hash.Bits - 4; shift >= 0; shift -= 4)
        {
            var n = await i.Children[TrieHash.Index(h, shift)].Load(SeqCst);
            if (rt.CollectsCoverage) rt.CoverIf(i.Dead.Peek(), Coverage.LoadThroughDeadNode);
            if (n is null) return (0, false);
            if (n is Entry e) return await e.Lookup(key);
            i = (Indirect)n;
        }
        throw RanOutOfHashBits("iterating");
    }

    /// <summary>The lock-free walk of inserts and find: the first slot on h's path that holds nil or an entry.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<(Slot Slot, Entry? Found)> Descend(ulong h)
    {
        var i = (await root.Load(SeqCst))!;
        for (int shift = hash.Bits - 4; shift >= 0; shift -= 4)
        {
            var slot = new Slot(i, TrieHash.Index(h, shift), shift);
            var n = await slot.Cell.Load(SeqCst);
            if (n is null or Entry) return (slot, n as Entry);
            i = (Indirect)n;
        }
        throw RanOutOfHashBits("iterating");
    }

    /// <summary>
    /// The walk of every insert: descend to the first slot on h's path that holds nil or an entry; if
    /// <paramref name="lockFree"/> settles the call from that entry (LoadOrStore finding the key), return Done
    /// with no lock held; otherwise lock the slot's node and re-validate in Go's order (the slot still holds
    /// nil or an entry, and the node is not dead; H-2 skips the dead check), else unlock and start again.
    /// </summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<(Slot Slot, Entry? Found, bool Done)> LockInsertPoint(ulong h, Func<Entry, Task<bool>>? lockFree)
    {
        while (true)
        {
            var (slot, n) = await Descend(h);
            if (n is not null && lockFree is not null && await lockFree(n)) return (slot, n, true);
            await Lock(slot.Node);
            var reloaded = await slot.Cell.Load(SeqCst);
            if (reloaded is null or Entry && (bug == HashTrieBug.H2NoDeadCheck || !await slot.Node.Dead.Load(SeqCst)))
                return (slot, reloaded as Entry, false);
            rt.Cover(reloaded is Indirect ? Coverage.InsertRetriesExpanded : Coverage.InsertRetriesDead);
            await Unlock(slot.Node);
        }
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Actual, bool Loaded)> LoadOrStore(int key, int value)
    {
        await Init();
        ulong h = hash.Of(key);
        (int Value, bool Found) existing = default;
        var (slot, n, done) = await LockInsertPoint(h, async e => (existing = await e.Lookup(key)).Found);
        if (done) return existing;
        if (n is not null && (existing = await n.Lookup(key)).Found)
        {
            await Unlock(slot.Node);
            return existing;
        }
        await Insert(slot, n, key, value, h);
        await Unlock(slot.Node);
        return (value, false);
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Store(int key, int value) => await Swap(key, value);

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Previous, bool Loaded)> Swap(int key, int value)
    {
        await Init();
        ulong h = hash.Of(key);
        bool h1 = bug == HashTrieBug.H1LockFreeCompareAndSwap;
        (int Old, bool Swapped) inPlace = default;
        var (slot, n, done) = await LockInsertPoint(h, h1 ? async e => (inPlace = await e.SwapInPlace(this, key, value)).Swapped : null);
        if (done) return inPlace;
        if (n is not null)
        {
            if (h1)
            {
                if ((inPlace = await n.SwapInPlace(this, key, value)).Swapped)
                {
                    await Unlock(slot.Node);
                    return inPlace;
                }
            }
            else if (await n.Swap(this, key, value) is (var head, var previous, true))
            {
                await StoreSlot(slot, head);
                await Unlock(slot.Node);
                return (previous, true);
            }
        }
        await Insert(slot, n, key, value, h);
        await Unlock(slot.Node);
        return (0, false);
    }

    /// <summary>The insert of a new key under the slot's lock: into a nil slot, or by expanding the entry there.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask Insert(Slot slot, Entry? old, int key, int value, ulong h)
    {
        var fresh = NewEntry(key, value);
        if (old is null) await StoreSlot(slot, fresh);
        else await Expand(old, fresh, h, slot);
    }

    /// <summary>
    /// expand: old and fresh share h's nibbles down to the slot's level. A full collision chains old behind
    /// fresh; otherwise new indirect nodes go down to the first level where the hashes differ. The subtree is
    /// published last, with one store into the slot, so readers never see old missing (H-3 publishes first).
    /// </summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask Expand(Entry old, Entry fresh, ulong newHash, Slot slot)
    {
        ulong oldHash = hash.Of(old.Key);
        if (oldHash == newHash)
        {
            rt.Cover(Coverage.ExpandIntoChain);
            await fresh.Overflow.Store(old, SeqCst);
            await StoreSlot(slot, fresh);
            return;
        }
        rt.Cover(Coverage.ExpandIntoNode);
        var top = NewIndirect(slot.Node);
        if (bug == HashTrieBug.H3PublishBeforePopulate) await StoreSlot(slot, top);
        var i = top;
        for (int shift = slot.Shift - 4; ; shift -= 4)
        {
            if (shift < 0) throw RanOutOfHashBits("inserting");
            int oi = TrieHash.Index(oldHash, shift), ni = TrieHash.Index(newHash, shift);
            if (oi != ni)
            {
                await StoreChild(i, oi, old);
                await StoreChild(i, ni, fresh);
                break;
            }
            var next = NewIndirect(i);
            await StoreChild(i, oi, next);
            i = next;
        }
        if (bug != HashTrieBug.H3PublishBeforePopulate) await StoreSlot(slot, top);
    }
}
