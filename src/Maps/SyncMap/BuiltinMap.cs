using System.Runtime.CompilerServices;
using ModelCheck.Engine;

namespace ModelCheck.Maps.SyncMap;

/// <summary>
/// A Go built-in map from key to *entry, as sync.Map uses it for read.m and dirty: plain data, not
/// thread-safe. Every lookup, insert, delete and range is a plain access to one controlled cell (a
/// scheduling point the race detector sees); the contents are an ordinary sorted list. The ghost bit
/// <see cref="Frozen"/> is set when the map is published as read.m: SM-1 says it is never written again.
/// </summary>
sealed class BuiltinMap : INameSource
{
    readonly Runtime rt;
    readonly int serial;
    readonly Cell<int> header;  // what a map access reads or writes; its value counts the writes so far
    // A sorted array, not a tree: a map holds a few keys and is made in every execution.
    readonly SortedList<int, Entry> items = [];

    public BuiltinMap(Runtime rt, int serial)
    {
        this.rt = rt;
        this.serial = serial;
        header = rt.NewCell(this, 0, 0);
    }

    /// <summary>"map3", made when read: maps are made in every execution. Its header cell goes by the same name.</summary>
    public string Name => $"map{serial}";

    string INameSource.NameOf(int part) => Name;

    /// <summary>Ghost: published as some readOnly's m.</summary>
    public bool Frozen { get; private set; }

    public void Freeze() => Frozen = true;

    public EntryLookup Lookup(int key) => new(this, key);

    /// <summary>The read of the map that a lookup or len (<see cref="MapLength"/>) makes, its scheduling point; the contents are read after it.</summary>
    internal ControlledOp<LoadOp<int>, int> ReadHeader() => header.Load(MemoryOrder.Plain);

    internal Entry? EntryOf(int key) => items.GetValueOrDefault(key);

    internal int Count => items.Count;

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Insert(int key, Entry entry)
    {
        rt.Publish(new MapWritten(this, "insert", key));
        await header.Store(header.Peek() + 1, MemoryOrder.Plain);
        items[key] = entry;
        if (rt.IsRecording) rt.Note($"{Name}[k{key}] = {entry.Name}");
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Delete(int key)
    {
        rt.Publish(new MapWritten(this, "delete", key));
        await header.Store(header.Peek() + 1, MemoryOrder.Plain);
        items.Remove(key);
        if (rt.IsRecording) rt.Note($"delete {Name}[k{key}]");
    }

    /// <summary>Go's clear(m): removes every key, a write to the map.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Clear()
    {
        rt.Publish(new MapWritten(this, "clear", -1));
        await header.Store(header.Peek() + 1, MemoryOrder.Plain);
        items.Clear();
        if (rt.IsRecording) rt.Note($"clear {Name}");
    }

    /// <summary>A range over the map: one read of it, then its pairs in key order (Go's order is random; every order is a valid one).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<KeyValuePair<int, Entry>[]> Range()
    {
        await header.Load(MemoryOrder.Plain);
        return items.ToArray();
    }

    public override string ToString() => Name;

    /// <summary>Ghost view for monitors and final checks.</summary>
    public IReadOnlyDictionary<int, Entry> Contents => items;
}
