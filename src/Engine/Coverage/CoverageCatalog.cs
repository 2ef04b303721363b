using System.Reflection;

namespace ModelCheck.Engine;

/// <summary>The coverage labels an assembly declares (its static readonly <see cref="CoverageLabel"/> fields), per model.</summary>
public sealed class CoverageCatalog
{
    CoverageCatalog(IReadOnlyList<CoverageLabel> labels) => All = labels;

    /// <summary>Every label, by model (ordinal), then in declaration order.</summary>
    public IReadOnlyList<CoverageLabel> All { get; }

    public IEnumerable<string> Models => All.Select(l => l.Model).Distinct();

    public static CoverageCatalog Discover(params Assembly[] assemblies)
    {
        var found = new List<(CoverageLabel Label, string Type, int Order)>();
        foreach (var assembly in assemblies)
            foreach (var type in assembly.GetTypes())
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
                    if (field.FieldType == typeof(CoverageLabel) && field.IsInitOnly && field.GetValue(null) is CoverageLabel label)
                        found.Add((label, type.FullName!, field.MetadataToken));
        found.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.Label.Model, b.Label.Model);
            if (c == 0) c = string.CompareOrdinal(a.Type, b.Type);
            return c != 0 ? c : a.Order.CompareTo(b.Order);
        });
        var labels = found.Select(f => f.Label).ToList();
        for (int i = 0; i < labels.Count; i++)
            for (int j = 0; j < i; j++)
                if (labels[i].Model == labels[j].Model && labels[i].Name == labels[j].Name)
                    throw new ScenarioException($"two coverage labels of {labels[i].Model} are named '{labels[i].Name}'");
        return new CoverageCatalog(labels);
    }
}
