using ModelCheck.Engine;
using ModelCheck.Tests.Unit.Dpor;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit;

/// <summary>The Go sync primitives behave as Go's do, checked over every schedule DFS can reach.</summary>
public sealed class SyncTests
{
    static readonly TestConfiguration Dfs = With(StrategyKind.Dfs, iterations: 100_000);

    static ExplorationReport Exhaustively(Func<Runtime, Task> entry)
    {
        var report = Run(entry, Dfs);
        Assert.True(report.Complete, report.Bugs.Count > 0
            ? $"execution {report.Bugs[0].Iteration}: {report.Bugs[0].Bug.Kind.ToName()}: {report.Bugs[0].Bug.Message}"
            : $"DFS stopped after {report.Executions} executions without exhausting the space");
        return report;
    }

    [Fact]
    public void A_mutex_admits_one_holder_at_a_time()
    {
        var report = Exhaustively(async rt =>
        {
            var mu = rt.NewMutex("mu");
            var inside = rt.NewCell("inside", 0);
            var workers = Enumerable.Range(0, 3).Select(w => rt.Spawn(async () =>
            {
                await mu.Lock();
                int n = await inside.FetchAdd(1, MemoryOrder.SeqCst);
                rt.Assert(n == 0, $"{n + 1} tasks hold the mutex");
                await inside.FetchAdd(-1, MemoryOrder.SeqCst);
                await mu.Unlock();
            })).ToList();
            foreach (var worker in workers) await worker.Join();
        });
        Assert.Empty(report.Bugs);
    }

    [Fact]
    public void Any_task_may_unlock_a_go_mutex()
    {
        var report = Exhaustively(async rt =>
        {
            var mu = rt.NewMutex("mu");
            await mu.Lock();
            await rt.Spawn(async () => await mu.Unlock(), "other").Join();
            rt.Assert(!mu.IsLocked, "the mutex is still locked");
        });
        Assert.Empty(report.Bugs);
    }

    [Fact]
    public void Readers_share_an_rwmutex_and_a_writer_excludes_everyone()
    {
        bool readersOverlapped = false;
        var report = Exhaustively(async rt =>
        {
            var rw = rt.NewRWMutex("rw");
            var readers = rt.NewCell("readers", 0);
            var writers = rt.NewCell("writers", 0);
            var tasks = new List<TaskHandle>();
            for (int r = 0; r < 2; r++)
                tasks.Add(rt.Spawn(async () =>
                {
                    await rw.RLock();
                    int before = await readers.FetchAdd(1, MemoryOrder.SeqCst);
                    if (before == 1) readersOverlapped = true;
                    rt.Assert(writers.Peek() == 0, "a reader is inside with a writer");
                    await readers.FetchAdd(-1, MemoryOrder.SeqCst);
                    await rw.RUnlock();
                }, $"reader{r}"));
            tasks.Add(rt.Spawn(async () =>
            {
                await rw.Lock();
                await writers.FetchAdd(1, MemoryOrder.SeqCst);
                rt.Assert(readers.Peek() == 0, "a writer is inside with a reader");
                await writers.FetchAdd(-1, MemoryOrder.SeqCst);
                await rw.Unlock();
            }, "writer"));
            foreach (var task in tasks) await task.Join();
        });
        Assert.Empty(report.Bugs);
        Assert.True(readersOverlapped, "no schedule let both readers hold the read lock at once");
    }

    [Fact]
    public void A_waiting_writer_stops_new_readers_so_a_recursive_read_lock_deadlocks()
    {
        // Go's documentation: "If any goroutine calls Lock while the lock is already locked by one or
        // more readers, concurrent calls to RLock will block until the writer has acquired (and
        // released) the lock ... this prohibits recursive read locking."
        // The DPOR validation's program: a reader takes the read lock twice while a writer locks.
        var report = Run(SmallPrograms.Named("rwmutex-reader-reenters").Build(new Observations()), Dfs);
        var bug = report.FirstBug();
        Assert.Equal(BugKind.Deadlock, bug.Kind);
        Assert.Contains("'reader' waits to RLock rw", bug.Message);
        Assert.Contains("'writer' waits to Lock rw", bug.Message);
    }

    [Fact]
    public void A_recursive_read_lock_without_a_writer_is_fine()
    {
        var report = Exhaustively(async rt =>
        {
            var rw = rt.NewRWMutex("rw");
            var readers = Enumerable.Range(0, 2).Select(r => rt.Spawn(async () =>
            {
                await rw.RLock();
                await rw.RLock();
                await rw.RUnlock();
                await rw.RUnlock();
            })).ToList();
            foreach (var reader in readers) await reader.Join();
        });
        Assert.Empty(report.Bugs);
    }

    [Fact]
    public void A_wait_group_releases_its_waiter_only_at_zero()
    {
        var report = Exhaustively(async rt =>
        {
            var wg = rt.NewWaitGroup("wg");
            var done = rt.NewCell("done", 0);
            await wg.Add(2);
            for (int w = 0; w < 2; w++)
                rt.Spawn(async () =>
                {
                    await done.FetchAdd(1, MemoryOrder.SeqCst);
                    await wg.Done();
                });
            await wg.Wait();
            rt.Assert(done.Peek() == 2, $"Wait returned after {done.Peek()} of 2 workers");
        });
        Assert.Empty(report.Bugs);
    }

    [Fact]
    public void Join_waits_for_the_joined_task_to_finish()
    {
        var report = Exhaustively(async rt =>
        {
            var flag = rt.NewCell("flag", false);
            var child = rt.Spawn(async () =>
            {
                await rt.Yield();
                await flag.Store(true, MemoryOrder.SeqCst);
            });
            await child.Join();
            rt.Assert(flag.Peek() && child.IsFinished, "Join returned before the child finished");
        });
        Assert.Empty(report.Bugs);
    }

    [Fact]
    public void Readers_a_writer_held_off_get_in_before_the_next_writer()
    {
        // Go's Unlock releases the readers that queued behind the writer before it lets the next writer
        // take the lock: they were counted in when they called RLock. So a second writer that also
        // queued behind the first can never get the lock while such a reader has not been through.
        var report = Exhaustively(async rt =>
        {
            var rw = rt.NewRWMutex("rw");
            var firstHolds = rt.NewCell("firstHolds", false);
            var readerQueued = rt.NewCell("readerQueued", false);
            var readerDone = rt.NewCell("readerDone", false);
            var first = rt.Spawn(async () =>
            {
                await rw.Lock();
                firstHolds.Set(true, MemoryOrder.SeqCst);
                await rt.Yield();
                firstHolds.Set(false, MemoryOrder.SeqCst);
                await rw.Unlock();
            }, "first");
            var reader = rt.Spawn(async () =>
            {
                readerQueued.Set(firstHolds.Peek(), MemoryOrder.SeqCst);
                await rw.RLock();
                await rw.RUnlock();
                readerDone.Set(true, MemoryOrder.SeqCst);
            }, "reader");
            var second = rt.Spawn(async () =>
            {
                bool queued = firstHolds.Peek();
                await rw.Lock();
                rt.Assert(!(queued && readerQueued.Peek() && !readerDone.Peek()),
                    "the second writer got the lock before a reader the first writer's Unlock released");
                await rw.Unlock();
            }, "second");
            await first.Join();
            await reader.Join();
            await second.Join();
        });
        Assert.Empty(report.Bugs);
    }

    [Fact]
    public void A_writer_waiting_behind_another_writer_does_not_stop_readers_after_that_one_unlocks()
    {
        // Go's second writer only announces itself once it holds the writers' mutex, which the first
        // writer releases in Unlock: a reader arriving just after that Unlock can still get in first.
        bool readerFirst = false;
        var report = Exhaustively(async rt =>
        {
            var rw = rt.NewRWMutex("rw");
            var firstHolds = rt.NewCell("firstHolds", false);
            var firstDone = rt.NewCell("firstDone", false);
            var secondHolds = rt.NewCell("secondHolds", false);
            var secondQueued = rt.NewCell("secondQueued", false);
            var first = rt.Spawn(async () =>
            {
                await rw.Lock();
                firstHolds.Set(true, MemoryOrder.SeqCst);
                await rt.Yield();
                await rw.Unlock();
                firstDone.Set(true, MemoryOrder.SeqCst);
            }, "first");
            var second = rt.Spawn(async () =>
            {
                secondQueued.Set(firstHolds.Peek() && !firstDone.Peek(), MemoryOrder.SeqCst);
                await rw.Lock();
                secondHolds.Set(true, MemoryOrder.SeqCst);
                await rw.Unlock();
            }, "second");
            var reader = rt.Spawn(async () =>
            {
                bool arrivedAfterUnlock = firstDone.Peek() && secondQueued.Peek() && !secondHolds.Peek();
                await rw.RLock();
                if (arrivedAfterUnlock && !secondHolds.Peek()) readerFirst = true;
                await rw.RUnlock();
            }, "reader");
            await first.Join();
            await second.Join();
            await reader.Join();
        });
        Assert.Empty(report.Bugs);
        Assert.True(readerFirst, "no schedule let a reader in between the first writer's Unlock and the second writer's Lock");
    }
}
