using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.Basics;

/// <summary>
/// The smallest programs that show what the engine finds: a counter incremented without a lock
/// (each load and store is atomic, so there is no data race, but an update can be lost), and the
/// same counter under a mutex.
/// </summary>
public static class Counters
{
    const int Workers = 2;
    const int Increments = 2;

    [Scenario("engine/racy-counter", Expect = BugKind.AssertionFailure,
        Description = "two tasks increment a counter with a relaxed load then a relaxed store: an update is lost")]
    public static async Task RacyCounter(Runtime rt)
    {
        var counter = rt.NewCell("counter", 0);
        var done = rt.NewWaitGroup("done");
        await done.Add(Workers);
        for (int w = 0; w < Workers; w++)
            rt.Spawn(async () =>
            {
                for (int i = 0; i < Increments; i++)
                {
                    int seen = await counter.Load(Relaxed);
                    await counter.Store(seen + 1, Relaxed);
                }
                await done.Done();
            }, $"worker{w + 1}");
        await done.Wait();
        int total = await counter.Load(Relaxed);
        rt.Assert(total == Workers * Increments, $"counter is {total}, expected {Workers * Increments}: an increment was lost");
    }

    [Scenario("engine/mutex-counter",
        Description = "the same increments under a Mutex: no update is lost")]
    public static async Task MutexCounter(Runtime rt)
    {
        var counter = rt.NewCell("counter", 0);
        var mu = rt.NewMutex("mu");
        var workers = new TaskHandle[Workers];
        for (int w = 0; w < Workers; w++)
            workers[w] = rt.Spawn(async () =>
            {
                for (int i = 0; i < Increments; i++)
                {
                    await mu.Lock();
                    int seen = await counter.Load(Plain);
                    await counter.Store(seen + 1, Plain);
                    await mu.Unlock();
                }
            }, $"worker{w + 1}");
        foreach (var worker in workers) await worker.Join();
        int total = await counter.Load(Plain);
        rt.Assert(total == Workers * Increments, $"counter is {total}, expected {Workers * Increments}");
    }

    [Scenario("engine/waitgroup-join",
        Description = "three tasks each add their share to an atomic total and signal a WaitGroup; main waits and checks the sum")]
    public static async Task WaitGroupJoin(Runtime rt)
    {
        var total = rt.NewCell("total", 0);
        var wg = rt.NewWaitGroup("wg");
        for (int w = 1; w <= 3; w++)
        {
            int share = w;
            await wg.Add(1);
            rt.Spawn(async () =>
            {
                await total.FetchAdd(share, SeqCst);
                await wg.Done();
            }, $"worker{w}");
        }
        await wg.Wait();
        int sum = await total.Load(SeqCst);
        rt.Assert(sum == 6, $"total is {sum} after Wait, expected 6");
    }
}
