using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.SwissMap;

// Lookups (runtime_mapaccess2, Map.getWithKey, table.getWithKey). Lookups never grow anything.
public sealed partial class SwissMap
{
    /// <summary>runtime_mapaccess2, under v, ok := m[key] (<see cref="GoMapModel.Lookup"/>).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    private protected override async ValueTask<(bool Found, int Value)> MapAccess(GoKey key)
    {
        if (used.Get(Plain) == 0) return (false, 0);
        if (await LoadWriting() != 0) rt.Fatal("concurrent map read and map write");
        var (_, value, found) = GetWithKey(key, Hash(key));
        return (found, value);
    }

    /// <summary>
    /// getWithKey without the flag check: the small group's slots by H2, or the probe sequence of the table
    /// the directory selects. Returns the stored key too: the iterator's re-lookup produces it.
    /// </summary>
    internal (GoKey? Key, int Value, bool Found) GetWithKey(GoKey? key, ulong hash)
    {
        if (dirLen.Get(Plain) == 0)
        {
            var g = small.Get(Plain)!;
            int slot = g.Find(key, Ctrls.H2(hash));
            return slot < 0 ? (null, 0, false) : (g.Keys[slot].Get(Plain), g.Elems[slot].Get(Plain), true);
        }
        var (group, index) = DirectoryAt(DirectoryIndex(hash)).Find(key, hash);
        return group is null ? (null, 0, false) : (group.Keys[index].Get(Plain), group.Elems[index].Get(Plain), true);
    }
}
