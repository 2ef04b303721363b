using ModelCheck.Engine;

namespace ModelCheck.Maps.SyncMap;

/// <summary>missLocked is about to count a miss (under mu, read amended).</summary>
readonly record struct Missed(SyncMap Map);

/// <summary>misses went back to 0: dirty was promoted (missLocked or Range) or the map cleared.</summary>
readonly record struct MissesReset(SyncMap Map);

/// <summary>
/// SM-9, a liveness property: a miss storm promotes dirty. Loads that miss read.m and go to dirty cost
/// a lock each, so Go bounds them: once the misses since the last promotion reach len(dirty), missLocked
/// promotes dirty to read.m. The monitor is hot from each miss to the unlock after it, one degree
/// warmer per miss, warm between misses and cold after a promotion or a clear; at the unlock, misses
/// that have reached len(dirty) without a promotion are a liveness bug: the storm would go on forever.
/// </summary>
sealed class MissStormProgress : IMonitor<Missed>, IMonitor<MissesReset>, IMonitor<Unlocking>
{
    readonly SyncMap map;
    readonly LivenessMonitor storm;

    public MissStormProgress(SyncMap map, Runtime rt)
    {
        this.map = map;
        storm = rt.AddLivenessMonitor("SM-9 miss storm", TemperatureUnit.Entries, () =>
            $"{storm!.Temperature} miss{(storm.Temperature == 1 ? "" : "es")} since dirty was last promoted, and len(dirty) is {DirtyLength}: missLocked should have promoted it",
            threshold: int.MaxValue);
    }

    public string Name => "SM-9 miss storm";

    int DirtyLength => map.CurrentDirty?.Contents.Count ?? 0;

    public string? Observe(Missed e)
    {
        if (e.Map == map) storm.Hot();
        return null;
    }

    public string? Observe(MissesReset e)
    {
        if (e.Map == map) storm.Cold();
        return null;
    }

    public string? Observe(Unlocking e)
    {
        if (e.Map != map || storm.State != LivenessState.Hot) return null;
        if (storm.Temperature < DirtyLength) storm.Warm();
        else storm.Due("at the unlock after the miss");
        return null;
    }
}
