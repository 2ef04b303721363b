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
    public void Faithful_model_agrees_with_a_dictionary() => GoMapFidelity.Check(40, (rt, hint) => Adapt(ClassicMap.Make(rt, "m", GoMapConfig.Faithful, hint)));

    [Fact]
    public void Reduced_model_agrees_with_a_dictionary() => GoMapFidelity.Check(40, (rt, hint) => Adapt(ClassicMap.Make(rt, "m", GoMapConfig.Reduced, hint)));

    static FidelityMap Adapt(ClassicMap m) => new(m.Assign, m.Delete, m.Lookup, m.Clear, async () =>
    {
        var entries = new List<(GoKey, int)>();
        for (var it = await m.Range(); it.Key is not null; await it.Next()) entries.Add((it.Key, it.Value));
        return entries;
    }, m.Len);
}
