using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// Ghost ledger of one grow epoch: CM-2 (each old bucket evacuated exactly once), CM-3 (nevacuate
/// monotone, never past an unevacuated bucket, never beyond noldbuckets) and CM-4 (the grow completes
/// only when every old bucket is evacuated). Clear ends an epoch without completing it.
/// </summary>
public sealed class EvacuationLedger(ClassicMap map) :
    IMonitor<GrowStarted>, IMonitor<BucketEvacuated>, IMonitor<EvacuationMarkMoved>, IMonitor<MapCleared>
{
    int[]? evacuations;
    int nevacuate;

    public string Name => $"{map.Name} evacuation ledger";

    public string? Observe(GrowStarted e)
    {
        if (e.Map != map) return null;
        if (evacuations is not null) return "hashGrow started while a grow was running";
        evacuations = new int[e.OldBuckets];
        nevacuate = 0;
        return null;
    }

    public string? Observe(BucketEvacuated e)
    {
        if (e.Map != map) return null;
        if (evacuations is null) return $"old bucket {e.OldBucket} evacuated while not growing";
        if (++evacuations[e.OldBucket] > 1) return $"old bucket {e.OldBucket} evacuated twice (CM-2)";
        return null;
    }

    public string? Observe(EvacuationMarkMoved e)
    {
        if (e.Map != map) return null;
        if (evacuations is null) return "nevacuate moved while not growing";
        if (e.Finished)
        {
            // Every grow that completes gets here: the query that names the missing buckets runs only if one is.
            if (Array.IndexOf(evacuations, 0) >= 0) return Unevacuated(evacuations);
            evacuations = null;
            return null;
        }
        if (e.Nevacuate < nevacuate) return $"nevacuate went back from {nevacuate} to {e.Nevacuate} (CM-3)";
        if (e.Nevacuate > evacuations.Length) return $"nevacuate {e.Nevacuate} is beyond the {evacuations.Length} old buckets (CM-3)";
        for (int ob = 0; ob < e.Nevacuate; ob++)
            if (evacuations[ob] == 0) return $"nevacuate is {e.Nevacuate} but old bucket {ob} is not evacuated (CM-3)";
        nevacuate = e.Nevacuate;
        return null;
    }

    static string Unevacuated(int[] evacuations)
    {
        var missing = Enumerable.Range(0, evacuations.Length).Where(ob => evacuations[ob] == 0).ToList();
        return $"the grow completed with old bucket{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} not evacuated (CM-4)";
    }

    public string? Observe(MapCleared e)
    {
        if (e.Map == map) evacuations = null;
        return null;
    }
}
