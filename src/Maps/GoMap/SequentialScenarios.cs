using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// Issue 4, scenario 1: one goroutine, the legal way to change a map while ranging over it. Inserts
/// that cross several grows, lookups, deletes, updates, ranges whose bodies write, and clear; every
/// monitor is on. The only choices are the iteration starts, so with the reduced configuration DFS
/// covers them all.
/// </summary>
public static class SequentialScenarios
{
    [Scenario("gomap/sequential/faithful", Argument = "faithful",
        Description = "one goroutine: 40 inserts across three grows (B 0 to 3), lookups, deletes, ranges that write, clear (bucketCnt 8)")]
    [Scenario("gomap/sequential/reduced", Argument = "reduced",
        Description = "the same program with bucketCnt 2 (12 keys, three grows); DFS covers every iteration start")]
    public static async Task Sequential(Runtime rt, string argument)
    {
        var config = ScenarioConfig.Parse(argument);
        int n = config.BucketCnt == 8 ? 40 : 12;
        var keys = Enumerable.Range(0, n).Select(i => GoKeys.Mixed($"k{i}")).ToArray();
        var m = ClassicMap.Make(rt, "m", config).Monitored();

        await GoMapPrograms.Workout(m, keys, from: 0);
    }

    [Scenario("gomap/same-size-grow/faithful", Argument = "faithful",
        Description = "overflow chains build up while count stays low, so a write starts a same-size grow; a range crosses it (bucketCnt 8)")]
    [Scenario("gomap/same-size-grow/reduced", Argument = "reduced",
        Description = "the same with bucketCnt 2")]
    public static async Task SameSizeGrow(Runtime rt, string argument)
    {
        var config = ScenarioConfig.Parse(argument);
        int chain = config.BucketCnt + 1;   // one more than a bucket holds: one overflow bucket per chain
        // make(hint = bucketCnt+1) gives B = 1 in both configurations.
        var m = ClassicMap.Make(rt, "m", config, hint: chain).Monitored();
        var zeros = Enumerable.Range(0, chain).Select(i => GoKeys.WithLowBits($"x{i}", 0, 1)).ToArray();
        var ones = Enumerable.Range(0, chain).Select(i => GoKeys.WithLowBits($"y{i}", 1, 1)).ToArray();
        foreach (var key in zeros) await m.Assign(key, 1);
        foreach (var key in zeros) await m.Delete(key);
        foreach (var key in ones) await m.Assign(key, 2);     // noverflow = 2 = 2^B: too many overflow buckets
        await m.Delete(ones[0]);
        var it = await m.Range();
        await m.Assign(GoKeys.WithLowBits("z", 0, 1), 3);    // starts the same-size grow
        for (; it.Key is not null; await it.Next()) await m.Lookup(it.Key);
        foreach (var key in zeros.Concat(ones)) await m.Lookup(key);
        await m.Assign(GoKeys.WithLowBits("w", 1, 1), 4);    // finishes the grow
        for (it = await m.Range(); it.Key is not null; await it.Next()) { }
    }
}
