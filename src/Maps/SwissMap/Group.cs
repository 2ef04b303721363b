using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// One group (group.go): a control word of 8 control bytes, then 8 key/elem slots. The control word is
/// one cell, as in Go, where matchH2, matchEmpty and matchEmptyOrDeleted read all 8 bytes in one load;
/// keys and elems are cells of their own, so that unsynchronised accesses are visible to the race
/// detector. A null key is Go's zero key.
/// </summary>
internal sealed class Group
{
    public const int Slots = 8;

    public Group(Runtime rt, string name)
    {
        Name = name;
        Ctrl = rt.NewCell(name + ".ctrl", ControlWord.AllEmpty);
        Keys = rt.NewCellArray<GoKey?>(name + ".keys", Slots, null);
        Elems = rt.NewCellArray(name + ".elems", Slots, 0);
    }

    public string Name { get; }
    public Cell<ControlWord> Ctrl { get; }
    public CellArray<GoKey?> Keys { get; }
    public CellArray<int> Elems { get; }

    /// <summary>matchEmpty: the first empty slot, or −1.</summary>
    public int FirstEmpty() => Ctrl.Get(Plain).FirstEmpty();

    /// <summary>matchEmptyOrDeleted: the first slot that is not full, or −1.</summary>
    public int FirstEmptyOrDeleted() => Ctrl.Get(Plain).FirstNotFull();

    /// <summary>matchH2 followed by the key comparison of each candidate: the slot holding <paramref name="key"/>, or −1.</summary>
    public int Find(GoKey? key, byte h2)
    {
        var ctrl = Ctrl.Get(Plain);
        for (int i = 0; i < Slots; i++)
            if (ctrl[i] == h2 && GoKey.Same(Keys[i].Get(Plain), key)) return i;
        return -1;
    }

    /// <summary>Sets one control byte (Go stores the byte alone; here the word is rewritten in the same step).</summary>
    public void SetCtrl(int slot, byte value) => Ctrl.Set(Ctrl.Get(Plain).With(slot, value), Plain);

    /// <summary>Stores a new entry: key, elem, then its control byte H2.</summary>
    public void Fill(int slot, GoKey? key, int elem, byte h2)
    {
        Keys[slot].Set(key, Plain);
        Elems[slot].Set(elem, Plain);
        SetCtrl(slot, h2);
    }

    /// <summary>Zeroes the key and elem of a slot (Go clears the elem always, the key when it holds pointers, as GoKey does).</summary>
    public void ClearSlot(int slot)
    {
        Keys[slot].Set(null, Plain);
        Elems[slot].Set(0, Plain);
    }

    /// <summary>Clears every slot and sets the whole control word empty (clearSmall, table.Clear).</summary>
    public void Clear()
    {
        for (int i = 0; i < Slots; i++) ClearSlot(i);
        Ctrl.Set(ControlWord.AllEmpty, Plain);
    }

    public override string ToString() => Name;
}

/// <summary>The 8 control bytes of a group as one 64-bit word, slot i in byte i; shown as [46 3a del - ...] in traces.</summary>
internal readonly record struct ControlWord(ulong Bits)
{
    public static ControlWord AllEmpty { get; } = new(0x8080808080808080UL);

    public byte this[int slot] => (byte)(Bits >> (8 * slot));

    public ControlWord With(int slot, byte value) => new((Bits & ~(0xFFUL << (8 * slot))) | ((ulong)value << (8 * slot)));

    /// <summary>matchEmpty(...).first(): the first empty slot, or −1.</summary>
    public int FirstEmpty()
    {
        for (int i = 0; i < Group.Slots; i++)
            if (this[i] == Ctrls.Empty) return i;
        return -1;
    }

    /// <summary>matchEmptyOrDeleted(...).first(): the first slot that is not full, or −1.</summary>
    public int FirstNotFull()
    {
        for (int i = 0; i < Group.Slots; i++)
            if (!Ctrls.IsFull(this[i])) return i;
        return -1;
    }

    public override string ToString()
    {
        var bytes = new string[Group.Slots];
        for (int i = 0; i < Group.Slots; i++)
            bytes[i] = this[i] switch { Ctrls.Empty => "-", Ctrls.Deleted => "del", var h2 => h2.ToString("x2") };
        return "[" + string.Join(' ', bytes) + "]";
    }
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
