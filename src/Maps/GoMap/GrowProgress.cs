using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// CM-12, a liveness property: a grow completes within noldbuckets writes. Every write made while the
/// map grows (the one that starts the grow included) calls growWork, which evacuates the old bucket it
/// needs and then nevacuate's, and evacuating nevacuate's bucket moves the mark on; so each such write
/// advances nevacuate by at least one, and noldbuckets writes finish the grow. The monitor is warm while
/// a grow runs (reads owe nothing), hot during each write, one degree warmer per write, and cold when
/// the grow completes or a clear ends it.
/// </summary>
public sealed class GrowProgress :
    IMonitor<GrowStarted>, IMonitor<WriteStarted>, IMonitor<WriteFinished>, IMonitor<EvacuationMarkMoved>, IMonitor<MapCleared>
{
    readonly ClassicMap map;
    readonly LivenessMonitor progress;

    public GrowProgress(ClassicMap map)
    {
        this.map = map;
        // A method group, not a lambda over the parameter: that would add a closure object per execution.
        progress = map.Runtime.AddLivenessMonitor(map.Names.GrowProgress, TemperatureUnit.Entries, Overdue);
    }

    string Overdue() =>
        $"{progress.Temperature} writes during a grow of {progress.Threshold} old buckets, and it is still incomplete (nevacuate = {map.GhostNevacuate}): each write's growWork should evacuate nevacuate's bucket too (CM-12)";

    public string Name => map.Names.GrowProgress;

    public string? Observe(GrowStarted e)
    {
        if (e.Map != map) return null;
        progress.Threshold = e.OldBuckets;
        progress.Hot();   // the write that started the grow calls growWork too
        return null;
    }

    public string? Observe(WriteStarted e)
    {
        if (e.Map == map && progress.State != LivenessState.Cold) progress.Hot();
        return null;
    }

    public string? Observe(WriteFinished e)
    {
        if (e.Map == map && progress.State == LivenessState.Hot) progress.Warm();
        return null;
    }

    public string? Observe(EvacuationMarkMoved e)
    {
        if (e.Map == map && e.Finished) progress.Cold();
        return null;
    }

    public string? Observe(MapCleared e)
    {
        if (e.Map == map) progress.Cold();
        return null;
    }
}
