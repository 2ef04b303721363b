namespace ModelCheck.Engine;

/// <summary>
/// A state of a model that some scenario should reach ("lookup during a same-size grow"). A model
/// declares each label once, as a static readonly field, and marks reaching it with
/// <see cref="Runtime.Cover"/>; `modelcheck test --coverage` then reports, per model, which labels the
/// explored scenarios reached. A label no scenario can reach says why in <see cref="Unreachable"/>.
/// </summary>
public sealed class CoverageLabel
{
    static int count;

    public CoverageLabel(string model, string name, string? unreachable = null)
    {
        Model = model;
        Name = name;
        Unreachable = unreachable;
        Id = System.Threading.Interlocked.Increment(ref count) - 1;
    }

    /// <summary>The scenario group the label belongs to: "gomap" for the scenarios named gomap/...</summary>
    public string Model { get; }
    public string Name { get; }

    /// <summary>Why no scenario reaches this state, for a label kept to document it; null for a label that must be reached.</summary>
    public string? Unreachable { get; }

    // Dense, so a run's coverage is a bit per label; assigned in construction order, which output never shows.
    internal int Id { get; }

    public override string ToString() => $"{Model}: {Name}";
}
