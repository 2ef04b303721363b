using ModelCheck.Maps.SwissMap;
using ModelCheck.Tests.Unit.GoMap;

namespace ModelCheck.Tests.Unit.SwissMap;

/// <summary>
/// Fidelity of the Swiss map model against a plain Dictionary (GoMapFidelity, the classic map's property):
/// scripts over 48 keys cross growToTable, grows (faithful) or splits and directory doublings (reduced),
/// tombstones and their reuse, and clears. The SW and CM-11 monitors are on as well, so a structural
/// slip fails the property even when the results still agree.
/// </summary>
public sealed class SwissMapFidelityProperty
{
    [Fact]
    public void Faithful_model_agrees_with_a_dictionary() => GoMapFidelity.Check(40, (rt, hint) => Maps.SwissMap.SwissMap.Make(rt, "m", SwissMapConfig.Faithful, hint).Monitored());

    [Fact]
    public void Reduced_model_agrees_with_a_dictionary() => GoMapFidelity.Check(40, (rt, hint) => Maps.SwissMap.SwissMap.Make(rt, "m", SwissMapConfig.Reduced, hint).Monitored());

    // Under W-3 (delete without tombstones) the property must fail: the scripts do reach full groups.
    [Fact]
    public void Property_fails_on_the_delete_without_tombstone_mutant()
    {
        var config = SwissMapConfig.Reduced with { Bug = SwissMapBug.W3DeleteWithoutTombstone };
        Assert.ThrowsAny<Exception>(() => GoMapFidelity.Check(40, (rt, hint) => Maps.SwissMap.SwissMap.Make(rt, "m", config, hint).Monitored()));
    }
}
