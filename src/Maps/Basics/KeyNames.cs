namespace ModelCheck.Maps.Basics;

/// <summary>
/// The names integer keys go by in histories, traces and node labels ("k5"). Made once for the small keys
/// every scenario uses, so recording an operation or making a node builds no string per execution.
/// </summary>
static class KeyNames
{
    static readonly string[] Small = [.. Enumerable.Range(0, 64).Select(key => $"k{key}")];

    public static string Of(int key) => (uint)key < (uint)Small.Length ? Small[key] : $"k{key}";
}
