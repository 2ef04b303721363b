using FsCheck;
using FsCheck.Fluent;
using ModelCheck.Maps.SyncMap;

using static ModelCheck.Tests.Unit.SyncMap.SyncMapScript;

namespace ModelCheck.Tests.Unit.SyncMap;

/// <summary>
/// Fidelity of the legacy sync.Map model against a plain Dictionary (<see cref="SyncMapScript"/>): random
/// single-task sequences over four keys, long enough to cross many promotions, dirty rebuilds, expunges
/// and revivals, with the SM-1..SM-7 monitors on.
/// </summary>
public sealed class SyncMapFidelityProperty
{
    [Fact]
    public void Model_agrees_with_a_dictionary() =>
        Check.One(Fixed(60), Prop.ForAll(Scripts, script => Agrees(rt =>
        {
            var map = new Maps.SyncMap.SyncMap(rt);
            rt.AddMonitor(new Invariants(map));
            return map;
        }, script, keys: 4)));
}
