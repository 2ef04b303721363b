namespace ModelCheck.Engine;

// Coverage labels: a model marks the states it reaches; the explorer collects them when asked.
public sealed partial class Runtime
{
    /// <summary>Where reached labels go during a --coverage exploration; null otherwise, so marking costs a null check.</summary>
    internal CoverageSet? Coverage { get; set; }

    /// <summary>Marks <paramref name="label"/> as reached by this execution. Ghost code: it changes nothing the model does.</summary>
    public void Cover(CoverageLabel label) => Coverage?.Reach(label);

    /// <summary><see cref="Cover(CoverageLabel)"/> when <paramref name="condition"/> holds; the condition is the caller's to keep cheap.</summary>
    public void CoverIf(bool condition, CoverageLabel label)
    {
        if (condition) Coverage?.Reach(label);
    }

    /// <summary>True while coverage is collected: guard a costly test of whether a label is reached with it.</summary>
    public bool CollectsCoverage => Coverage is not null;
}
