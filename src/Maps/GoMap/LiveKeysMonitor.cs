using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// Ghost contents of one Go map: what a plain dictionary would hold after the same completed operations.
/// Every lookup's result must agree with it, and at every observation point the map's own structure
/// check must pass (classic: CM-1, CM-5..CM-10; Swiss: CM-1, SW-1..SW-9), given the live contents and
/// whether the point is an operation boundary.
/// </summary>
public sealed class LiveKeysMonitor(IGoMap map, Func<IReadOnlyDictionary<GoKey, int>, bool, string?> structure) :
    IMonitor<KeyAssigned>, IMonitor<KeyDeleted>, IMonitor<MapCleared>, IMonitor<KeyLookedUp>, IMonitor<ObservationPoint>
{
    readonly Dictionary<GoKey, int> live = [];

    public string Name => $"{map.Name} contents";

    internal IReadOnlyDictionary<GoKey, int> Live => live;

    public string? Observe(KeyAssigned e)
    {
        if (e.Map == map) live[e.Key] = e.Value;
        return null;
    }

    public string? Observe(KeyDeleted e)
    {
        if (e.Map == map) live.Remove(e.Key);
        return null;
    }

    public string? Observe(MapCleared e)
    {
        if (e.Map == map) live.Clear();
        return null;
    }

    public string? Observe(KeyLookedUp e)
    {
        if (e.Map != map) return null;
        bool isLive = live.TryGetValue(e.Key, out int expected);
        if (isLive && !e.Found) return $"lookup({e.Key}) missed a live key (CM-1)";
        if (!isLive && e.Found) return $"lookup({e.Key}) found a key that is not in the map";
        if (isLive && e.Value != expected) return $"lookup({e.Key}) returned {e.Value}, the map holds {expected}";
        return null;
    }

    public string? Observe(ObservationPoint e) => e.Map == map ? structure(live, e.OperationBoundary) : null;
}
