using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.SwissMap;

// The directory and growth (map.go: directoryIndex, replaceTable, installTableSplit; table.go: rehash,
// grow, split). Growth runs inside the insert that needs room, as one atomic block: there is no
// evacuation state that outlives the operation.
public sealed partial class SwissMap
{
    /// <summary>The top globalDepth bits of the hash (always 0 with one directory entry).</summary>
    int DirectoryIndex(ulong hash)
    {
        int depth = globalDepth.Get(Plain);
        return dirLen.Get(Plain) == 1 ? 0 : (int)(hash >> (64 - depth));
    }

    internal Table DirectoryAt(int index) => directory.Get(Plain)![index].Get(Plain);

    internal int IterDirLen() => dirLen.Get(Plain);
    internal int IterGlobalDepth() => globalDepth.Get(Plain);

    /// <summary>rehash: double the table while that stays within maxTableCapacity, otherwise split it. Tombstones are dropped either way.</summary>
    internal void Rehash(Table table)
    {
        RehashProgress?.Hot();
        int newCapacity = 2 * table.Capacity;
        if (newCapacity <= Config.MaxTableCapacity) Grow(table, newCapacity);
        else Split(table);
        RehashProgress?.Cold();
    }

    /// <summary>grow: a table of twice the capacity at the same index and depth receives every full slot; the old one goes stale, intact.</summary>
    void Grow(Table old, int newCapacity)
    {
        var table = NewTable(newCapacity, old.Index.Get(Plain), old.LocalDepth);
        foreach (var (g, slot) in old.FullSlots())
        {
            var key = g.Keys[slot].Get(Plain);
            table.UncheckedPut(key, Hash(key), g.Elems[slot].Get(Plain));
        }
        ReplaceTable(table);
        old.Index.Set(-1, Plain);
        rt.Cover(SwissCoverage.Grow);
        if (rt.IsRecording) rt.Note($"{Name}: {old.Name} grows into {table.Name} ({newCapacity} slots, {table.Used.Get(Plain)} entries moved); {old.Name} is stale");
        rt.Publish(new TableReplaced(this, old, [table], table.Used.Get(Plain)));
    }

    /// <summary>split: two tables of maxTableCapacity one level deeper, keys sent by hash bit 64−ℓ′ (the next from the top).</summary>
    void Split(Table old)
    {
        int depth = old.LocalDepth + 1;
        var left = NewTable(Config.MaxTableCapacity, -1, depth);
        var right = NewTable(Config.MaxTableCapacity, -1, depth);
        ulong mask = 1UL << (64 - depth);
        foreach (var (g, slot) in old.FullSlots())
        {
            var key = g.Keys[slot].Get(Plain);
            ulong hash = Hash(key);
            ((hash & mask) == 0 ? left : right).UncheckedPut(key, hash, g.Elems[slot].Get(Plain));
        }
        bool doubles = old.LocalDepth == globalDepth.Get(Plain);
        InstallTableSplit(old, left, right);
        old.Index.Set(-1, Plain);
        rt.Cover(SwissCoverage.Split);
        rt.Cover(doubles ? SwissCoverage.DirectoryDoubles : SwissCoverage.SplitWithoutDoubling);
        if (rt.IsRecording)
            rt.Note($"{Name}: {old.Name} splits into {left.Name} ({left.Used.Get(Plain)} entries) and {right.Name} ({right.Used.Get(Plain)}), localDepth {depth}"
                + (doubles ? $"; the directory doubles to {dirLen.Get(Plain)}" : "") + $"; {old.Name} is stale");
        rt.Publish(new TableReplaced(this, old, [left, right], left.Used.Get(Plain) + right.Used.Get(Plain)));
    }

    /// <summary>replaceTable: the table occupies the 2^(globalDepth−localDepth) directory slots from its index.</summary>
    void ReplaceTable(Table table)
    {
        var dir = directory.Get(Plain)!;
        int entries = 1 << (globalDepth.Get(Plain) - table.LocalDepth);
        int index = table.Index.Get(Plain);
        for (int i = 0; i < entries; i++) dir[index + i].Set(table, Plain);
    }

    /// <summary>
    /// installTableSplit: if the old table used every directory bit, the directory doubles first (slot i
    /// becomes 2i and 2i+1, each table's index doubles once); then left takes the old index, right the
    /// slots after left's run.
    /// </summary>
    void InstallTableSplit(Table old, Table left, Table right)
    {
        if (old.LocalDepth == globalDepth.Get(Plain))
        {
            var dir = directory.Get(Plain)!;
            int length = dirLen.Get(Plain);
            var doubled = NewDirectory(2 * length);
            for (int i = 0; i < length; i++)
            {
                var table = dir[i].Get(Plain);
                doubled[2 * i].Set(table, Plain);
                doubled[2 * i + 1].Set(table, Plain);
                // A table may fill several slots: its index is doubled when its first slot is seen.
                if (table.Index.Get(Plain) == i) table.Index.Set(2 * i, Plain);
            }
            globalDepth.Set(globalDepth.Get(Plain) + 1, Plain);
            directory.Set(doubled, Plain);
            dirLen.Set(2 * length, Plain);
        }
        left.Index.Set(old.Index.Get(Plain), Plain);
        ReplaceTable(left);
        right.Index.Set(left.Index.Get(Plain) + (1 << (globalDepth.Get(Plain) - left.LocalDepth)), Plain);
        ReplaceTable(right);
    }
}
