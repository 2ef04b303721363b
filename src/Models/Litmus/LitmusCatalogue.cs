namespace ModelCheck.Models.Litmus;

/// <summary>
/// The standard litmus tests shipped with the checker (Catalogue/*.litmus.json, embedded in this
/// assembly): coherence, SB, MP, LB, IRIW, WRC, ISA2, 2+2W, R and S with their release/acquire, seq_cst
/// and fenced variants. Each test cites its source and states the published verdict under sc, tso and ra.
/// </summary>
public static class LitmusCatalogue
{
    const string Prefix = "litmus/";

    static readonly Lazy<IReadOnlyList<LitmusTest>> tests = new(LoadAll);

    public static IReadOnlyList<LitmusTest> All => tests.Value;

    public static LitmusTest? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    static IReadOnlyList<LitmusTest> LoadAll()
    {
        var assembly = typeof(LitmusCatalogue).Assembly;
        var all = new List<LitmusTest>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            all.AddRange(LitmusParser.Parse(reader.ReadToEnd(), "catalogue/" + resource[Prefix.Length..]));
        }
        return all;
    }
}
