using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// SW-7: a table replaced by a grow or split keeps index −1 and never changes again, because iterators
/// may still be walking it; its contents are fingerprinted when it goes stale and compared at every
/// observation point. (That no stale table is in the directory is checked by the structure walk.)
/// </summary>
internal sealed class StaleTableLedger(SwissMap map) : IMonitor<TableReplaced>, IMonitor<ObservationPoint>
{
    readonly List<(Table Table, ulong Fingerprint)> stale = [];

    public string Name => $"{map.Name} stale tables";

    public string? Observe(TableReplaced e)
    {
        if (e.Map != map || e.Old is null) return null;
        stale.Add((e.Old, Fingerprint(e.Old)));
        return null;
    }

    public string? Observe(ObservationPoint e)
    {
        if (e.Map != map) return null;
        foreach (var (table, fingerprint) in stale)
        {
            if (table.Index.Peek() != -1) return $"stale table {table.Name} has index {table.Index.Peek()} again (SW-7)";
            if (Fingerprint(table) != fingerprint) return $"stale table {table.Name} was written after it was replaced (SW-7)";
        }
        return null;
    }

    /// <summary>FNV-1a over every control byte, key hash and elem, plus used and growthLeft: cheap enough for every observation point.</summary>
    static ulong Fingerprint(Table table)
    {
        ulong h = 14695981039346656037UL;
        void Mix(ulong value) => h = (h ^ value) * 1099511628211UL;
        Mix((ulong)table.Used.Peek());
        Mix((ulong)table.GrowthLeft.Peek());
        foreach (var g in table.Groups)
        {
            Mix(g.Ctrl.Peek().Bits);
            for (int i = 0; i < Group.Slots; i++)
            {
                Mix(g.Keys.Peek(i)?.Hash ?? 0);
                Mix((ulong)g.Elems.Peek(i));
            }
        }
        return h;
    }
}
