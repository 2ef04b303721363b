using ModelCheck.Engine;

namespace ModelCheck.Maps.Basics;

/// <summary>Lock-order inversion: each task holds one mutex and waits for the other's.</summary>
public static class Deadlocks
{
    [Scenario("engine/lock-order-deadlock", Expect = BugKind.Deadlock,
        Description = "task A locks a then b, task B locks b then a: both can wait forever")]
    public static async Task LockOrder(Runtime rt)
    {
        var a = rt.NewMutex("a");
        var b = rt.NewMutex("b");
        var first = rt.Spawn(() => LockBoth(a, b), "A");
        var second = rt.Spawn(() => LockBoth(b, a), "B");
        await first.Join();
        await second.Join();
    }

    static async Task LockBoth(Mutex outer, Mutex inner)
    {
        await outer.Lock();
        await inner.Lock();
        await inner.Unlock();
        await outer.Unlock();
    }
}
