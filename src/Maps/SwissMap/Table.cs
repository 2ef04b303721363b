using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// One Swiss table (table.go): a power-of-two array of groups probed quadratically, with used,
/// growthLeft (slots that may still be filled before a rehash; tombstones consume it), localDepth (how
/// many top hash bits select this table in the directory) and index (its first directory slot, −1 once
/// it has been replaced). capacity and localDepth never change after construction, so they are plain
/// fields; a table needing more room is replaced, never resized in place, which is what lets an
/// iterator keep walking a stale table.
/// </summary>
internal sealed class Table
{
    readonly Group[] groups;

    public Table(Runtime rt, string name, int capacity, int index, int localDepth)
    {
        capacity = Math.Max(capacity, Group.Slots);
        capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        Name = name;
        Capacity = capacity;
        LocalDepth = localDepth;
        groups = new Group[capacity / Group.Slots];
        for (int g = 0; g < groups.Length; g++) groups[g] = new Group(rt, $"{name}.g{g}");
        Used = rt.NewCell(name + ".used", 0);
        GrowthLeft = rt.NewCell(name + ".growthLeft", MaxLoad(capacity));
        Index = rt.NewCell(name + ".index", index);
    }

    public string Name { get; }
    public int Capacity { get; }
    public int LocalDepth { get; }
    public Cell<int> Used { get; }
    public Cell<int> GrowthLeft { get; }
    public Cell<int> Index { get; }
    public IReadOnlyList<Group> Groups => groups;
    int GroupMask => groups.Length - 1;

    /// <summary>resetGrowthLeft: a one-group table keeps one slot empty to end probes; larger ones fill to 7/8.</summary>
    public static int MaxLoad(int capacity) => capacity <= Group.Slots ? capacity - 1 : capacity * 7 / Group.Slots;

    /// <summary>getWithKey: probe until the key or a group with an empty slot (the end of every probe sequence).</summary>
    public (Group? Group, int Slot) Find(GoKey? key, ulong hash)
    {
        byte h2 = Ctrls.H2(hash);
        for (var seq = new ProbeSeq(hash, GroupMask); ; seq.Next())
        {
            var g = groups[seq.Offset];
            int slot = g.Find(key, h2);
            if (slot >= 0) return (g, slot);
            if (g.FirstEmpty() >= 0) return (null, -1);
        }
    }

    /// <summary>
    /// PutSlot: the existing slot of <paramref name="key"/>, or a new one: the first tombstone on the probe
    /// sequence (growthLeft unchanged) or the empty slot that ends it (growthLeft−1). With no growth left
    /// it rehashes and returns null: the directory or the table has changed, so the caller starts again.
    /// </summary>
    public Cell<int>? PutSlot(SwissMap m, GoKey key, ulong hash)
    {
        byte h2 = Ctrls.H2(hash);
        Group? firstDeleted = null;
        int firstDeletedSlot = 0;
        for (var seq = new ProbeSeq(hash, GroupMask); ; seq.Next())
        {
            var g = groups[seq.Offset];
            int existing = g.Find(key, h2);
            if (existing >= 0) return g.Elems[existing];
            int slot = g.FirstEmptyOrDeleted();
            if (slot < 0) continue;   // a full group: keep probing
            if (g.Ctrl.Get(Plain)[slot] == Ctrls.Deleted)
            {
                if (firstDeleted is null)
                {
                    firstDeleted = g;
                    firstDeletedSlot = slot;
                }
                continue;
            }
            // An empty slot: the key is absent. A remembered tombstone is reused without consuming growthLeft.
            if (firstDeleted is not null)
            {
                m.Runtime.Cover(SwissCoverage.TombstoneReused);
                g = firstDeleted;
                slot = firstDeletedSlot;
                GrowthLeft.Set(GrowthLeft.Get(Plain) + 1, Plain);
            }
            if (GrowthLeft.Get(Plain) > 0)
            {
                g.Fill(slot, key, 0, h2);
                GrowthLeft.Set(GrowthLeft.Get(Plain) - 1, Plain);
                Used.Set(Used.Get(Plain) + 1, Plain);
                m.AddUsed(1);
                return g.Elems[slot];
            }
            m.Rehash(this);
            return null;
        }
    }

    /// <summary>uncheckedPutSlot: inserts a key known to be absent into a table with room and no tombstones (grow, split, growToTable).</summary>
    public void UncheckedPut(GoKey? key, ulong hash, int elem)
    {
        for (var seq = new ProbeSeq(hash, GroupMask); ; seq.Next())
        {
            var g = groups[seq.Offset];
            int slot = g.FirstEmptyOrDeleted();
            if (slot < 0) continue;
            GrowthLeft.Set(GrowthLeft.Get(Plain) - 1, Plain);
            g.Fill(slot, key, elem, Ctrls.H2(hash));
            Used.Set(Used.Get(Plain) + 1, Plain);
            return;
        }
    }

    /// <summary>
    /// Delete: a slot in a group that still has an empty slot becomes empty again (growthLeft+1); in a full
    /// group it becomes a tombstone, because probe sequences pass through full groups and must not stop
    /// there. Returns whether the key was found.
    /// </summary>
    public bool Delete(SwissMap m, GoKey key, ulong hash)
    {
        var (g, slot) = Find(key, hash);
        if (g is null) return false;
        Used.Set(Used.Get(Plain) - 1, Plain);
        m.AddUsed(-1);
        g.ClearSlot(slot);
        if (g.FirstEmpty() >= 0 || m.Config.Bug == SwissMapBug.W3DeleteWithoutTombstone)
        {
            g.SetCtrl(slot, Ctrls.Empty);
            GrowthLeft.Set(GrowthLeft.Get(Plain) + 1, Plain);
        }
        else
        {
            g.SetCtrl(slot, Ctrls.Deleted);
            m.Runtime.Cover(SwissCoverage.Tombstone);
        }
        return true;
    }

    /// <summary>table.Clear: every group zeroed and empty (tombstones included), used 0, growthLeft reset.</summary>
    public void Clear()
    {
        foreach (var g in groups) g.Clear();
        Used.Set(0, Plain);
        GrowthLeft.Set(MaxLoad(Capacity), Plain);
    }

    /// <summary>Every full slot, in group and slot order (grow and split walk the table this way).</summary>
    public IEnumerable<(Group Group, int Slot)> FullSlots()
    {
        foreach (var g in groups)
        {
            var ctrl = g.Ctrl.Get(Plain);
            for (int i = 0; i < Group.Slots; i++)
                if (Ctrls.IsFull(ctrl[i])) yield return (g, i);
        }
    }

    public override string ToString() => Name;
}
