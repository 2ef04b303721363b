using System.Reflection;

namespace ModelCheck.Engine;

/// <summary>The scenarios found in a set of assemblies, sorted by name (ordinal) so listings are stable.</summary>
public sealed class ScenarioCatalog
{
    readonly List<Scenario> scenarios;

    ScenarioCatalog(List<Scenario> scenarios) => this.scenarios = scenarios;

    public IReadOnlyList<Scenario> All => scenarios;

    public static ScenarioCatalog Discover(params Assembly[] assemblies)
    {
        var found = new List<Scenario>();
        foreach (var assembly in assemblies)
            foreach (var type in assembly.GetTypes())
                foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
                    foreach (var attribute in method.GetCustomAttributes<ScenarioAttribute>())
                        found.Add(Create(method, attribute));
        return Of(found);
    }

    /// <summary>A catalog of scenarios made elsewhere (litmus tests as scenarios, say); names must be unique.</summary>
    public static ScenarioCatalog Of(IEnumerable<Scenario> scenarios)
    {
        var found = scenarios.ToList();
        found.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (int i = 1; i < found.Count; i++)
            if (found[i].Name == found[i - 1].Name)
                throw new ScenarioException($"two scenarios are named '{found[i].Name}'");
        return new ScenarioCatalog(found);
    }

    public Scenario? Find(string name) => scenarios.Find(s => s.Name == name);

    /// <summary>
    /// The scenarios matching any of the patterns: a glob with * and ?, or a plain name that matches
    /// itself and everything below it ("gomap" matches "gomap/insert").
    /// </summary>
    public IReadOnlyList<Scenario> Match(IReadOnlyList<string> patterns) =>
        patterns.Count == 0 ? scenarios : scenarios.Where(s => patterns.Any(p => Matches(p, s.Name))).ToList();

    /// <summary>True when <paramref name="pattern"/> (a glob, or a plain name covering itself and what is below it) matches <paramref name="name"/>.</summary>
    public static bool Matches(string pattern, string name)
    {
        if (pattern.AsSpan().IndexOfAny('*', '?') < 0)
            return name == pattern || name.StartsWith(pattern.TrimEnd('/') + "/", StringComparison.Ordinal);
        return Glob(pattern, 0, name, 0);
    }

    static bool Glob(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            char c = pattern[p];
            if (c == '*')
            {
                for (int k = n; k <= name.Length; k++)
                    if (Glob(pattern, p + 1, name, k)) return true;
                return false;
            }
            if (n >= name.Length || (c != '?' && c != name[n])) return false;
            p++;
            n++;
        }
        return n == name.Length;
    }

    static Scenario Create(MethodInfo method, ScenarioAttribute attribute)
    {
        var parameters = method.GetParameters();
        bool takesArgument = parameters.Length == 2 && parameters[1].ParameterType == typeof(string);
        if (method.ReturnType != typeof(Task) || parameters.Length is < 1 or > 2
            || parameters[0].ParameterType != typeof(Runtime) || (parameters.Length == 2 && !takesArgument))
            throw new ScenarioException(
                $"scenario '{attribute.Name}' ({method.DeclaringType?.Name}.{method.Name}) must be a static method Task M(Runtime) or Task M(Runtime, string)");
        if (takesArgument != (attribute.Argument is not null))
            throw new ScenarioException($"scenario '{attribute.Name}': an Argument is given exactly when the method takes one");
        Func<Runtime, Task> entry;
        if (takesArgument)
        {
            var withArgument = method.CreateDelegate<Func<Runtime, string, Task>>();
            string argument = attribute.Argument!;
            entry = rt => withArgument(rt, argument);
        }
        else
        {
            entry = method.CreateDelegate<Func<Runtime, Task>>();
        }
        MemoryModel? memory = null;
        if (attribute.Memory is { } name)
            memory = MemoryModelNames.TryParse(name, out var model) ? model
                : throw new ScenarioException($"scenario '{attribute.Name}': Memory must be {MemoryModelNames.Choices}, not '{name}'");
        StrategyKind? strategy = null;
        if (attribute.Strategy is { } strategyName)
            strategy = StrategyKindNames.TryParse(strategyName, out var kind) && kind != StrategyKind.Portfolio ? kind
                : throw new ScenarioException($"scenario '{attribute.Name}': Strategy must be random, pct or dfs, not '{strategyName}'");
        if (attribute.PreemptionBound < -1)
            throw new ScenarioException($"scenario '{attribute.Name}': PreemptionBound must be -1 (unbounded) or at least 0, not {attribute.PreemptionBound}");
        if (attribute.Accepts.Length > 0 && attribute.Expect == BugKind.None)
            throw new ScenarioException($"scenario '{attribute.Name}': only a scenario that expects a bug can accept other kinds");
        return new Scenario(attribute.Name, attribute.Description, attribute.Expect, entry)
        {
            Fingerprint = ScenarioFingerprint.Of(
                $"{attribute.Name}|{attribute.Expect.ToName()}|{attribute.Memory}|{attribute.RaceDetection}|{attribute.Argument}|{method.DeclaringType?.FullName}.{method.Name}",
                method.Module),
            Memory = memory,
            RaceDetection = attribute.RaceDetection,
            ToleratesCutOff = attribute.ToleratesCutOff is { } reason && string.IsNullOrWhiteSpace(reason)
                ? throw new ScenarioException($"scenario '{attribute.Name}': ToleratesCutOff must say why")
                : attribute.ToleratesCutOff,
            Accepts = attribute.Accepts,
            PreemptionBound = attribute.PreemptionBound >= 0 ? attribute.PreemptionBound : null,
            Strategy = strategy,
        };
    }
}

/// <summary>A scenario is declared wrongly or asked for by a name that does not exist.</summary>
public sealed class ScenarioException(string message) : Exception(message);
