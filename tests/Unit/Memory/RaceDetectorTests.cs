using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Tests.Unit.Memory;

/// <summary>
/// Each test is a small program explored exhaustively: a race must be found with both tasks, steps and
/// access kinds in its message, and programs ordered by happens-before must be complete and clean.
/// </summary>
public sealed class RaceDetectorTests
{
    [Fact]
    public void Unjoined_plain_write_and_read_race_and_the_message_names_both_accesses()
    {
        var bug = Exhaustive.FirstBug(Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            rt.Spawn(async () => await x.Store(1, Plain), "writer");
            await x.Load(Plain);
        }), BugKind.DataRace);
        Assert.Matches(@"^data race on x: task '\w+' plain \w+ at step \d+ and task '\w+' plain \w+ at step \d+ are not ordered by happens-before$", bug.Message);
        Assert.Contains("task 'writer' plain store at step", bug.Message);
        Assert.Contains("task 'main' plain load at step", bug.Message);
    }

    [Fact]
    public void Spawn_and_join_order_parent_and_child() =>
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            await x.Store(1, Plain);
            var child = rt.Spawn(async () => await x.Store(await x.Load(Plain) + 1, Plain));
            await child.Join();
            rt.Assert(await x.Load(Plain) == 2, "lost");
        }));

    [Fact]
    public void Immediate_accesses_are_checked_too()
    {
        var bug = Exhaustive.FirstBug(Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            rt.Spawn(async () =>
            {
                await rt.Yield();
                x.Set(1, Plain);
            }, "setter");
            await rt.Yield();
            x.Get(Plain);
        }), BugKind.DataRace);
        Assert.Contains("task 'setter' plain store", bug.Message);
    }

    [Fact]
    public void Atomic_accesses_never_race_with_each_other() =>
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            var a = rt.Spawn(async () => await x.Store(await x.Load(Relaxed) + 1, Relaxed));
            await x.FetchAdd(1, Relaxed);
            await a.Join();
        }));

    [Fact]
    public void An_atomic_access_races_with_a_plain_one() =>
        Exhaustive.FirstBug(Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            rt.Spawn(async () => await x.Store(1, Relaxed));
            await x.Load(Plain);
        }), BugKind.DataRace);

    [Fact]
    public void Mutex_orders_critical_sections() =>
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(Exhaustive.LockedIncrements));

    [Fact]
    public void Readers_under_RLock_do_not_order_each_other()
    {
        var bug = Exhaustive.FirstBug(Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            var mu = rt.NewRWMutex("mu");
            for (int i = 0; i < 2; i++)
                rt.Spawn(async () =>
                {
                    await mu.RLock();
                    await x.Store(1, Plain);
                    await mu.RUnlock();
                }, $"reader{i}");
            await rt.Yield();
        }), BugKind.DataRace);
        Assert.Contains("'reader0' plain store", bug.Message);
        Assert.Contains("'reader1' plain store", bug.Message);
    }

    [Fact]
    public void RUnlock_orders_readers_before_the_next_writer() =>
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            var mu = rt.NewRWMutex("mu");
            var reader = rt.Spawn(async () =>
            {
                await mu.RLock();
                await x.Load(Plain);
                await mu.RUnlock();
            });
            var writer = rt.Spawn(async () =>
            {
                await mu.Lock();
                await x.Store(1, Plain);
                await mu.Unlock();
            });
            await reader.Join();
            await writer.Join();
        }));

    [Fact]
    public void WaitGroup_Done_happens_before_Wait_returns() =>
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            var wg = rt.NewWaitGroup("wg");
            await wg.Add(1);
            rt.Spawn(async () =>
            {
                await x.Store(1, Plain);
                await wg.Done();
            });
            await wg.Wait();
            rt.Assert(await x.Load(Plain) == 1, "not published");
        }));

    static Func<Runtime, Task> Publication(MemoryOrder store, MemoryOrder load, bool fences = false) => async rt =>
    {
        var data = rt.NewCell("data", 0);
        var flag = rt.NewCell("flag", 0);
        rt.Spawn(async () =>
        {
            await data.Store(1, Plain);
            if (fences) await rt.Fence(Release);
            await flag.Store(1, store);
        }, "writer");
        if (await flag.Load(load) == 1)
        {
            if (fences) await rt.Fence(Acquire);
            await data.Load(Plain);
        }
    };

    [Theory]
    [InlineData(Release, Acquire)]
    [InlineData(SeqCst, SeqCst)]
    [InlineData(AcqRel, Acquire)]
    public void Release_store_read_by_acquire_load_synchronises(MemoryOrder store, MemoryOrder load) =>
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(Publication(store, load)));

    [Theory]
    [InlineData(Relaxed, Relaxed)]
    [InlineData(Release, Relaxed)]
    [InlineData(Relaxed, Acquire)]
    public void Without_a_release_acquire_pair_the_publication_races(MemoryOrder store, MemoryOrder load) =>
        Exhaustive.FirstBug(Exhaustive.Dfs(Publication(store, load)), BugKind.DataRace);

    [Fact]
    public void Release_and_acquire_fences_around_relaxed_accesses_synchronise() =>
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(Publication(Relaxed, Relaxed, fences: true)));

    [Fact]
    public void Release_sequence_continues_through_another_tasks_RMW_but_not_its_store()
    {
        static Func<Runtime, Task> Program(bool rmw) => async rt =>
        {
            var data = rt.NewCell("data", 0);
            var flag = rt.NewCell("flag", 0);
            var writer = rt.Spawn(async () =>
            {
                await data.Store(1, Plain);
                await flag.Store(1, Release);
            }, "writer");
            var bumper = rt.Spawn(async () =>
            {
                if (rmw) await flag.FetchAdd(1, Relaxed);
                else await flag.Store(await flag.Load(Relaxed) + 1, Relaxed);
            }, "bumper");
            if (await flag.Load(Acquire) == 2) await data.Load(Plain);
            await writer.Join();
            await bumper.Join();
        };
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(Program(rmw: true)));
        Exhaustive.FirstBug(Exhaustive.Dfs(Program(rmw: false)), BugKind.DataRace);
    }

    [Fact]
    public void Detection_can_be_turned_off() =>
        Exhaustive.AssertCompleteAndClean(Exhaustive.Dfs(async rt =>
        {
            var x = rt.NewCell("x", 0);
            rt.Spawn(async () => await x.Store(1, Plain));
            await x.Load(Plain);
        }, raceDetection: false));
}
