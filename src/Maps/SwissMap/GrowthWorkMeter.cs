using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// Ghost meter for the growth comparison: how many entries each write of one map moved to new storage.
/// The classic map reports every evacuated old bucket (with the entries it copied), the Swiss map every
/// rehash; a write's total is credited when the write completes (KeyAssigned or KeyDeleted).
/// </summary>
internal sealed class GrowthWorkMeter(IGoMap map) :
    IMonitor<BucketEvacuated>, IMonitor<TableReplaced>, IMonitor<KeyAssigned>, IMonitor<KeyDeleted>
{
    int pending;

    public string Name => $"{map.Name} growth work";

    /// <summary>Entries moved by each completed write, in order.</summary>
    public List<int> MovedPerWrite { get; } = [];

    public string? Observe(BucketEvacuated e)
    {
        if (e.Map == map) pending += e.Moved;
        return null;
    }

    public string? Observe(TableReplaced e)
    {
        if (e.Map == map) pending += e.Moved;
        return null;
    }

    public string? Observe(KeyAssigned e) => Credit(e.Map);

    public string? Observe(KeyDeleted e) => Credit(e.Map);

    string? Credit(IGoMap written)
    {
        if (written != map) return null;
        MovedPerWrite.Add(pending);
        pending = 0;
        return null;
    }
}
