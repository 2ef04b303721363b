using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.SwissMap;

// Writes (runtime_mapassign / Map.PutSlot, Map.Delete, Map.Clear). Each toggles `writing` around its work.
public sealed partial class SwissMap
{
    /// <summary>runtime_mapassign (Map.PutSlot): the elem slot of <paramref name="key"/>, which m[key] = value stores into after it returns (<see cref="GoMapModel.Assign"/>).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    private protected override async ValueTask<Cell<int>> MapAssign(GoKey key)
    {
        if (await LoadWriting() != 0) rt.Fatal("concurrent map writes");
        ulong hash = Hash(key);   // may panic: the flag is toggled only after it
        await ToggleWriting();
        if (small.Get(Plain) is null && dirLen.Get(Plain) == 0) small.Set(NewSmallGroup(), Plain);   // growToSmall

        if (dirLen.Get(Plain) == 0)
        {
            if (used.Get(Plain) < Group.Slots)
            {
                var elem = PutSlotSmall(key, hash);
                await FinishWriting();
                return elem;
            }
            // A full small group becomes a table, even when the key is already there.
            GrowToTable();
        }
        while (true)
        {
            var elem = DirectoryAt(DirectoryIndex(hash)).PutSlot(this, key, hash);
            if (elem is null) continue;   // the table was rehashed: look the key's table up again
            await FinishWriting();
            return elem;
        }
    }

    /// <summary>putSlotSmall: the key's slot, or the first empty one (a small map has no tombstones).</summary>
    Cell<int> PutSlotSmall(GoKey key, ulong hash)
    {
        var g = small.Get(Plain)!;
        byte h2 = Ctrls.H2(hash);
        int existing = g.Find(key, h2);
        if (existing >= 0) return g.Elems[existing];
        int slot = g.FirstEmpty();
        if (slot < 0) rt.Fatal("small map with no empty slot (concurrent map writes?)");
        g.Fill(slot, key, 0, h2);
        AddUsed(1);
        return g.Elems[slot];
    }

    /// <summary>growToTable: the 8 entries move into a table of 16 slots, the directory's only entry.</summary>
    void GrowToTable()
    {
        var g = small.Get(Plain)!;
        var table = NewTable(2 * Group.Slots, index: 0, localDepth: 0);
        var ctrl = g.Ctrl.Get(Plain);
        for (int i = 0; i < Group.Slots; i++)
        {
            if (!Ctrls.IsFull(ctrl[i])) continue;
            var key = g.Keys[i].Get(Plain);
            table.UncheckedPut(key, Hash(key), g.Elems[i].Get(Plain));
        }
        var dir = NewDirectory(1);
        dir[0].Set(table, Plain);
        directory.Set(dir, Plain);
        dirLen.Set(1, Plain);
        small.Set(null, Plain);
        rt.Cover(SwissCoverage.GrowToTable);
        if (rt.IsRecording) rt.Note($"{Name}: the small group becomes table {table.Name} ({table.Capacity} slots)");
        rt.Publish(new TableReplaced(this, null, [table], table.Used.Get(Plain)));
    }

    /// <summary>Map.Delete, under delete(m, key).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    private protected override async ValueTask MapDelete(GoKey key)
    {
        if (used.Get(Plain) == 0)
        {
            Hash(key);   // the unhashable-key panic still happens
            return;
        }
        if (await LoadWriting() != 0) rt.Fatal("concurrent map writes");
        ulong hash = Hash(key);
        await ToggleWriting();
        if (dirLen.Get(Plain) == 0) DeleteSmall(key, hash);
        else DirectoryAt(DirectoryIndex(hash)).Delete(this, key, hash);
        await FinishWriting();
    }

    /// <summary>deleteSmall: one group needs no tombstones; the slot becomes empty.</summary>
    void DeleteSmall(GoKey key, ulong hash)
    {
        var g = small.Get(Plain)!;
        int slot = g.Find(key, Ctrls.H2(hash));
        if (slot < 0) return;
        AddUsed(-1);
        g.ClearSlot(slot);
        g.SetCtrl(slot, Ctrls.Empty);
    }

    /// <summary>Map.Clear, under clear(m): every distinct table (or the small group) emptied, clearSeq+1; the directory keeps its size.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    private protected override async ValueTask MapClear()
    {
        if (used.Get(Plain) == 0) return;
        if (await LoadWriting() != 0) rt.Fatal("concurrent map writes");
        await ToggleWriting();
        if (dirLen.Get(Plain) == 0)
        {
            small.Get(Plain)!.Clear();
        }
        else
        {
            Table? last = null;
            for (int i = 0; i < dirLen.Get(Plain); i++)
            {
                var table = DirectoryAt(i);
                if (table == last) continue;
                table.Clear();
                last = table;
            }
        }
        used.Set(0, Plain);
        clearSeq.Set(clearSeq.Get(Plain) + 1, Plain);
        await FinishWriting();
    }
}
