using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// The legal way to share a Swiss map between goroutines: one sync.Mutex around every operation, ranges
/// included. Small enough for DFS to explore every interleaving within a preemption bound; every monitor
/// is on, and the final contents are checked.
/// </summary>
public static class LockedScenarios
{
    // Made once: keys are immutable and every execution uses the same ones.
    static readonly GoKey[] Keys = [.. Enumerable.Range(0, 10).Select(i => GoKeys.Mixed($"k{i}"))];

    /// <summary>Two writers and a ranger share a map of 7 keys; writer 1's second key turns the small group into a table.</summary>
    [Scenario("swissmap/locked/mutex-small", PreemptionBound = 2, Memory = "sc",
        Description = "two writers and a ranger behind one mutex; one insert turns the small group into a table mid-run")]
    public static async Task MutexSmall(Runtime rt)
    {
        var mu = rt.NewMutex("mu");
        var m = SwissMap.Make(rt, "m", SwissMapConfig.Reduced).Monitored();
        var keys = Keys;
        for (int i = 0; i < 7; i++) await m.Assign(keys[i], i);
        var writer1 = rt.Spawn(async () =>
        {
            for (int i = 7; i < 9; i++)
            {
                await mu.Lock();
                await m.Assign(keys[i], i);
                await mu.Unlock();
            }
        }, "writer1");
        var writer2 = rt.Spawn(async () =>
        {
            await mu.Lock();
            await m.Delete(keys[0]);
            await mu.Unlock();
        }, "writer2");
        var ranger = rt.Spawn(async () =>
        {
            await mu.Lock();
            int produced = 0;
            for (var it = await m.Range(); it.Key is not null; await it.Next()) produced++;
            await mu.Unlock();
            rt.Assert(produced >= 6, $"the range produced {produced} keys; at least 6 were present throughout");
        }, "ranger");
        await writer1.Join();
        await writer2.Join();
        await ranger.Join();
        for (int i = 0; i < 9; i++)
        {
            var (found, value) = await m.Lookup(keys[i]);
            rt.Assert(found == (i != 0) && (i == 0 || value == i), $"m[{keys[i]}] is {(found ? value.ToString() : "absent")} after the writers");
        }
    }
}
