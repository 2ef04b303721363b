using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Maps.SyncMap;
using static ModelCheck.Engine.MemoryOrder;
using Mutex = ModelCheck.Engine.Mutex;

namespace ModelCheck.Maps.HashTrieMap;

/// <summary>Go's node header: a child slot holds either an <see cref="Indirect"/> or an <see cref="Entry"/> (isEntry).</summary>
abstract class Node
{
    public abstract string Name { get; }
    public override string ToString() => Name;
}

/// <summary>
/// An inner node: 16 atomic child pointers, a mutex that guards changes to them (and to the entry chains
/// they hold), the atomic dead flag set just before the node is unlinked, and the immutable parent
/// pointer the pruning walk climbs. <see cref="Depth"/> is ghost (Go tracks the level as hashShift).
/// </summary>
sealed class Indirect : Node
{
    public const int ChildCount = 16;

    public Indirect(Runtime rt, int serial, Indirect? parent)
    {
        Name = $"i{serial}";
        Parent = parent;
        Depth = parent is null ? 0 : parent.Depth + 1;
        Dead = rt.NewCell($"{Name}.dead", false);
        Mu = rt.NewMutex($"{Name}.mu");
        Children = rt.NewCellArray<Node?>(Name, ChildCount, null);
    }

    public override string Name { get; }
    public Indirect? Parent { get; }
    public int Depth { get; }
    public Cell<bool> Dead { get; }
    public Mutex Mu { get; }
    public CellArray<Node?> Children { get; }

    /// <summary>
    /// i.empty() (under i.mu): whether every child is nil. Only holders of i.mu change i's children, so
    /// the 16 loads are one step, which loses no interleaving and keeps traces short.
    /// </summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<bool> IsEmpty()
    {
        bool empty = await Children[0].Load(SeqCst) is null;
        for (int j = 1; j < ChildCount; j++) empty &= Children[j].Get(SeqCst) is null;
        return empty;
    }
}

/// <summary>
/// A leaf: an immutable key and value and an atomic overflow pointer to the next entry whose full hash
/// is the same. Under H-1 the value is CL 606462's atomic pointer instead (<see cref="valueCell"/>).
/// Chain edits (swap, compareAndSwap, loadAndDelete, compareAndDelete) run under the mutex of the node
/// whose slot holds the chain, and publish with one store: to the slot (a new head) or to a
/// predecessor's overflow.
/// </summary>
sealed class Entry : Node
{
    readonly Runtime rt;
    readonly int value;
    readonly Cell<Boxed>? valueCell;

    public Entry(Runtime rt, int serial, int key, int value, bool mutableValue)
    {
        this.rt = rt;
        Key = key;
        this.value = value;
        Id = $"e{serial}";
        Name = mutableValue ? $"{Id}(k{key})" : $"{Id}(k{key}: {value})";
        Overflow = rt.NewCell<Entry?>($"e{serial}.overflow", null);
        if (mutableValue) valueCell = rt.NewCell($"e{serial}.value", new Boxed(value));
    }

    public override string Name { get; }

    /// <summary>The name without key and value: e4.</summary>
    public string Id { get; }

    public int Key { get; }
    public Cell<Entry?> Overflow { get; }

    /// <summary>Ghost: the value now (for monitors and the state view).</summary>
    public int PeekValue => valueCell?.Peek().Value ?? value;

    /// <summary>The entry's value: a plain read of an immutable field, or under H-1 an atomic load.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<int> ReadValue() => valueCell is null ? value : (await valueCell.Load(SeqCst)).Value;

    /// <summary>lookup: the chain's value for <paramref name="key"/>.</summary>
    public ValueTask<(int Value, bool Found)> Lookup(int key) => LookupWithValue(key, null);

    /// <summary>lookupWithValue: the chain's entry for <paramref name="key"/>, holding <paramref name="value"/> if that is given.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Value, bool Found)> LookupWithValue(int key, int? value)
    {
        for (var e = this; e is not null; e = await e.Overflow.Load(SeqCst))
        {
            if (e.Key != key) continue;
            int v = await e.ReadValue();
            if (value is null || v == value) return (v, true);
        }
        return (0, false);
    }

    /// <summary>swap (under the lock): a new entry for (key, v) replaces key's; returns the new chain head and the old value.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(Entry Head, int Old, bool Swapped)> Swap(HashTrieMap map, int key, int v) => await Replace(map, key, null, v);

    /// <summary>compareAndSwap (under the lock): as swap, only if key's value is <paramref name="old"/>.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(Entry Head, bool Swapped)> CompareAndSwap(HashTrieMap map, int key, int old, int v)
    {
        var (head, _, swapped) = await Replace(map, key, old, v);
        return (head, swapped);
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<(Entry Head, int Old, bool Swapped)> Replace(HashTrieMap map, int key, int? old, int v)
    {
        if (Key == key && await ReadValue() is var current && (old is null || current == old))
        {
            // A new head, keeping the rest of the chain: the caller stores it into the slot.
            var e = map.NewEntry(key, v);
            if (await Overflow.Load(SeqCst) is { } chain) await e.Overflow.Store(chain, SeqCst);
            return (e, current, true);
        }
        var predecessor = this;
        for (var e = await Overflow.Load(SeqCst); e is not null; predecessor = e, e = await e.Overflow.Load(SeqCst))
        {
            if (e.Key != key || await e.ReadValue() is var found && old is not null && found != old) continue;
            var fresh = map.NewEntry(key, v);
            await fresh.Overflow.Store(await e.Overflow.Load(SeqCst), SeqCst);
            rt.Cover(Coverage.ChainEditBehindHead);
            await predecessor.Overflow.Store(fresh, SeqCst);
            return (this, found, true);
        }
        return (this, 0, false);
    }

    /// <summary>loadAndDelete (under the lock): key's value and the chain without it (null when the chain is gone).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Value, Entry? Head, bool Deleted)> LoadAndDelete(int key) => await Remove(key, null);

    /// <summary>compareAndDelete (under the lock): the chain without key, if key's value is <paramref name="old"/>.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(Entry? Head, bool Deleted)> CompareAndDelete(int key, int old)
    {
        var (_, head, deleted) = await Remove(key, old);
        return (head, deleted);
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<(int Value, Entry? Head, bool Deleted)> Remove(int key, int? old)
    {
        if (Key == key && await ReadValue() is var current && (old is null || current == old))
            return (current, await Overflow.Load(SeqCst), true);
        var predecessor = this;
        for (var e = await Overflow.Load(SeqCst); e is not null; predecessor = e, e = await e.Overflow.Load(SeqCst))
        {
            if (e.Key != key || await e.ReadValue() is var found && old is not null && found != old) continue;
            rt.Cover(Coverage.ChainEditBehindHead);
            await predecessor.Overflow.Store(await e.Overflow.Load(SeqCst), SeqCst);
            return (found, this, true);
        }
        return (0, this, false);
    }

    /// <summary>H-1's swap: exchange the value pointer of key's entry in place.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(int Old, bool Swapped)> SwapInPlace(HashTrieMap map, int key, int v)
    {
        for (var e = this; e is not null; e = await e.Overflow.Load(SeqCst))
        {
            if (e.Key != key) continue;
            var old = await e.valueCell!.Exchange(new Boxed(v), SeqCst);
            map.ValueChanged(e);
            return (old.Value, true);
        }
        return (0, false);
    }

    /// <summary>
    /// H-1's compareAndSwap, lock-free: CAS the value pointer of key's entry if it holds <paramref name="old"/>;
    /// a failed CAS restarts from the head. Nothing checks that the entry is still in the trie.
    /// </summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<bool> CompareAndSwapInPlace(HashTrieMap map, int key, int old, int v)
    {
        Boxed? box = null;
        var e = this;
        while (e is not null)
        {
            var current = await e.valueCell!.Load(SeqCst);
            if (e.Key == key && current.Value == old)
            {
                box ??= new Boxed(v);
                if (await e.valueCell.CompareAndSwap(current, box, SeqCst))
                {
                    map.ValueChanged(e);
                    return true;
                }
                e = this; // a removal may have moved a node up the chain: start again from the head
                continue;
            }
            e = await e.Overflow.Load(SeqCst);
        }
        return false;
    }
}
