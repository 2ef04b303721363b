using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;
using Mutex = ModelCheck.Engine.Mutex;

namespace ModelCheck.Maps.SyncMap;

/// <summary>
/// Go's legacy sync.Map (sync/map.go, Go 1.20–1.23), step by step as map-algorithms.md §2 specifies it.
///
/// The algorithm. A Map has an atomic pointer `read` to an immutable readOnly {m, amended}, a plain Go
/// map `dirty` and a counter `misses`, both touched only under the mutex `mu`. Keys in read.m are served
/// lock-free: each maps to an entry whose atomic pointer p is a value, nil (deleted) or expunged (deleted
/// and left out of dirty). New keys go to dirty under mu; `amended` says dirty holds keys read.m lacks.
/// A Load that misses read.m while amended takes mu, re-checks read (the double check), looks in dirty and
/// counts a miss; when misses reach len(dirty), missLocked promotes dirty to be the new read.m and drops
/// dirty. The next new key rebuilds dirty from read.m (dirtyLocked), turning every nil entry into
/// expunged with tryExpungeLocked and leaving it out. Lock-free writers refuse expunged entries, so a
/// write to an expunged key goes through mu, where unexpungeLocked turns it back to nil and re-inserts it
/// into dirty before writing; otherwise the next promotion would lose it.
///
/// Modelled faithfully: every operation (Load, Store, LoadOrStore, LoadAndDelete, Delete, Swap,
/// CompareAndSwap, CompareAndDelete, Range, and Go 1.23's Clear) and helper (missLocked, dirtyLocked, tryExpungeLocked,
/// unexpungeLocked, trySwap, swapLocked, tryLoadOrStore, tryCompareAndSwap, delete, load). Atomics are
/// seq_cst; dirty and misses are plain cells under mu; each lookup, insert, delete and range on read.m or
/// dirty is a plain access to that map (<see cref="BuiltinMap"/>), so the race detector and SM-1 see them.
/// Every atomic and lock operation is an awaited scheduling point (§5.1).
/// Simplified: keys and values are ints (Go's interface equality on comparable values is int equality);
/// read starts as an empty published readOnly instead of a nil pointer (loadReadOnly treats both alike);
/// Range iterates in key order (Go's is random and every order is one of Go's); a cleared read is a nil m.
///
/// Monitors (<see cref="Invariants"/>): SM-1 no write to a map once published as read.m; SM-6 every
/// change of an entry follows §2.2's transition table, expunged ones only under mu; and at every unlock
/// of mu (and at the end) SM-2 amended ⇒ dirty ≠ nil, SM-3 not amended ⇒ dirty ⊆ read.m, SM-4 while
/// dirty ≠ nil an entry of read.m is expunged exactly when its key is not in dirty, and otherwise dirty
/// holds the same entry object, SM-5 dirty = nil ⇒ no expunged entry in read.m, SM-7 at most one live
/// entry per key. SM-8, linearizability with Range per key, is the scenarios' recorded history.
/// </summary>
sealed partial class SyncMap : ISyncMap
{
    readonly Runtime rt;
    readonly SeededBug bug;
    readonly Mutex mu;
    readonly Cell<ReadOnly> read;
    readonly Cell<BuiltinMap?> dirty;
    readonly Cell<int> misses;
    int serial;

    /// <summary>An immutable snapshot of the lock-free part: m is nil after Clear, or after S-1 promotes a nil dirty.</summary>
    public sealed record ReadOnly(BuiltinMap? M, bool Amended)
    {
        public override string ToString() => $"readOnly{{m: {M?.Name ?? "nil"}, amended: {(Amended ? "true" : "false")}}}";
    }

    public SyncMap(Runtime rt, SeededBug bug = SeededBug.None)
    {
        this.rt = rt;
        this.bug = bug;
        mu = rt.NewMutex("mu");
        var empty = NewMap();
        empty.Freeze();
        read = rt.NewCell<ReadOnly>("read", new ReadOnly(empty, false));
        dirty = rt.NewCell<BuiltinMap?>("dirty", null);
        misses = rt.NewCell("misses", 0);
        if (rt.IsRecording) rt.AddStateView("sync.Map", DescribeState, DrawState);   // only a replay draws state: registering costs two delegates per execution otherwise
    }

    /// <summary>Ghost views for the monitors.</summary>
    public ReadOnly CurrentRead => read.Peek()!;
    public BuiltinMap? CurrentDirty => dirty.Peek();

    BuiltinMap NewMap() => new(rt, serial++);

    Entry NewEntry(int key, Boxed? value) => new(rt, bug, key, value, serial++);

    // The one-operation helpers return the operation (or BuiltinMap's awaitable) itself: async, each cost a state machine and a box.
    ControlledOp<LoadOp<ReadOnly>, ReadOnly> LoadReadOnly() => read.Load(SeqCst);

    /// <summary>m's entry for <paramref name="key"/>; a nil m (after Clear, or S-1's promotion of a nil dirty) holds none and is not read.</summary>
    static EntryLookup Lookup(BuiltinMap? m, int key) => new(m, key);

    ControlledOp<Mutex.MutexOp, Unit> Lock() => mu.Lock();

    /// <summary>
    /// Every unlock is where SM-2..SM-5 and SM-7 must hold: mu is about to be free, so the monitors are told first.
    /// </summary>
    ControlledOp<Mutex.MutexOp, Unit> Unlock()
    {
        rt.Publish(new Unlocking(this));
        return mu.Unlock();
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Value, bool Ok)> Load(int key)
    {
        var r = await LoadReadOnly();
        var e = await Lookup(r.M, key);
        if (e is null && r.Amended)
        {
            await Lock();
            if (bug != SeededBug.S1NoDoubleCheck)
            {
                r = await LoadReadOnly();
                e = await Lookup(r.M, key);
                rt.CoverIf(e is not null, Coverage.DoubleCheckFinds);
            }
            if (e is null && r.Amended)
            {
                rt.Cover(Coverage.LoadGoesToDirty);
                e = await Lookup(await dirty.Load(Plain), key);
                await MissLocked();
            }
            await Unlock();
        }
        return e is null ? (0, false) : await e.Load();
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Store(int key, int value) => await Swap(key, value);

    /// <summary>Swap: (previous value, loaded). An expunged previous pointer (only S-3 can swap one) reads as Go's nil interface.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Previous, bool Loaded)> Swap(int key, int value)
    {
        var boxed = new Boxed(value);
        var r = await LoadReadOnly();
        var e = await Lookup(r.M, key);
        if (e is not null)
        {
            var (ok, previous) = await e.TrySwap(boxed);
            if (ok) return Previous(previous);
            rt.Cover(Coverage.FastPathMeetsExpunged);
        }
        await Lock();
        r = await LoadReadOnly();
        e = await Lookup(r.M, key);
        Boxed? old = null;
        if (e is not null)
        {
            if (bug != SeededBug.S3NoUnexpunge && await e.UnexpungeLocked())
            {
                rt.Cover(Coverage.Unexpunged);
                await (await dirty.Load(Plain))!.Insert(key, e);
            }
            old = await e.SwapLocked(boxed);
        }
        else if ((e = await Lookup(await dirty.Load(Plain), key)) is not null)
        {
            old = await e.SwapLocked(boxed);
        }
        else
        {
            await AddKeyLocked(r, key, boxed);
        }
        await Unlock();
        return Previous(old);
    }

    static (int, bool) Previous(Boxed? old) =>
        old is null ? (0, false) : ReferenceEquals(old, Boxed.Expunged) ? (0, true) : (old.Value, true);

    /// <summary>The new-key path of Swap and LoadOrStore (under mu): rebuild dirty if needed, mark read amended, insert.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask AddKeyLocked(ReadOnly r, int key, Boxed value)
    {
        if (!r.Amended)
        {
            await DirtyLocked();
            await read.Store(new ReadOnly(r.M, true), SeqCst);
        }
        await (await dirty.Load(Plain))!.Insert(key, NewEntry(key, value));
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Actual, bool Loaded)> LoadOrStore(int key, int value)
    {
        var r = await LoadReadOnly();
        var e = await Lookup(r.M, key);
        if (e is not null)
        {
            var (actual, loaded, ok) = await e.TryLoadOrStore(value, underMu: false);
            if (ok) return (actual, loaded);
            rt.Cover(Coverage.FastPathMeetsExpunged);
        }
        await Lock();
        r = await LoadReadOnly();
        e = await Lookup(r.M, key);
        (int, bool) result;
        if (e is not null)
        {
            if (bug != SeededBug.S3NoUnexpunge && await e.UnexpungeLocked())
            {
                rt.Cover(Coverage.Unexpunged);
                await (await dirty.Load(Plain))!.Insert(key, e);
            }
            var (actual, loaded, _) = await e.TryLoadOrStore(value, underMu: true);
            result = (actual, loaded);
        }
        else if ((e = await Lookup(await dirty.Load(Plain), key)) is not null)
        {
            var (actual, loaded, _) = await e.TryLoadOrStore(value, underMu: true);
            result = (actual, loaded);
            await MissLocked();
        }
        else
        {
            await AddKeyLocked(r, key, new Boxed(value));
            result = (value, false);
        }
        await Unlock();
        return result;
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Value, bool Loaded)> LoadAndDelete(int key)
    {
        var r = await LoadReadOnly();
        var e = await Lookup(r.M, key);
        if (e is null && r.Amended)
        {
            await Lock();
            r = await LoadReadOnly();
            e = await Lookup(r.M, key);
            if (e is null && r.Amended)
            {
                var d = (await dirty.Load(Plain))!;
                e = await d.Lookup(key);
                rt.CoverIf(e is not null, Coverage.DeleteFromDirty);
                await d.Delete(key);
                await MissLocked();
            }
            await Unlock();
        }
        return e is null ? (0, false) : await e.Delete();
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Delete(int key) => await LoadAndDelete(key);

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<bool> CompareAndSwap(int key, int old, int value)
    {
        var r = await LoadReadOnly();
        var e = await Lookup(r.M, key);
        if (e is not null) return await e.TryCompareAndSwap(old, value, underMu: false);
        if (!r.Amended) return false;
        await Lock();
        r = await LoadReadOnly();
        e = await Lookup(r.M, key);
        bool swapped = false;
        if (e is not null)
        {
            swapped = await e.TryCompareAndSwap(old, value, underMu: true);
        }
        else if ((e = await Lookup(await dirty.Load(Plain), key)) is not null)
        {
            rt.Cover(Coverage.CompareAndSwapInDirty);
            swapped = await e.TryCompareAndSwap(old, value, underMu: true);
            await MissLocked();
        }
        await Unlock();
        return swapped;
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<bool> CompareAndDelete(int key, int old)
    {
        var r = await LoadReadOnly();
        var e = await Lookup(r.M, key);
        if (e is null && r.Amended)
        {
            await Lock();
            r = await LoadReadOnly();
            e = await Lookup(r.M, key);
            if (e is null && r.Amended)
            {
                e = await Lookup(await dirty.Load(Plain), key);
                await MissLocked();
            }
            await Unlock();
        }
        return e is not null && await e.CompareAndDelete(old);
    }

    /// <summary>Range: promotes dirty if amended, then produces each pair of the snapshot whose entry holds a value.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<List<(int Key, int Value)>> Range()
    {
        var r = await LoadReadOnly();
        if (r.Amended)
        {
            await Lock();
            r = await LoadReadOnly();
            if (r.Amended)
            {
                var d = await dirty.Load(Plain);
                rt.Cover(Coverage.RangePromotes);
                r = await Promote(d, keepDirty: false);
            }
            await Unlock();
        }
        var produced = new List<(int, int)>();
        if (r.M is null) return produced;
        foreach (var (key, e) in await r.M.Range())
        {
            var (value, ok) = await e.Load();
            if (ok) produced.Add((key, value));
        }
        return produced;
    }

    /// <summary>Clear (Go 1.23): publish an empty readOnly if read has keys or is amended, empty dirty in place, reset misses.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Clear()
    {
        var r = await LoadReadOnly();
        if (await Length(r.M) == 0 && !r.Amended) return;
        await Lock();
        r = await LoadReadOnly();
        rt.CoverIf(r.Amended, Coverage.ClearAmended);
        if (await Length(r.M) > 0 || r.Amended) await read.Store(new ReadOnly(null, false), SeqCst);
        if (await dirty.Load(Plain) is { } d) await d.Clear();
        await misses.Store(0, Plain);
        rt.Publish(new MissesReset(this));
        await Unlock();
    }

    // len(m); a nil m has length 0 and is not read.
    static MapLength Length(BuiltinMap? m) => new(m);

    /// <summary>missLocked (under mu, amended): count a miss; once misses reach len(dirty), promote dirty.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask MissLocked()
    {
        rt.Publish(new Missed(this));
        int count = await misses.Load(Plain) + (bug == SeededBug.S6MissNotCounted ? 0 : 1);
        await misses.Store(count, Plain);
        var d = await dirty.Load(Plain);
        int length = await Length(d); // len of a nil map is 0 (only S-1 gets here with nil)
        if (count < length) return;
        rt.Cover(Coverage.MissPromotes);
        await Promote(d, keepDirty: bug == SeededBug.S5PromotionKeepsDirty);
    }

    /// <summary>Publishes dirty as the new read.m (handing it over: SM-1 freezes it), then drops dirty and resets misses.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<ReadOnly> Promote(BuiltinMap? d, bool keepDirty)
    {
        d?.Freeze();
        var promoted = new ReadOnly(d, false);
        if (rt.IsRecording) rt.Note($"promote {d?.Name ?? "nil"} to read.m");
        await read.Store(promoted, SeqCst);
        if (!keepDirty) await dirty.Store(null, Plain);
        await misses.Store(0, Plain);
        rt.Publish(new MissesReset(this));
        return promoted;
    }

    /// <summary>dirtyLocked (under mu): if dirty is nil, copy read.m into a new dirty, expunging deleted entries and leaving them out.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask DirtyLocked()
    {
        if (await dirty.Load(Plain) is not null) return;
        var r = await LoadReadOnly();
        var copy = NewMap();
        rt.Cover(Coverage.DirtyRebuilt);
        if (r.M is not null)
            foreach (var (key, e) in await r.M.Range())
            {
                if (!await e.TryExpungeLocked()) await copy.Insert(key, e);
                else rt.Cover(Coverage.Expunged);
            }
        await dirty.Store(copy, Plain);
    }
}
