using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// Ghost contents of one Go map: what a plain dictionary would hold after the same completed operations.
/// Every lookup's result must agree with it, and at every observation point the map's own structure
/// check must pass (classic: CM-1, CM-5..CM-10; Swiss: CM-1, SW-1..SW-9), given the live contents and
/// whether the point is an operation boundary.
/// The structure check walks the whole map, and most observation points (lookups, iterator steps) follow
/// no write, so a check that passed is not repeated while neither memory (<see cref="Runtime.MemoryVersion"/>)
/// nor the live contents changed: the check reads only Peek, the live contents and the boundary flag, and
/// at an operation boundary it checks everything it checks elsewhere and more (the writing flag).
/// The check receives this monitor: the live contents and the keys assigned since the last check passed
/// (an incremental check looks those up again even where the map's cells did not change).
/// </summary>
public sealed class LiveKeysMonitor(Runtime rt, IGoMap map, Func<LiveKeysMonitor, bool, string?> structure) :
    IMonitor<KeyAssigned>, IMonitor<KeyDeleted>, IMonitor<MapCleared>, IMonitor<KeyLookedUp>, IMonitor<ObservationPoint>
{
    readonly Dictionary<GoKey, int> live = [];
    readonly List<GoKey> assignedSincePass = [];
    // Changes with the live contents; the last passing check's versions and boundary flag (none yet: -1).
    long liveVersion;
    long passedMemory = -1, passedLive = -1;
    bool passedAtBoundary;

    public string Name => $"{map.Name} contents";

    /// <summary>The live contents (the dictionary itself, so that enumerating it boxes nothing; read only).</summary>
    internal Dictionary<GoKey, int> Live => live;

    /// <summary>The keys assigned since the structure check last passed.</summary>
    internal List<GoKey> AssignedSincePass => assignedSincePass;

    public string? Observe(KeyAssigned e)
    {
        if (e.Map != map) return null;
        live[e.Key] = e.Value;
        assignedSincePass.Add(e.Key);
        liveVersion++;
        return null;
    }

    public string? Observe(KeyDeleted e)
    {
        if (e.Map != map) return null;
        live.Remove(e.Key);
        liveVersion++;
        return null;
    }

    public string? Observe(MapCleared e)
    {
        if (e.Map != map) return null;
        live.Clear();
        liveVersion++;
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

    public string? Observe(ObservationPoint e)
    {
        if (e.Map != map) return null;
        if (rt.MemoryVersion == passedMemory && liveVersion == passedLive && (passedAtBoundary || !e.OperationBoundary)) return null;
        if (structure(this, e.OperationBoundary) is { } violation) return violation;
        assignedSincePass.Clear();
        (passedMemory, passedLive, passedAtBoundary) = (rt.MemoryVersion, liveVersion, e.OperationBoundary);
        return null;
    }
}
