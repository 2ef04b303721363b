using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.Wrapped;

/// <summary>A map guarded by one sync.Mutex: every operation, reads included, holds it.</summary>
public sealed class MutexMap(Runtime rt, string name, GoMapConfig config) : IGoMapWrapper
{
    readonly Engine.Mutex mu = rt.NewMutex(name + ".mu");
    readonly ClassicMap map = ClassicMap.Make(rt, name, config).Monitored();

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(bool Found, int Value)> Load(GoKey key)
    {
        await mu.Lock();
        var result = await map.Lookup(key);
        await mu.Unlock();
        return result;
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Store(GoKey key, int value)
    {
        await mu.Lock();
        await map.Assign(key, value);
        await mu.Unlock();
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask Delete(GoKey key)
    {
        await mu.Lock();
        await map.Delete(key);
        await mu.Unlock();
    }
}
