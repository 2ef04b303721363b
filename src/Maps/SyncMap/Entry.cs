using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.SyncMap;

/// <summary>A boxed value: what entry.p points to. Reference identity is pointer identity.</summary>
sealed class Boxed(int value)
{
    public int Value { get; } = value;

    /// <summary>sync.Map's expunged sentinel: a unique pointer no value ever uses.</summary>
    public static readonly Boxed Expunged = new(int.MinValue);

    public override string ToString() => ReferenceEquals(this, Expunged) ? "expunged" : $"&{Value}";
}

/// <summary>
/// A sync.Map entry: one atomic pointer p in state nil (deleted), expunged (deleted and left out of
/// dirty) or a value. Every load, CAS, swap and store of p is a seq_cst atomic and a scheduling point.
/// Each change of p is published for SM-6 with whether the writer holds mu.
/// </summary>
sealed class Entry : INameSource
{
    readonly Runtime rt;
    readonly SeededBug bug;
    readonly Cell<Boxed?> p; readonly int serial;

    public Entry(Runtime rt, SeededBug bug, int key, Boxed? value, int serial)
    {
        this.rt = rt;
        this.bug = bug;
        Key = key;
        this.serial = serial;
        p = rt.NewCell(this, 0, value);
    }

    public int Key { get; }
    public string Name => $"e{serial}(k{Key})"; // made when read: entries are made in every execution

    /// <summary>Ghost view of p.</summary>
    public Boxed? Pointer => p.Peek();

    static bool IsExpunged(Boxed? b) => ReferenceEquals(b, Boxed.Expunged);

    void Changed(Boxed? from, Boxed? to, bool underMu) => rt.Publish(new EntryChanged(this, from, to, underMu));

    /// <summary>
    /// e.load(): the value, or absent for nil and expunged: the load itself, not an async method around it (a
    /// state machine and a pooled box per load); <see cref="EntryLoad"/> makes the result when the task resumes.
    /// </summary>
    public EntryLoad Load() => new(p.Load(SeqCst));

    internal static (int Value, bool Ok) ValueOf(Boxed? v) => v is null || IsExpunged(v) ? (0, false) : (v.Value, true);

    /// <summary>trySwap: fails only on expunged; returns the old pointer (nil when the key was deleted).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(bool Ok, Boxed? Previous)> TrySwap(Boxed value)
    {
        while (true)
        {
            var old = await p.Load(SeqCst);
            if (IsExpunged(old)) return (false, null);
            if (await p.CompareAndSwap(old, value, SeqCst))
            {
                Changed(old, value, underMu: false);
                return (true, old);
            }
        }
    }

    /// <summary>swapLocked (under mu, entry known not expunged): an atomic swap.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<Boxed?> SwapLocked(Boxed value)
    {
        var old = await p.Exchange(value, SeqCst);
        Changed(old, value, underMu: true);
        return old;
    }

    /// <summary>tryLoadOrStore: (actual, loaded, ok); ok is false when the entry is expunged.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Actual, bool Loaded, bool Ok)> TryLoadOrStore(int value, bool underMu)
    {
        var current = await p.Load(SeqCst);
        if (IsExpunged(current)) return (0, false, false);
        if (current is not null) return (current.Value, true, true);
        var boxed = new Boxed(value);
        while (true)
        {
            if (await p.CompareAndSwap(null, boxed, SeqCst))
            {
                Changed(null, boxed, underMu);
                return (value, false, true);
            }
            current = await p.Load(SeqCst);
            if (IsExpunged(current)) return (0, false, false);
            if (current is not null) return (current.Value, true, true);
        }
    }

    /// <summary>tryCompareAndSwap: false unless p holds a value equal to <paramref name="old"/> when the CAS lands.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<bool> TryCompareAndSwap(int old, int value, bool underMu)
    {
        var current = await p.Load(SeqCst);
        var boxed = new Boxed(value);
        while (current is not null && !IsExpunged(current) && current.Value == old)
        {
            if (await p.CompareAndSwap(current, boxed, SeqCst))
            {
                Changed(current, boxed, underMu);
                return true;
            }
            current = await p.Load(SeqCst);
        }
        return false;
    }

    /// <summary>CompareAndDelete's loop: CAS(p → nil) while p holds a value equal to <paramref name="old"/>.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<bool> CompareAndDelete(int old)
    {
        var current = await p.Load(SeqCst);
        while (current is not null && !IsExpunged(current) && current.Value == old)
        {
            if (await p.CompareAndSwap(current, null, SeqCst))
            {
                Changed(current, null, underMu: false);
                return true;
            }
            current = await p.Load(SeqCst);
        }
        return false;
    }

    /// <summary>e.delete(): (old value, true) when it turned a value into nil, absent when p was nil or expunged.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Value, bool Loaded)> Delete()
    {
        while (true)
        {
            var current = await p.Load(SeqCst);
            if (current is null || IsExpunged(current)) return (0, false);
            if (bug == SeededBug.S4DeleteByLoadStore)
            {
                // S-4: a store, not a CAS (modelled as an exchange only so that SM-6 sees what it overwrote).
                Changed(await p.Exchange(null, SeqCst), null, underMu: false);
                return (current.Value, true);
            }
            if (await p.CompareAndSwap(current, null, SeqCst))
            {
                Changed(current, null, underMu: false);
                return (current.Value, true);
            }
        }
    }

    /// <summary>tryExpungeLocked (under mu): nil becomes expunged; true when the entry ends up expunged.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<bool> TryExpungeLocked()
    {
        var current = await p.Load(SeqCst);
        while (current is null)
        {
            if (bug == SeededBug.S2NonAtomicExpunge)
            {
                // S-2: a store after the load, not a CAS (an exchange only so that SM-6 sees what it overwrote).
                Changed(await p.Exchange(Boxed.Expunged, SeqCst), Boxed.Expunged, underMu: true);
                return true;
            }
            if (await p.CompareAndSwap(null, Boxed.Expunged, SeqCst))
            {
                Changed(null, Boxed.Expunged, underMu: true);
                return true;
            }
            current = await p.Load(SeqCst);
        }
        return IsExpunged(current);
    }

    /// <summary>unexpungeLocked (under mu): expunged becomes nil; the caller must then put the entry back into dirty.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<bool> UnexpungeLocked()
    {
        if (!await p.CompareAndSwap(Boxed.Expunged, null, SeqCst)) return false;
        Changed(Boxed.Expunged, null, underMu: true);
        return true;
    }

    public override string ToString() => Name;

    string INameSource.NameOf(int part) => $"{Name}.p";
}
