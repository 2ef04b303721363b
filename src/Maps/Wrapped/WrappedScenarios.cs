using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.Wrapped;

/// <summary>
/// Issue 4, scenarios 4 and 5: the same workload through each safe wrapper (reduced configuration, so
/// the writes cross grows). The inner maps carry every monitor: each lookup must agree with the
/// contents the completed writes left, and the structure must be sound at every boundary. The
/// "-small" variants are small enough for DFS to finish.
/// </summary>
public static class WrappedScenarios
{
    static readonly GoMapConfig Config = GoMapConfig.Reduced;

    static IGoMapWrapper Create(Runtime rt, string kind) => kind switch
    {
        "mutex" => new MutexMap(rt, "m", Config),
        "rwmutex" => new RWMutexMap(rt, "m", Config),
        "sharded" => new ShardedMap(rt, "m", Config, shardCount: 2),
        "cow" => new CopyOnWriteMap(rt, "m", Config),
        "cow-relaxed" => new CopyOnWriteMap(rt, "m", Config, MemoryOrder.Relaxed),
        _ => throw new ArgumentException($"unknown wrapper '{kind}'", nameof(kind)),
    };

    // Made once: keys are immutable and every execution uses the same ones.
    static readonly GoKey[] Keys = [.. Enumerable.Range(0, 5).Select(i => GoKeys.Mixed($"k{i}"))];

    static GoKey Key(int i) => Keys[i];

    /// <summary>Two writers (three and two stores, one delete) and a reader of every key.</summary>
    [Scenario("gomap/locked/mutex", PreemptionBound = 2, Argument = "mutex",
        Description = "two writers (one deletes its own key) and a reader through a Mutex-guarded map; the writes cross two grows")]
    [Scenario("gomap/locked/rwmutex", PreemptionBound = 2, Argument = "rwmutex",
        Description = "the same through an RWMutex-guarded map (lookups share the read lock)")]
    [Scenario("gomap/sharded", PreemptionBound = 2, Argument = "sharded",
        Description = "the same through two Mutex-guarded shards")]
    [Scenario("gomap/cow", PreemptionBound = 2, Argument = "cow",
        Description = "the same through a copy-on-write map: writers publish a new map with a release store under a mutex, readers acquire-load it")]
    [Scenario("gomap/cow/relaxed-publish", Argument = "cow-relaxed", Expect = BugKind.DataRace,
        Description = "seeded: the new map is published with a relaxed store, so the builder's plain writes race with readers")]
    // A partly built map fails in whichever way the reader's loads happen to see first; each symptom is
    // the same missing release, so the scenario accepts all three rather than favouring one.
    [Scenario("gomap/cow/relaxed-publish-ra", Argument = "cow-relaxed", Memory = "ra", RaceDetection = false, Expect = BugKind.Fatal,
        Accepts = [BugKind.MonitorViolation, BugKind.UnhandledException],
        Description = "seeded, under ra: a reader gets the new map but not all the writes that built it: a stale hashWriting gives a false 'concurrent map read and map write' (#69652, fatal), or a live key is missed (monitor), or buckets are still nil (exception)")]
    public static async Task Workload(Runtime rt, string argument)
    {
        var map = Create(rt, argument);
        var writer1 = rt.Spawn(async () =>
        {
            for (int i = 0; i < 3; i++) await map.Store(Key(i), 10 + i);
        }, "writer1");
        var writer2 = rt.Spawn(async () =>
        {
            for (int i = 3; i < 5; i++) await map.Store(Key(i), 10 + i);
            await map.Delete(Key(3));
        }, "writer2");
        var reader = rt.Spawn(async () =>
        {
            for (int i = 0; i < 5; i++)
            {
                var (found, value) = await map.Load(Key(i));
                rt.Assert(!found || value == 10 + i, $"reader saw m[k{i}] = {value}, never written");
            }
        }, "reader");
        await writer1.Join();
        await writer2.Join();
        await reader.Join();
        await CheckFinal(rt, map, 5, deleted: 3);
    }

    /// <summary>A writer and a reader, two operations each (or one store and two readers): small enough for DFS to cover completely.</summary>
    [Scenario("gomap/locked/mutex-small", Argument = "mutex",
        Description = "a writer (two stores) and a reader (two loads) through a Mutex-guarded map; DFS completes")]
    [Scenario("gomap/locked/rwmutex-small", Argument = "rwmutex",
        Description = "a writer (one store) and two readers through an RWMutex-guarded map; DFS completes")]
    // Shrunk from the gomap/cow workload: under ra every acquire load of the current map may read any
    // version not older than the reader's view, and with two writers and five reads that space was out of
    // reach even within two preemptions (215,142 executions within one preemption alone).
    [Scenario("gomap/cow/ra", Argument = "cow", Memory = "ra", RaceDetection = false,
        Description = "a writer (two stores) and a reader (two loads) through the copy-on-write map under RC11 release/acquire memory: release/acquire publication is enough")]
    public static async Task Small(Runtime rt, string argument)
    {
        var map = Create(rt, argument);
        var tasks = new List<TaskHandle>
        {
            rt.Spawn(async () =>
            {
                await map.Store(Key(0), 10);
                if (argument != "rwmutex") await map.Store(Key(1), 11);
            }, "writer"),
        };
        int readers = argument == "rwmutex" ? 2 : 1;
        for (int r = 0; r < readers; r++)
        {
            int first = r;
            tasks.Add(rt.Spawn(async () =>
            {
                var (found, value) = await map.Load(Key(first));
                rt.Assert(!found || value == 10 + first, $"reader saw m[k{first}] = {value}, never written");
                if (readers == 1) await map.Load(Key(1));
            }, $"reader{r + 1}"));
        }
        foreach (var task in tasks) await task.Join();
        await CheckFinal(rt, map, argument != "rwmutex" ? 2 : 1, deleted: -1);
    }

    static async Task CheckFinal(Runtime rt, IGoMapWrapper map, int count, int deleted)
    {
        for (int i = 0; i < count; i++)
        {
            var (found, value) = await map.Load(Key(i));
            bool expectFound = i != deleted;
            rt.Assert(found == expectFound && (!found || value == 10 + i),
                $"after all writers: m[k{i}] is {(found ? value.ToString() : "absent")}, expected {(expectFound ? (10 + i).ToString() : "absent")}");
        }
    }
}
