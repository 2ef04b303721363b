using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.Wrapped;

/// <summary>
/// A copy-on-write map: readers load the current map with an acquire load and read it without a lock;
/// writers, under a mutex, build a new map from the current one plus their change and publish it with a
/// release store, so everything the builder wrote happens-before any reader's use of the new map.
/// The seeded variant publishes with a weaker order (<see cref="PublishOrder"/>): a data race, and
/// under a weak memory model a reader may see the map only partly built (compare golang/go #69652).
/// The writer copies by looking up the keys it has stored (kept under the mutex) rather than ranging:
/// mapiterinit's atomic flag update would be a write to a map that readers are reading.
/// </summary>
public sealed class CopyOnWriteMap : IGoMapWrapper
{
    readonly Runtime rt;
    readonly string name;
    readonly GoMapConfig config;
    readonly Engine.Mutex mu;
    readonly Cell<ClassicMap> current;
    readonly List<GoKey> keys = [];   // writer-side, guarded by mu
    int versions;

    public CopyOnWriteMap(Runtime rt, string name, GoMapConfig config, MemoryOrder publishOrder = MemoryOrder.Release)
    {
        this.rt = rt;
        this.name = name;
        this.config = config;
        PublishOrder = publishOrder;
        mu = rt.NewMutex(name + ".mu");
        current = rt.NewCell(name + ".current", ClassicMap.Make(rt, $"{name}.v0", config).Monitored());
    }

    public MemoryOrder PublishOrder { get; }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<(bool Found, int Value)> Load(GoKey key)
    {
        var map = await current.Load(MemoryOrder.Acquire);
        return await map.Lookup(key);
    }

    public ValueTask Store(GoKey key, int value) => Write(key, value);

    public ValueTask Delete(GoKey key) => Write(key, null);

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask Write(GoKey key, int? value)
    {
        await mu.Lock();
        var old = await current.Load(MemoryOrder.Relaxed);   // ordered by mu: only writers store it
        var fresh = ClassicMap.Make(rt, $"{name}.v{++versions}", config, hint: old.Len() + 1).Monitored();
        foreach (var k in keys)
        {
            if (k.Equals(key)) continue;
            var (found, v) = await old.Lookup(k);
            if (found) await fresh.Assign(k, v);
        }
        if (value is { } v2) await fresh.Assign(key, v2);
        if (!keys.Contains(key)) keys.Add(key);
        await current.Store(fresh, PublishOrder);
        await mu.Unlock();
    }
}
