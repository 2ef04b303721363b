using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.Wrapped;

/// <summary>
/// A map guarded by a sync.RWMutex: lookups share the read lock (concurrent readers are legal, §1.0a),
/// writes take it exclusively.
/// </summary>
public sealed class RWMutexMap(Runtime rt, string name, GoMapConfig config) : IGoMapWrapper
{
    readonly RWMutex mu = rt.NewRWMutex(name + ".mu");
    readonly ClassicMap map = ClassicMap.Make(rt, name, config).Monitored();

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(bool Found, int Value)> Load(GoKey key)
    {
        await mu.RLock();
        var result = await map.Lookup(key);
        await mu.RUnlock();
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
