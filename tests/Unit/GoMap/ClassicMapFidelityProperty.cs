using ModelCheck.Maps.GoMap;

namespace ModelCheck.Tests.Unit.GoMap;

/// <summary>
/// Fidelity of the classic Go map model against a plain Dictionary (GoMapFidelity): scripts long enough to
/// cross several grows (doubling and, through colliding keys, same-size), on both configurations. The
/// model's own monitors are off: the dictionary is the judge.
/// </summary>
public sealed class ClassicMapFidelityProperty
{
    [Fact]
    public void Faithful_model_agrees_with_a_dictionary() => GoMapFidelity.Check(40, (rt, hint) => ClassicMap.Make(rt, "m", GoMapConfig.Faithful, hint));

    [Fact]
    public void Reduced_model_agrees_with_a_dictionary() => GoMapFidelity.Check(40, (rt, hint) => ClassicMap.Make(rt, "m", GoMapConfig.Reduced, hint));
}
