using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Tests.Unit.Memory;

/// <summary>
/// The tso and ra models in programs, beyond litmus tests: synchronisation through the Go primitives
/// still works, read-modify-writes stay atomic, and a weak-memory bug's trace replays exactly.
/// </summary>
public sealed class WeakMemoryTests
{
    public static TheoryData<MemoryModel> WeakModels() => new(MemoryModel.Tso, MemoryModel.Ra);

    [Theory]
    [MemberData(nameof(WeakModels))]
    public void Mutex_protected_increments_are_never_lost(MemoryModel model) =>
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(Exhaustive.LockedIncrements, model));

    [Theory]
    [MemberData(nameof(WeakModels))]
    public void Compare_and_swap_loops_never_lose_an_increment(MemoryModel model) =>
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            var workers = Enumerable.Range(0, 2).Select(_ => rt.Spawn(async () =>
            {
                while (true)
                {
                    int seen = await x.Load(Relaxed);
                    if (await x.CompareAndSwap(seen, seen + 1, Relaxed)) break;
                }
            })).ToList();
            foreach (var w in workers) await w.Join();
            rt.Assert(x.Peek() == 2, $"x is {x.Peek()}");
        }, model));

    [Theory]
    [MemberData(nameof(WeakModels))]
    public void Spawn_and_join_publish_plain_stores(MemoryModel model) =>
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            var y = rt.NewCell("y", 0);
            await x.Store(1, Plain);
            var child = rt.Spawn(async () =>
            {
                rt.Assert(await x.Load(Plain) == 1, "the child missed its parent's store");
                await y.Store(1, Plain);
            });
            await child.Join();
            rt.Assert(await y.Load(Plain) == 1, "the parent missed its child's store after the join");
        }, model));

    [Fact]
    public void Tso_lets_a_task_read_its_own_buffered_store_before_others_see_it()
    {
        var report = Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            var other = 0;
            var reader = rt.Spawn(async () => other = await x.Load(Relaxed));
            await x.Store(1, Relaxed);
            rt.Assert(await x.Load(Relaxed) == 1, "a task must see its own store");
            await reader.Join();
        }, MemoryModel.Tso);
        Exhaustive.AssertCompleteAndClean(report);
    }

    // A monitor woken by a task's event runs in that task's step: under tso it must see that task's buffered
    // stores, or it reports a half-made state no task ever sees (chm's forwarding node published while the
    // halves stored before it still sat in the same FIFO buffer).
    [Theory]
    [MemberData(nameof(WeakModels))]
    public void Ghost_code_sees_the_running_tasks_own_stores(MemoryModel model) =>
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(async rt =>
        {
            var half = rt.NewCell("half", 0);
            var forwarded = rt.NewCell("forwarded", 0);
            var mover = rt.Spawn(async () =>
            {
                await half.Store(1, Release);
                await forwarded.Store(1, Release);
                rt.Assert(forwarded.Peek() == 0 || half.Peek() == 1, "ghost code saw the forwarding store without the half stored before it");
                rt.Assert(half.Peek() == 1 && forwarded.Peek() == 1, "ghost code missed the running task's own stores");
            });
            await mover.Join();
        }, model));

    [Theory]
    [InlineData(MemoryModel.Sc, false)]
    [InlineData(MemoryModel.Tso, true)]
    [InlineData(MemoryModel.Ra, true)]
    public void Store_buffering_is_seen_exactly_under_the_weak_models(MemoryModel model, bool weak)
    {
        var report = Exhaustive.Dfs(StoreBuffering, model, raceDetection: false);
        if (weak) Exhaustive.FirstBug(report, BugKind.AssertionFailure);
        else Exhaustive.AssertCompleteAndClean(report);
    }

    static async Task StoreBuffering(Runtime rt)
    {
        var x = rt.NewCell("x", 0);
        var y = rt.NewCell("y", 0);
        int r0 = -1, r1 = -1;
        var a = rt.Spawn(async () =>
        {
            await x.Store(1, Relaxed);
            r0 = await y.Load(Relaxed);
        }, "a");
        var b = rt.Spawn(async () =>
        {
            await y.Store(1, Relaxed);
            r1 = await x.Load(Relaxed);
        }, "b");
        await a.Join();
        await b.Join();
        rt.Assert(r0 == 1 || r1 == 1, "both loads read 0: store buffering");
    }

    [Theory]
    [MemberData(nameof(WeakModels))]
    public void A_weak_memory_trace_replays_exactly_from_its_file(MemoryModel model)
    {
        var scenario = new Scenario("test/store-buffering", "", BugKind.AssertionFailure, StoreBuffering) { Memory = model, RaceDetection = false };
        var report = Explorer.Explore(scenario, new TestConfiguration { Strategy = StrategyKind.Random, Seed = 3, Iterations = 10_000 });
        var found = Assert.Single(report.Bugs);
        var trace = TraceFile.Parse(TraceFile.From(report, found).ToJson(), "sb.trace.json");
        Assert.Equal(model, trace.Settings.Memory);
        Assert.Contains(trace.Choices, c => c.Kind is ChoiceKind.ReadFrom or ChoiceKind.Drain);
        var replay = Replayer.Replay(scenario, trace);
        Assert.True(replay.Reproduced, replay.Divergence);
        Assert.Equal(found.Bug.Message, replay.Result.Bug!.Message);
    }

    [Fact]
    public void Replaying_a_weak_trace_under_sc_diverges_loudly()
    {
        var scenario = new Scenario("test/store-buffering", "", BugKind.AssertionFailure, StoreBuffering) { Memory = MemoryModel.Ra, RaceDetection = false };
        var report = Explorer.Explore(scenario, new TestConfiguration { Strategy = StrategyKind.Dfs, Iterations = 10_000 });
        var trace = TraceFile.From(report, report.Bugs[0]);
        var replay = Replayer.Replay(scenario, trace with { Settings = trace.Settings with { Memory = MemoryModel.Sc } });
        Assert.False(replay.Reproduced);
        Assert.StartsWith("diverged", replay.Divergence);
    }

    [Fact]
    public void Dfs_enumerates_every_reads_from_choice_and_completes()
    {
        // One store and one load in parallel: under ra the load may read either message, whatever the order.
        var outcomes = new HashSet<(int, int)>();
        var report = Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            int seen = -1;
            var writer = rt.Spawn(async () => await x.Store(1, Relaxed));
            var reader = rt.Spawn(async () => seen = await x.Load(Relaxed));
            await writer.Join();
            await reader.Join();
            outcomes.Add((seen, rt.Choices.ToArray().Count(c => c.Kind == ChoiceKind.ReadFrom)));
        }, MemoryModel.Ra, raceDetection: false);
        Exhaustive.AssertCompleteAndClean(report);
        Assert.Contains((0, 0), outcomes);
        Assert.Contains((0, 1), outcomes);
        Assert.Contains((1, 1), outcomes);
    }
}
