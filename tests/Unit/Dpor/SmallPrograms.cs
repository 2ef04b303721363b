using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Tests.Unit.Dpor;

/// <summary>
/// A small concurrent program for the DPOR comparison, with its trace count where it is known in closed
/// form. <paramref name="UsesRWMutex"/>: parking on an RWMutex changes its state (a writer announces
/// itself, a reader queues) without an access in the log, so the canonical form cannot tell executions
/// apart that DPOR must; there DPOR may finish more executions than the canonical form has traces.
/// <paramref name="Blocked"/>: the executions optimal DPOR stops as sleep-set blocked, as measured.
/// </summary>
sealed record SmallProgram(string Name, Func<Observations, Func<Runtime, Task>> Build, int? KnownTraces = null, bool EnumerableByDfs = true, bool UsesRWMutex = false, int Blocked = 0)
{
    public override string ToString() => Name;
}

/// <summary>
/// The programs DPOR is checked on. Only the main task spawns, so task ids do not depend on the
/// schedule; every program joins what it spawned, then records its final state. Relaxed accesses keep
/// the race detector quiet unless a program wants a race.
/// </summary>
static class SmallPrograms
{
    public static readonly SmallProgram[] All =
    [
        // Each of n tasks reads x then writes it: (n!)^2 / ... traces: 4, 36, 576 (the table).
        new("read-then-write/2", seen => ReadThenWrite(seen, 2), KnownTraces: 4),
        new("read-then-write/3", seen => ReadThenWrite(seen, 3), KnownTraces: 36),
        new("read-then-write/4", seen => ReadThenWrite(seen, 4), KnownTraces: 576, EnumerableByDfs: false),
        new("two-independent-pairs", TwoIndependentPairs, KnownTraces: 16, EnumerableByDfs: false, Blocked: 6),
        new("disjoint-cells", DisjointCells, KnownTraces: 1),
        new("needle", Needle, KnownTraces: 21),
        new("readers-and-a-writer", ReadersAndWriter, KnownTraces: 8),
        new("fetch-add/3", FetchAdds, KnownTraces: 6),
        new("cas-increment", CasIncrement),
        new("mutex-counter/2x2", seen => MutexCounter(seen, 2, 2), KnownTraces: 6),
        new("mutex-counter/3x1", seen => MutexCounter(seen, 3, 1), KnownTraces: 6),
        new("mutex-guarded-and-free", MutexGuardedAndFree),
        new("lock-order-deadlock", LockOrderDeadlock),
        new("unlock-by-another-task", UnlockByAnotherTask),
        new("waitgroup-publication", WaitGroupPublication),
        new("waitgroup-add-races-wait", WaitGroupAddRacesWait),
        new("rwmutex-readers-writer", RWMutexReadersWriter, UsesRWMutex: true),
        new("rwmutex-reader-reenters", RWMutexReaderReenters, UsesRWMutex: true),
        new("spawn-join-chain", SpawnJoinChain),
        new("data-choice", DataChoice),
        new("multi-access-steps", MultiAccessSteps),
        new("plain-data-race", PlainDataRace),
        new("message-passing", MessagePassing),
    ];

    public static SmallProgram Named(string name) => All.Single(p => p.Name == name);

    static TaskHandle[] SpawnAll(Runtime rt, int count, Func<int, Func<Task>> body)
    {
        var handles = new TaskHandle[count];
        for (int i = 0; i < count; i++) handles[i] = rt.Spawn(body(i + 1), $"t{i + 1}");
        return handles;
    }

    static async Task JoinAll(TaskHandle[] handles)
    {
        foreach (var h in handles) await h.Join();
    }

    static Func<Runtime, Task> ReadThenWrite(Observations seen, int n) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        await JoinAll(SpawnAll(rt, n, me => async () =>
        {
            int v = await x.Load(Relaxed);
            await x.Store(v * 10 + me, Relaxed);
        }));
        seen.Finish(rt, $"x={x.Peek()}");
    };

    static Func<Runtime, Task> TwoIndependentPairs(Observations seen) => async rt =>
    {
        var cells = new[] { rt.NewCell("x", 0), rt.NewCell("y", 0) };
        await JoinAll(SpawnAll(rt, 4, me => async () =>
        {
            var cell = cells[(me - 1) / 2];
            int v = await cell.Load(Relaxed);
            await cell.Store(v * 10 + me, Relaxed);
        }));
        seen.Finish(rt, $"x={cells[0].Peek()} y={cells[1].Peek()}");
    };

    static Func<Runtime, Task> DisjointCells(Observations seen) => async rt =>
    {
        var cells = new[] { rt.NewCell("x", 0), rt.NewCell("y", 0) };
        await JoinAll(SpawnAll(rt, 2, me => async () =>
        {
            for (int i = 0; i < 3; i++)
            {
                int v = await cells[me - 1].Load(Relaxed);
                await cells[me - 1].Store(v + 1, Relaxed);
            }
        }));
        seen.Finish(rt, $"x={cells[0].Peek()} y={cells[1].Peek()}");
    };

    // One writer stores 0..19, one reader looks once: 21 traces, one of which finds the needle.
    static Func<Runtime, Task> Needle(Observations seen) => async rt =>
    {
        var x = rt.NewCell("x", -1);
        int read = -1;
        var writer = rt.Spawn(async () =>
        {
            for (int v = 0; v < 20; v++) await x.Store(v, Relaxed);
        }, "writer");
        var reader = rt.Spawn(async () => read = await x.Load(Relaxed), "reader");
        await writer.Join();
        await reader.Join();
        seen.Finish(rt, $"read={read}");
        rt.Assert(read != 10, "the reader saw 10");
    };

    // Three readers commute with each other; each is before or after the one write: 2^3 traces.
    static Func<Runtime, Task> ReadersAndWriter(Observations seen) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var reads = new int[4];
        var handles = SpawnAll(rt, 3, me => async () => reads[me] = await x.Load(Relaxed));
        var writer = rt.Spawn(async () => await x.Store(1, Relaxed), "writer");
        await JoinAll(handles);
        await writer.Join();
        seen.Finish(rt, $"reads={reads[1]}{reads[2]}{reads[3]}");
    };

    static Func<Runtime, Task> FetchAdds(Observations seen) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var old = new int[4];
        await JoinAll(SpawnAll(rt, 3, me => async () => old[me] = await x.FetchAdd(me, SeqCst)));
        seen.Finish(rt, $"x={x.Peek()} old={old[1]},{old[2]},{old[3]}");
    };

    // Lock-free increments: a failed compare-and-swap retries once.
    static Func<Runtime, Task> CasIncrement(Observations seen) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        await JoinAll(SpawnAll(rt, 2, me => async () =>
        {
            for (int attempt = 0; attempt < 2; attempt++)
            {
                int v = await x.Load(Acquire);
                if (await x.CompareAndSwap(v, v + 1, AcqRel)) break;
            }
        }));
        seen.Finish(rt, $"x={x.Peek()}");
    };

    static Func<Runtime, Task> MutexCounter(Observations seen, int tasks, int rounds) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var mu = rt.NewMutex("mu");
        await JoinAll(SpawnAll(rt, tasks, me => async () =>
        {
            for (int i = 0; i < rounds; i++)
            {
                await mu.Lock();
                int v = await x.Load(Plain);
                await x.Store(v * 10 + me, Plain);
                await mu.Unlock();
            }
        }));
        seen.Finish(rt, $"x={x.Peek()}");
    };

    // One task locks around its write, the other reads without the lock (relaxed, so no race report).
    static Func<Runtime, Task> MutexGuardedAndFree(Observations seen) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var mu = rt.NewMutex("mu");
        int read = -1;
        var locked = rt.Spawn(async () =>
        {
            await mu.Lock();
            await x.Store(1, Relaxed);
            await x.Store(2, Relaxed);
            await mu.Unlock();
        }, "locked");
        var free = rt.Spawn(async () =>
        {
            await mu.Lock();
            await mu.Unlock();
            read = await x.Load(Relaxed);
        }, "free");
        await locked.Join();
        await free.Join();
        seen.Finish(rt, $"read={read}");
    };

    static Func<Runtime, Task> LockOrderDeadlock(Observations seen) => async rt =>
    {
        var a = rt.NewMutex("a");
        var b = rt.NewMutex("b");
        var x = rt.NewCell("x", 0);
        var first = rt.Spawn(async () =>
        {
            await a.Lock();
            await b.Lock();
            await x.Store(1, Relaxed);
            await b.Unlock();
            await a.Unlock();
        }, "ab");
        var second = rt.Spawn(async () =>
        {
            await b.Lock();
            await a.Lock();
            await x.Store(2, Relaxed);
            await a.Unlock();
            await b.Unlock();
        }, "ba");
        await first.Join();
        await second.Join();
        seen.Finish(rt, $"x={x.Peek()}");
    };

    // Go lets any task unlock a mutex; unlocking before the lock is a fatal error.
    static Func<Runtime, Task> UnlockByAnotherTask(Observations seen) => async rt =>
    {
        var mu = rt.NewMutex("mu");
        var x = rt.NewCell("x", 0);
        var locker = rt.Spawn(async () =>
        {
            await mu.Lock();
            await x.Store(1, Relaxed);
        }, "locker");
        var unlocker = rt.Spawn(async () =>
        {
            await x.Store(2, Relaxed);
            await mu.Unlock();
        }, "unlocker");
        await locker.Join();
        await unlocker.Join();
        seen.Finish(rt, $"x={x.Peek()}");
    };

    static Func<Runtime, Task> WaitGroupPublication(Observations seen) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var y = rt.NewCell("y", 0);
        var done = rt.NewWaitGroup("done");
        await done.Add(2);
        var handles = new[]
        {
            rt.Spawn(async () => { await x.Store(1, Plain); await done.Done(); }, "t1"),
            rt.Spawn(async () => { await y.Store(1, Plain); await done.Done(); }, "t2"),
        };
        await done.Wait();
        int sum = await x.Load(Plain) + await y.Load(Plain);
        await JoinAll(handles);
        seen.Finish(rt, $"sum={sum}");
        rt.Assert(sum == 2, "a write was not published by the WaitGroup");
    };

    // The worker adds to the group itself, so the waiter may pass before it is counted (Go's misuse).
    static Func<Runtime, Task> WaitGroupAddRacesWait(Observations seen) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var done = rt.NewWaitGroup("done");
        int read = -1;
        var worker = rt.Spawn(async () =>
        {
            await done.Add(1);
            await x.Store(1, Relaxed);
            await done.Done();
        }, "worker");
        var waiter = rt.Spawn(async () =>
        {
            await done.Wait();
            read = await x.Load(Relaxed);
        }, "waiter");
        await worker.Join();
        await waiter.Join();
        seen.Finish(rt, $"read={read}");
        rt.Assert(read == 1, "the waiter passed before the worker was counted");
    };

    static Func<Runtime, Task> RWMutexReadersWriter(Observations seen) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var rw = rt.NewRWMutex("rw");
        var reads = new int[3];
        var readers = SpawnAll(rt, 2, me => async () =>
        {
            await rw.RLock();
            reads[me] = await x.Load(Plain);
            await rw.RUnlock();
        });
        var writer = rt.Spawn(async () =>
        {
            await rw.Lock();
            await x.Store(1, Plain);
            await x.Store(2, Plain);
            await rw.Unlock();
        }, "writer");
        await JoinAll(readers);
        await writer.Join();
        seen.Finish(rt, $"reads={reads[1]}{reads[2]}");
        rt.Assert(reads[1] != 1 && reads[2] != 1, "a reader saw the writer's intermediate value");
    };

    // A reader that takes the read lock twice deadlocks when a writer announces itself in between (Go's rule).
    static Func<Runtime, Task> RWMutexReaderReenters(Observations seen) => async rt =>
    {
        var rw = rt.NewRWMutex("rw");
        var x = rt.NewCell("x", 0);
        var reader = rt.Spawn(async () =>
        {
            await rw.RLock();
            await rw.RLock();
            await rw.RUnlock();
            await rw.RUnlock();
        }, "reader");
        var writer = rt.Spawn(async () =>
        {
            await rw.Lock();
            await x.Store(1, Relaxed);
            await rw.Unlock();
        }, "writer");
        await reader.Join();
        await writer.Join();
        seen.Finish(rt, $"x={x.Peek()}");
    };

    // Main joins the first task before starting the second: their writes are ordered; a third runs throughout.
    static Func<Runtime, Task> SpawnJoinChain(Observations seen) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var y = rt.NewCell("y", 0);
        var free = rt.Spawn(async () => { int v = await x.Load(Relaxed); await y.Store(v, Relaxed); }, "free");
        var first = rt.Spawn(async () => await x.Store(1, Relaxed), "first");
        await first.Join();
        var second = rt.Spawn(async () => await x.Store(2, Relaxed), "second");
        await second.Join();
        await free.Join();
        seen.Finish(rt, $"x={x.Peek()} y={y.Peek()}");
    };

    // A task chooses which cell to write; another reads both.
    static Func<Runtime, Task> DataChoice(Observations seen) => async rt =>
    {
        var cells = new[] { rt.NewCell("x", 0), rt.NewCell("y", 0) };
        int a = -1, b = -1;
        var chooser = rt.Spawn(async () => await cells[rt.Choose(2)].Store(1, Relaxed), "chooser");
        var reader = rt.Spawn(async () => { a = await cells[0].Load(Relaxed); b = await cells[1].Load(Relaxed); }, "reader");
        await chooser.Join();
        await reader.Join();
        seen.Finish(rt, $"x={cells[0].Peek()} y={cells[1].Peek()} read={a}{b}");
    };

    // Steps that touch several cells: a load followed, in the same step, by immediate writes.
    static Func<Runtime, Task> MultiAccessSteps(Observations seen) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var y = rt.NewCell("y", 0);
        var z = rt.NewCell("z", 0);
        var left = rt.Spawn(async () =>
        {
            int v = await x.Load(Relaxed);
            y.Set(v + 1, Relaxed);
            await z.Store(1, Relaxed);
        }, "left");
        var right = rt.Spawn(async () =>
        {
            int v = await y.Load(Relaxed);
            x.Set(v + 1, Relaxed);
            z.Set(2, Relaxed);
            await rt.Yield();
        }, "right");
        await left.Join();
        await right.Join();
        seen.Finish(rt, $"x={x.Peek()} y={y.Peek()} z={z.Peek()}");
    };

    static Func<Runtime, Task> PlainDataRace(Observations seen) => async rt =>
    {
        var data = rt.NewCell("data", 0);
        var flag = rt.NewCell("flag", 0);
        int read = -1;
        var writer = rt.Spawn(async () => { await data.Store(1, Plain); await flag.Store(1, Relaxed); }, "writer");
        var reader = rt.Spawn(async () =>
        {
            if (await flag.Load(Relaxed) == 1) read = await data.Load(Plain);
        }, "reader");
        await writer.Join();
        await reader.Join();
        seen.Finish(rt, $"read={read}");
    };

    // Release/acquire publication with a bounded wait: the reader tries the flag twice.
    static Func<Runtime, Task> MessagePassing(Observations seen) => async rt =>
    {
        var data = rt.NewCell("data", 0);
        var flag = rt.NewCell("flag", 0);
        int read = -1;
        var writer = rt.Spawn(async () => { await data.Store(42, Plain); await flag.Store(1, Release); }, "writer");
        var reader = rt.Spawn(async () =>
        {
            for (int i = 0; i < 2 && read < 0; i++)
                if (await flag.Load(Acquire) == 1) read = await data.Load(Plain);
        }, "reader");
        await writer.Join();
        await reader.Join();
        seen.Finish(rt, $"read={read}");
        rt.Assert(read is -1 or 42, "the reader saw the flag but not the data");
    };
}
