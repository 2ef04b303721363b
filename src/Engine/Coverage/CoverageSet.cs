namespace ModelCheck.Engine;

/// <summary>The labels reached so far by the executions of one exploration.</summary>
public sealed class CoverageSet
{
    bool[] reached = new bool[64];
    readonly List<CoverageLabel> labels = [];

    internal void Reach(CoverageLabel label)
    {
        if (label.Id >= reached.Length) Array.Resize(ref reached, Math.Max(reached.Length * 2, label.Id + 1));
        if (reached[label.Id]) return;
        reached[label.Id] = true;
        labels.Add(label);
    }

    /// <summary>Adds the labels of <paramref name="other"/> not reached yet, in its order: joining segments in order keeps "first reached".</summary>
    public void Add(CoverageSet other)
    {
        foreach (var label in other.labels) Reach(label);
    }

    public bool Contains(CoverageLabel label) => label.Id < reached.Length && reached[label.Id];

    /// <summary>The labels reached, in the order first reached.</summary>
    public IReadOnlyList<CoverageLabel> Labels => labels;
}
