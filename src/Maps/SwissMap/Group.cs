using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// One group (group.go): a control word of 8 control bytes, then 8 key/elem slots. Each control byte is
/// a cell of its own (Go writes them one byte at a time), as are keys and elems, so that unsynchronised
/// accesses are visible to the race detector. A null key is Go's zero key.
/// </summary>
internal sealed class Group
{
    public const int Slots = 8;

    public Group(Runtime rt, string name)
    {
        Name = name;
        Ctrl = rt.NewCellArray(name + ".ctrl", Slots, Ctrls.Empty);
        Keys = rt.NewCellArray<GoKey?>(name + ".keys", Slots, null);
        Elems = rt.NewCellArray(name + ".elems", Slots, 0);
    }

    public string Name { get; }
    public CellArray<byte> Ctrl { get; }
    public CellArray<GoKey?> Keys { get; }
    public CellArray<int> Elems { get; }

    /// <summary>matchEmpty: the first empty slot, or −1.</summary>
    public int FirstEmpty()
    {
        for (int i = 0; i < Slots; i++)
            if (Ctrl[i].Get(Plain) == Ctrls.Empty) return i;
        return -1;
    }

    /// <summary>matchEmptyOrDeleted: the first slot that is not full, or −1.</summary>
    public int FirstEmptyOrDeleted()
    {
        for (int i = 0; i < Slots; i++)
            if (!Ctrls.IsFull(Ctrl[i].Get(Plain))) return i;
        return -1;
    }

    /// <summary>matchH2 followed by the key comparison: the slot holding <paramref name="key"/>, or −1.</summary>
    public int Find(GoKey? key, byte h2)
    {
        for (int i = 0; i < Slots; i++)
            if (Ctrl[i].Get(Plain) == h2 && Equals(Keys[i].Get(Plain), key)) return i;
        return -1;
    }

    /// <summary>Stores a new entry: key, elem, then its control byte H2.</summary>
    public void Fill(int slot, GoKey? key, int elem, byte h2)
    {
        Keys[slot].Set(key, Plain);
        Elems[slot].Set(elem, Plain);
        Ctrl[slot].Set(h2, Plain);
    }

    /// <summary>Zeroes the key and elem of a slot (Go clears the elem always, the key when it holds pointers, as GoKey does).</summary>
    public void ClearSlot(int slot)
    {
        Keys[slot].Set(null, Plain);
        Elems[slot].Set(0, Plain);
    }

    public override string ToString() => Name;
}

/// <summary>The control-byte encoding of group.go and the hash split of map.go.</summary>
internal static class Ctrls
{
    /// <summary>1000_0000: never used, or freed in a group that still has an empty slot.</summary>
    public const byte Empty = 0x80;
    /// <summary>1111_1110: a tombstone, a freed slot in a group with no empty slot.</summary>
    public const byte Deleted = 0xFE;

    /// <summary>A full slot's byte is 0hhh_hhhh: its high bit is clear.</summary>
    public static bool IsFull(byte ctrl) => (ctrl & Empty) == 0;

    /// <summary>H1: the upper 57 bits of the hash, the start of the probe sequence.</summary>
    public static ulong H1(ulong hash) => hash >> 7;

    /// <summary>H2: the low 7 bits of the hash, stored in a full slot's control byte.</summary>
    public static byte H2(ulong hash) => (byte)(hash & 0x7f);
}

/// <summary>
/// probeSeq: groups H1 &amp; mask, then +1, +2, +3, ... cumulatively (triangular numbers) modulo the group
/// count; with a power-of-two count it visits every group exactly once.
/// </summary>
internal struct ProbeSeq(ulong hash, int mask)
{
    int index;

    public int Offset { get; private set; } = (int)(Ctrls.H1(hash) & (ulong)mask);

    public void Next()
    {
        index++;
        Offset = (Offset + index) & mask;
    }
}
